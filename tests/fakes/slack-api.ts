/**
 * A fake of the Slack Web API on 127.0.0.1, in its shape: `POST /api/<method>` with a form or
 * JSON body and a bearer token, answering `{ok:true,...}` or `{ok:false,error}` with HTTP 200,
 * 429 with Retry-After when rate limited, and the token's scopes in X-OAuth-Scopes. It also
 * serves response URLs (`POST /response/<id>`), where Bolt's respond() posts.
 *
 * Every call is recorded, in order, with a sequence number shared with the test (`tick()`), so
 * tests can assert what happened before what. Faults are scripted per channel.
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type SlackFault =
  | 'rate_limited'
  | 'server_error'
  | 'not_in_channel'
  | 'channel_not_found'
  | 'is_archived'
  | 'account_inactive'
  | 'invalid_auth'
  | 'token_revoked';

export interface ChannelInfo {
  id: string;
  name: string;
  is_channel: boolean;
  is_private: boolean;
  is_im: boolean;
  is_mpim: boolean;
  is_member: boolean;
  is_archived: boolean;
}

export interface FakeCall {
  seq: number;
  method: string;
  /** the body, with the JSON-encoded fields (blocks) decoded */
  body: Record<string, any>;
  /** what the fake answered: 'ok', an error code, or 'http 429' / 'http 500' */
  outcome: string;
  at: number;
}

export interface FakeResponse {
  seq: number;
  /** the id in the response URL */
  id: string;
  body: Record<string, any>;
  at: number;
}

export interface FakeSlackOptions {
  /** the only token accepted (default xoxb-test-token) */
  token?: string;
  teamId?: string;
  botUserId?: string;
  botId?: string;
  /** what X-OAuth-Scopes reports (default: the manifest's bot scopes) */
  scopes?: string[];
  /** Retry-After, in seconds, of scripted 429s (default 1) */
  retryAfter?: number;
}

export interface FakeSlack {
  /** the base URL for SLACK_API_URL / slackApiUrl */
  readonly apiUrl: string;
  readonly calls: FakeCall[];
  readonly responses: FakeResponse[];
  readonly botUserId: string;
  /** a response URL on the fake; its posts are recorded under `id` */
  responseUrl(id: string): string;
  /** the messages chat.postMessage accepted, for one channel or all */
  posts(channel?: string): FakeCall[];
  /** what respond() posted to one response URL */
  responsesTo(id: string): FakeResponse[];
  /** the next `times` chat.postMessage calls to the channel get this fault */
  fault(channel: string, fault: SlackFault, times?: number): void;
  /** what conversations.info says of a channel; 'not_found' gives channel_not_found */
  setChannel(id: string, info: Partial<ChannelInfo> | 'not_found'): void;
  /** the channels users.conversations reports a user is in */
  setMembership(user: string, channels: string[]): void;
  /** the views views.publish received, latest last */
  published(user?: string): FakeCall[];
  /** make every call of a method fail with HTTP 500 from now on (or stop, with false) */
  breakMethod(method: string, broken?: boolean): void;
  /** make every call of a method answer only after `ms` (0 to stop) */
  slowMethod(method: string, ms: number): void;
  /** a sequence number from the same counter as the recorded calls, to order test events */
  tick(): number;
  /** resolves with the first value `pick` returns that is not undefined, re-checked after every call */
  waitFor<T>(pick: () => T | undefined, timeoutMs?: number, what?: string): Promise<T>;
  close(): Promise<void>;
}

export const MANIFEST_SCOPES = ['commands', 'chat:write', 'chat:write.public', 'channels:read', 'groups:read', 'im:read', 'mpim:read'];

/** Fields WebClient sends JSON-encoded inside a form body. */
const JSON_FIELDS = new Set(['blocks', 'attachments', 'metadata', 'view']);

function parseBody(raw: string, contentType: string | undefined): Record<string, any> {
  if (!raw) return {};
  if (contentType?.startsWith('application/json')) return JSON.parse(raw) as Record<string, any>;
  const out: Record<string, any> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = JSON_FIELDS.has(k) ? JSON.parse(v) : v;
  }
  return out;
}

function read(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startFakeSlack(opts: FakeSlackOptions = {}): Promise<FakeSlack> {
  const token = opts.token ?? 'xoxb-test-token';
  const teamId = opts.teamId ?? 'T0TEST';
  const botUserId = opts.botUserId ?? 'U0NEWSBOT';
  const botId = opts.botId ?? 'B0NEWSBOT';
  const scopes = opts.scopes ?? MANIFEST_SCOPES;
  const retryAfter = opts.retryAfter ?? 1;

  const calls: FakeCall[] = [];
  const responses: FakeResponse[] = [];
  const faults = new Map<string, SlackFault[]>();
  const channels = new Map<string, Partial<ChannelInfo> | 'not_found'>();
  const broken = new Set<string>();
  const slow = new Map<string, number>();
  const membership = new Map<string, string[]>();
  const events = new EventEmitter();
  events.setMaxListeners(0);
  let seq = 0;
  let ts = 1_700_000_000;

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-oauth-scopes': scopes.join(','), ...headers });
    res.end(JSON.stringify(body));
  };

  const record = (method: string, body: Record<string, any>, outcome: string) => {
    calls.push({ seq: ++seq, method, body, outcome, at: performance.now() });
    events.emit('change');
  };

  const channelInfo = (id: string): Record<string, unknown> | undefined => {
    const set = channels.get(id);
    if (set === 'not_found') return undefined;
    const isIm = id.startsWith('D');
    return {
      id,
      name: isIm ? undefined : `channel-${id.toLowerCase()}`,
      is_channel: !isIm,
      is_private: id.startsWith('G'),
      is_im: isIm,
      is_mpim: false,
      is_member: true,
      is_archived: false,
      ...set,
    };
  };

  const api = (method: string, body: Record<string, any>, auth: string | undefined, res: ServerResponse) => {
    const fail = (error: string) => {
      record(method, body, error);
      json(res, 200, { ok: false, error });
    };
    if (broken.has(method)) {
      record(method, body, 'http 500');
      json(res, 500, { ok: false, error: 'internal_error' });
      return;
    }
    const given = auth?.replace(/^Bearer\s+/i, '') ?? body.token;
    if (given !== token) return fail(given ? 'invalid_auth' : 'not_authed');

    switch (method) {
      case 'auth.test':
        record(method, body, 'ok');
        return json(res, 200, { ok: true, url: 'https://fake.slack.test/', team: 'Fake', user: 'newsbot', team_id: teamId, user_id: botUserId, bot_id: botId });
      case 'chat.postMessage':
      case 'chat.postEphemeral': {
        const channel = String(body.channel ?? '');
        const fault = faults.get(channel)?.shift();
        if (fault === 'rate_limited') {
          record(method, body, 'http 429');
          return json(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(retryAfter) });
        }
        if (fault === 'server_error') {
          record(method, body, 'http 500');
          return json(res, 500, { ok: false, error: 'internal_error' });
        }
        if (fault) return fail(fault);
        if (!channel) return fail('channel_not_found');
        if (!body.text && !body.blocks) return fail('no_text');
        ts += 1;
        const messageTs = `${ts}.000100`;
        record(method, body, 'ok');
        return json(res, 200, { ok: true, channel, ts: messageTs, message: { type: 'message', text: body.text, ts: messageTs, bot_id: botId } });
      }
      case 'conversations.info': {
        const info = channelInfo(String(body.channel ?? ''));
        if (!info) return fail('channel_not_found');
        record(method, body, 'ok');
        return json(res, 200, { ok: true, channel: info });
      }
      case 'users.conversations': {
        record(method, body, 'ok');
        const list = membership.get(String(body.user ?? '')) ?? [];
        return json(res, 200, { ok: true, channels: list.map((id) => channelInfo(id) ?? { id }), response_metadata: { next_cursor: '' } });
      }
      case 'views.publish': {
        if (!body.user_id || !body.view) return fail('invalid_arguments');
        const view = typeof body.view === 'string' ? JSON.parse(body.view) : body.view;
        record(method, { ...body, view }, 'ok');
        return json(res, 200, { ok: true, view: { id: 'V0HOME', ...view } });
      }
      default:
        return fail('unknown_method');
    }
  };

  const server = createServer((req, res) => {
    void (async () => {
      const raw = await read(req);
      const path = (req.url ?? '/').split('?')[0];
      let body: Record<string, any>;
      try {
        body = parseBody(raw, req.headers['content-type']);
      } catch {
        json(res, 200, { ok: false, error: 'invalid_json' });
        return;
      }
      if (req.method === 'POST' && path.startsWith('/api/')) {
        const method = path.slice('/api/'.length);
        const delay = slow.get(method) ?? 0;
        if (delay > 0) {
          await new Promise((r) => setTimeout(r, delay).unref());
          // The caller gave up, or the fake was closed, while it waited.
          if (res.destroyed) return;
        }
        api(method, body, req.headers.authorization, res);
        return;
      }
      if (req.method === 'POST' && path.startsWith('/response/')) {
        responses.push({ seq: ++seq, id: decodeURIComponent(path.slice('/response/'.length)), body, at: performance.now() });
        events.emit('change');
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        return;
      }
      res.writeHead(404).end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    apiUrl: `${base}/api/`,
    calls,
    responses,
    botUserId,
    responseUrl: (id) => `${base}/response/${encodeURIComponent(id)}`,
    posts: (channel) => calls.filter((c) => c.method === 'chat.postMessage' && c.outcome === 'ok' && (channel === undefined || c.body.channel === channel)),
    responsesTo: (id) => responses.filter((r) => r.id === id),
    fault(channel, fault, times = 1) {
      const list = faults.get(channel) ?? [];
      for (let i = 0; i < times; i++) list.push(fault);
      faults.set(channel, list);
    },
    setChannel(id, info) {
      channels.set(id, info);
    },
    setMembership(user, list) {
      membership.set(user, list);
    },
    published: (user) => calls.filter((c) => c.method === 'views.publish' && c.outcome === 'ok' && (user === undefined || c.body.user_id === user)),
    breakMethod(method, on = true) {
      if (on) broken.add(method);
      else broken.delete(method);
    },
    slowMethod(method, ms) {
      slow.set(method, ms);
    },
    tick: () => ++seq,
    waitFor<T>(pick: () => T | undefined, timeoutMs = 3000, what = 'the fake Slack API to receive it'): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const check = () => {
          const v = pick();
          if (v === undefined) return false;
          clearTimeout(timer);
          events.off('change', check);
          resolve(v);
          return true;
        };
        const timer = setTimeout(() => {
          events.off('change', check);
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
        }, timeoutMs);
        if (!check()) events.on('change', check);
      });
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
