/**
 * A fake of the Slack Web API on 127.0.0.1, in its shape: `POST /api/<method>` with a form or
 * JSON body and a bearer token, answering `{ok:true,...}` or `{ok:false,error}` with HTTP 200,
 * 429 with Retry-After when rate limited, and the token's scopes in X-OAuth-Scopes. It also
 * serves response URLs (`POST /response/<id>`), where Bolt's respond() posts.
 *
 * Every call is recorded, in order, with a sequence number shared with the test (`tick()`), so
 * tests can assert what happened before what. Faults are scripted per channel.
 *
 * Like Slack, it checks every message and view it is sent against Block Kit's limits (see
 * checkMessage below): what Slack would refuse is refused as Slack refuses it (invalid_blocks,
 * with response_metadata.messages; HTTP 400 at a response URL), and everything Slack would refuse
 * or warn about is also kept in `violations`, which the Slack tests' rig checks is empty after
 * each test.
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
  /** what the fake answered: 'ok', or the error Slack would answer (HTTP 400/404) */
  outcome: string;
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
  /**
   * Slack's pace for chat.postMessage, per channel: a bucket of `burst` messages that refills at
   * `perSecond` (about one a second, with short bursts); a post to an empty bucket gets 429 with
   * Retry-After 1. Off by default.
   */
  channelLimit?: { perSecond: number; burst: number };
  /** every answer waits this long after the call was taken (and counted): the network's round trip */
  delayMs?: number;
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
  /** what respond() posted to one response URL (refused posts too, with their outcome) */
  responsesTo(id: string): FakeResponse[];
  /** every message or view sent that Slack would have refused, or taken with a warning */
  readonly violations: FakeViolation[];
  /** hands over and forgets this fake's violations, for a test that sends bad messages on purpose */
  takeViolations(): FakeViolation[];
  /** the next `times` chat.postMessage calls to the channel get this fault */
  fault(channel: string, fault: SlackFault, times?: number): void;
  /** what conversations.info says of a channel; 'not_found' gives channel_not_found */
  setChannel(id: string, info: Partial<ChannelInfo> | 'not_found'): void;
  /** the channels users.conversations reports a user is in */
  setMembership(user: string, channels: string[]): void;
  /** the views views.publish received, latest last */
  published(user?: string): FakeCall[];
  /**
   * The next `times` calls of a Web API method (conversations.info…), or posts to any response
   * URL ('response_url'), get 429 with Retry-After: Slack's method tiers, whatever the channel.
   */
  rateLimit(method: string, times?: number): void;
  /** make every call of a method fail with HTTP 500 from now on (or stop, with false) */
  breakMethod(method: string, broken?: boolean): void;
  /** make every call of a method answer only after `ms` (0 to stop) */
  slowMethod(method: string, ms: number): void;
  /** a sequence number from the same counter as the recorded calls, to order test events */
  tick(): number;
  /** 429s answered because of `channelLimit` */
  readonly rateLimited: number;
  /** resolves with the first value `pick` returns that is not undefined, re-checked after every call */
  waitFor<T>(pick: () => T | undefined, timeoutMs?: number, what?: string): Promise<T>;
  close(): Promise<void>;
}

export const MANIFEST_SCOPES = [
  'commands',
  'chat:write',
  'chat:write.public',
  'channels:read',
  'groups:read',
  'im:read',
  'mpim:read',
];

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

// ---------------------------------------------------------------------------------------------
// Block Kit limits, checked on everything the fake is sent (chat.postMessage, chat.postEphemeral,
// views.publish and response URL posts), as Slack checks them. From the Block Kit reference
// (docs.slack.dev/reference/block-kit): at most 50 blocks in a message and 100 in a Home tab;
// block_id and action_id at most 255 characters (block_ids unique in a message, action_ids in
// their block); a section's text 1 to 3,000 characters, or at most 10 fields of at most 2,000; a
// header's text plain_text, at most 150; a context at most 10 elements; an actions block at most
// 25 elements; a button's text plain_text, at most 75, its value at most 2,000, its url at most
// 3,000; a text object plain_text (type, text, emoji) or mrkdwn (type, text, verbatim) and
// nothing else. A message's top-level `text` is its fallback: Slack truncates it past 40,000
// characters (the fake refuses it, msg_too_long, to be strict), and warns when a message with
// blocks has none. A response URL takes at most 5 posts.
// Lengths are counted in characters (code points), on the text as sent (entities included).
// ---------------------------------------------------------------------------------------------

const BLOCK_KIT_LIMITS = {
  messageBlocks: 50,
  homeBlocks: 100,
  blockId: 255,
  actionId: 255,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  textObject: 3000,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  buttonAccessibilityLabel: 75,
  imageUrl: 3000,
  imageAltText: 2000,
  messageText: 40_000,
  viewPrivateMetadata: 3000,
  viewCallbackId: 255,
  responseUrlUses: 5,
} as const;

export interface BlockKitProblem {
  /** 'error': Slack refuses the message; 'warning': Slack takes it, and says what is wrong */
  severity: 'error' | 'warning';
  /** a JSON pointer into what was sent, as Slack gives it (`/blocks/3/text/text`) */
  pointer: string;
  /** Slack's words where known (`must be less than 3001 characters`) */
  message: string;
  /** the offending value, strings cut to 120 characters with their full length */
  value?: unknown;
  /** the error code Slack answers with for this problem */
  code: 'invalid_blocks' | 'msg_too_long' | 'missing_fallback_text' | 'used_url';
}

/** A message or view the fake was sent that Slack would have refused or warned about. */
export interface FakeViolation {
  seq: number;
  /** 'chat.postMessage', 'chat.postEphemeral', 'views.publish' or 'response_url' */
  method: string;
  /** the channel, the user whose Home tab, or the response URL's id */
  target: string;
  /** what the fake answered: an error code, or 'ok' when Slack takes it with a warning */
  outcome: string;
  problems: BlockKitProblem[];
}

/** Slack's way of listing problems in response_metadata.messages. */
function slackMessages(problems: BlockKitProblem[]): string[] {
  return problems.map(
    (p) => `[${p.severity === 'error' ? 'ERROR' : 'WARN'}] ${p.message} [json-pointer:${p.pointer}]`,
  );
}

/** One line a person can read: where, what, and the offending value. */
export function describeViolation(v: FakeViolation): string {
  return `${v.method} to ${v.target} (fake answered ${v.outcome}): ${v.problems
    .map(
      (p) => `${p.pointer} ${p.message}${p.value === undefined ? '' : ` (got ${JSON.stringify(p.value)})`}`,
    )
    .join('; ')}`;
}

const chars = (s: string): number => [...s].length;

function shown(value: unknown): unknown {
  if (typeof value === 'string') {
    const n = chars(value);
    return n > 120 ? `${[...value].slice(0, 120).join('')}… (${n} characters)` : value;
  }
  if (Array.isArray(value)) return `[${value.length} items]`;
  return value;
}

class Checker {
  readonly problems: BlockKitProblem[] = [];

  error(
    pointer: string,
    message: string,
    value?: unknown,
    code: BlockKitProblem['code'] = 'invalid_blocks',
  ): void {
    this.problems.push({
      severity: 'error',
      pointer,
      message,
      code,
      ...(value === undefined ? {} : { value: shown(value) }),
    });
  }

  warn(pointer: string, message: string, code: BlockKitProblem['code']): void {
    this.problems.push({ severity: 'warning', pointer, message, code });
  }

  /** a string of min..max characters; absent is fine unless required */
  string(pointer: string, value: unknown, max: number, o: { min?: number; required?: boolean } = {}): void {
    if (value === undefined) {
      if (o.required) this.error(pointer, 'missing required field');
      return;
    }
    if (typeof value !== 'string') return this.error(pointer, 'must be a string', value);
    const n = chars(value);
    if (n > max) this.error(pointer, `must be less than ${max + 1} characters`, value);
    if (n < (o.min ?? 0)) this.error(pointer, `must be more than ${(o.min ?? 0) - 1} characters`, value);
  }

  /** an array of min..max items; false when it is not an array at all */
  array(
    pointer: string,
    value: unknown,
    max: number,
    o: { min?: number; required?: boolean } = {},
  ): value is unknown[] {
    if (value === undefined) {
      if (o.required) this.error(pointer, 'missing required field');
      return false;
    }
    if (!Array.isArray(value)) {
      this.error(pointer, 'must be an array', value);
      return false;
    }
    if (value.length > max) this.error(pointer, `must be less than ${max + 1} items`, value);
    if (value.length < (o.min ?? 0))
      this.error(pointer, `must be more than ${(o.min ?? 0) - 1} items`, value);
    return true;
  }

  textObject(
    pointer: string,
    t: any,
    max: number,
    o: { plainOnly?: boolean; required?: boolean } = {},
  ): void {
    if (t === undefined) {
      if (o.required) this.error(pointer, 'missing required field');
      return;
    }
    if (!t || typeof t !== 'object' || Array.isArray(t))
      return this.error(pointer, 'must be a text object', t);
    if (t.type !== 'plain_text' && t.type !== 'mrkdwn')
      return this.error(`${pointer}/type`, `unsupported type: ${String(t.type)}`, t.type);
    if (o.plainOnly && t.type !== 'plain_text') this.error(`${pointer}/type`, 'must be plain_text', t.type);
    const allowed = t.type === 'plain_text' ? ['type', 'text', 'emoji'] : ['type', 'text', 'verbatim'];
    for (const k of Object.keys(t))
      if (!allowed.includes(k)) this.error(pointer, `invalid additional property: ${k}`);
    this.string(`${pointer}/text`, t.text, max, { min: 1, required: true });
  }

  element(pointer: string, e: any, actionIds: Set<string>): void {
    if (!e || typeof e !== 'object') return this.error(pointer, 'must be an element object', e);
    if (e.type === 'image') {
      this.string(`${pointer}/image_url`, e.image_url, BLOCK_KIT_LIMITS.imageUrl, {
        min: 1,
        required: e.slack_file === undefined,
      });
      this.string(`${pointer}/alt_text`, e.alt_text, BLOCK_KIT_LIMITS.imageAltText, {
        min: 1,
        required: true,
      });
      return;
    }
    if (e.action_id !== undefined) {
      this.string(`${pointer}/action_id`, e.action_id, BLOCK_KIT_LIMITS.actionId, { min: 1 });
      if (typeof e.action_id === 'string') {
        if (actionIds.has(e.action_id))
          this.error(`${pointer}/action_id`, 'duplicate action_id', e.action_id);
        actionIds.add(e.action_id);
      }
    }
    if (e.type === 'button') {
      this.textObject(`${pointer}/text`, e.text, BLOCK_KIT_LIMITS.buttonText, {
        plainOnly: true,
        required: true,
      });
      this.string(`${pointer}/value`, e.value, BLOCK_KIT_LIMITS.buttonValue);
      this.string(`${pointer}/url`, e.url, BLOCK_KIT_LIMITS.buttonUrl);
      this.string(
        `${pointer}/accessibility_label`,
        e.accessibility_label,
        BLOCK_KIT_LIMITS.buttonAccessibilityLabel,
        { min: 1 },
      );
      if (e.style !== undefined && e.style !== 'primary' && e.style !== 'danger')
        this.error(`${pointer}/style`, 'must be one of primary, danger', e.style);
    } else if (typeof e.type !== 'string') {
      this.error(`${pointer}/type`, 'missing required field');
    }
  }

  block(pointer: string, b: any, blockIds: Set<string>): void {
    if (!b || typeof b !== 'object' || Array.isArray(b))
      return this.error(pointer, 'must be a block object', b);
    if (b.block_id !== undefined) {
      this.string(`${pointer}/block_id`, b.block_id, BLOCK_KIT_LIMITS.blockId, { min: 1 });
      if (typeof b.block_id === 'string') {
        if (blockIds.has(b.block_id)) this.error(`${pointer}/block_id`, 'duplicate block_id', b.block_id);
        blockIds.add(b.block_id);
      }
    }
    const actionIds = new Set<string>();
    switch (b.type) {
      case 'section':
        if (b.text === undefined && b.fields === undefined)
          this.error(pointer, 'must provide text or fields');
        this.textObject(`${pointer}/text`, b.text, BLOCK_KIT_LIMITS.sectionText);
        if (this.array(`${pointer}/fields`, b.fields, BLOCK_KIT_LIMITS.sectionFields, { min: 1 })) {
          b.fields.forEach((f: unknown, i: number) =>
            this.textObject(`${pointer}/fields/${i}`, f, BLOCK_KIT_LIMITS.sectionFieldText),
          );
        }
        if (b.accessory !== undefined) this.element(`${pointer}/accessory`, b.accessory, actionIds);
        return;
      case 'header':
        this.textObject(`${pointer}/text`, b.text, BLOCK_KIT_LIMITS.headerText, {
          plainOnly: true,
          required: true,
        });
        return;
      case 'context':
        if (
          this.array(`${pointer}/elements`, b.elements, BLOCK_KIT_LIMITS.contextElements, {
            min: 1,
            required: true,
          })
        ) {
          b.elements.forEach((e: any, i: number) => {
            if (e?.type === 'image') this.element(`${pointer}/elements/${i}`, e, actionIds);
            else this.textObject(`${pointer}/elements/${i}`, e, BLOCK_KIT_LIMITS.textObject);
          });
        }
        return;
      case 'actions':
        if (
          this.array(`${pointer}/elements`, b.elements, BLOCK_KIT_LIMITS.actionsElements, {
            min: 1,
            required: true,
          })
        ) {
          b.elements.forEach((e: unknown, i: number) =>
            this.element(`${pointer}/elements/${i}`, e, actionIds),
          );
        }
        return;
      case 'image':
        this.element(pointer, b, actionIds);
        this.textObject(`${pointer}/title`, b.title, 2000, { plainOnly: true });
        return;
      case 'divider':
      case 'rich_text':
      case 'input':
      case 'file':
      case 'video':
      case 'markdown':
        return;
      default:
        this.error(`${pointer}/type`, `unsupported type: ${String(b.type)}`, b.type);
    }
  }

  blocks(pointer: string, blocks: unknown, max: number): void {
    if (!this.array(pointer, blocks, max)) return;
    const blockIds = new Set<string>();
    blocks.forEach((b, i) => this.block(`${pointer}/${i}`, b, blockIds));
  }
}

/** What Slack would say of a message (chat.postMessage, chat.postEphemeral, a response URL post). */
function checkMessage(message: Record<string, any>): BlockKitProblem[] {
  const c = new Checker();
  const { text, blocks } = message;
  if (text !== undefined && typeof text !== 'string') c.error('/text', 'must be a string', text);
  if (typeof text === 'string' && chars(text) > BLOCK_KIT_LIMITS.messageText) {
    c.error(
      '/text',
      `must be less than ${BLOCK_KIT_LIMITS.messageText + 1} characters`,
      text,
      'msg_too_long',
    );
  }
  c.blocks('/blocks', blocks, BLOCK_KIT_LIMITS.messageBlocks);
  if (Array.isArray(blocks) && blocks.length > 0 && (typeof text !== 'string' || text.trim() === '')) {
    c.warn(
      '/text',
      'missing top-level text: the fallback for notifications and screen readers',
      'missing_fallback_text',
    );
  }
  return c.problems;
}

/** What Slack would say of a Home tab view (views.publish), pointers under /view. */
function checkHomeView(view: Record<string, any>): BlockKitProblem[] {
  const c = new Checker();
  if (!view || typeof view !== 'object') {
    c.error('/view', 'must be a view object', view);
    return c.problems;
  }
  if (view.type !== 'home') c.error('/view/type', 'must be home', view.type);
  c.blocks('/view/blocks', view.blocks, BLOCK_KIT_LIMITS.homeBlocks);
  if (view.blocks === undefined) c.error('/view/blocks', 'missing required field');
  c.string('/view/private_metadata', view.private_metadata, BLOCK_KIT_LIMITS.viewPrivateMetadata);
  c.string('/view/callback_id', view.callback_id, BLOCK_KIT_LIMITS.viewCallbackId);
  return c.problems;
}

/** Every violation any fake recorded in this test file and no test has yet reported or taken. */
const unreported: FakeViolation[] = [];

/** Hands over (and forgets) the violations not yet reported: for a check after each test. */
export function takeUnreportedViolations(): FakeViolation[] {
  return unreported.splice(0);
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
  /** scripted 429s left, per method ('response_url' for the response URLs) */
  const limited = new Map<string, number>();
  /** Takes one of the method's scripted 429s; true when there was one. */
  const takeLimit = (method: string): boolean => {
    const left = limited.get(method) ?? 0;
    if (left > 0) limited.set(method, left - 1);
    return left > 0;
  };
  const slow = new Map<string, number>();
  const membership = new Map<string, string[]>();
  const violations: FakeViolation[] = [];
  const events = new EventEmitter();
  events.setMaxListeners(0);
  let seq = 0;
  let ts = 1_700_000_000;

  const delayMs = opts.delayMs ?? 0;
  /** Sends an answer after the round trip: the call was already taken and counted. */
  const later = (res: ServerResponse, send: () => void) => {
    if (delayMs <= 0) return send();
    setTimeout(() => {
      if (!res.destroyed) send();
    }, delayMs).unref();
  };
  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
    later(res, () => {
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'x-oauth-scopes': scopes.join(','),
        ...headers,
      });
      res.end(JSON.stringify(body));
    });
  const buckets = new Map<string, { tokens: number; at: number }>();
  let rateLimited = 0;
  /** Takes a message from the channel's bucket; false when it is empty. */
  const takeToken = (channel: string): boolean => {
    const limit = opts.channelLimit;
    if (!limit) return true;
    const now = performance.now();
    const b = buckets.get(channel) ?? { tokens: limit.burst, at: now };
    b.tokens = Math.min(limit.burst, b.tokens + ((now - b.at) * limit.perSecond) / 1000);
    b.at = now;
    buckets.set(channel, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  };

  const record = (method: string, body: Record<string, any>, outcome: string) => {
    calls.push({ seq: ++seq, method, body, outcome, at: performance.now() });
    events.emit('change');
  };

  /** Keeps what Slack would refuse or warn about; the error code Slack answers, or undefined if it takes it. */
  const judge = (
    method: string,
    target: string,
    problems: BlockKitProblem[],
    refusal?: string,
  ): string | undefined => {
    if (problems.length === 0) return undefined;
    const errors = problems.filter((p) => p.severity === 'error');
    const outcome =
      errors.length === 0
        ? 'ok'
        : (refusal ?? (errors.every((p) => p.code === 'msg_too_long') ? 'msg_too_long' : 'invalid_blocks'));
    const v: FakeViolation = { seq: seq + 1, method, target, outcome, problems };
    violations.push(v);
    unreported.push(v);
    return errors.length === 0 ? undefined : outcome;
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
    const fail = (error: string, extra: Record<string, unknown> = {}) => {
      record(method, body, error);
      json(res, 200, { ok: false, error, ...extra });
    };
    if (takeLimit(method)) {
      record(method, body, 'http 429');
      json(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(retryAfter) });
      return;
    }
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
        return json(res, 200, {
          ok: true,
          url: 'https://fake.slack.test/',
          team: 'Fake',
          user: 'newsbot',
          team_id: teamId,
          user_id: botUserId,
          bot_id: botId,
        });
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
        if (method === 'chat.postMessage' && !takeToken(channel)) {
          rateLimited++;
          record(method, body, 'http 429');
          return json(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' });
        }
        if (!body.text && !body.blocks) return fail('no_text');
        const problems = checkMessage(body);
        const refused = judge(method, channel, problems);
        if (refused) return fail(refused, { response_metadata: { messages: slackMessages(problems) } });
        ts += 1;
        const messageTs = `${ts}.000100`;
        record(method, body, 'ok');
        return json(res, 200, {
          ok: true,
          channel,
          ts: messageTs,
          message: { type: 'message', text: body.text, ts: messageTs, bot_id: botId },
        });
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
        return json(res, 200, {
          ok: true,
          channels: list.map((id) => channelInfo(id) ?? { id }),
          response_metadata: { next_cursor: '' },
        });
      }
      case 'views.publish': {
        if (!body.user_id || !body.view) return fail('invalid_arguments');
        const view = typeof body.view === 'string' ? JSON.parse(body.view) : body.view;
        // views.* answer invalid_arguments for blocks Slack refuses
        const problems = checkHomeView(view);
        if (judge(method, String(body.user_id), problems, 'invalid_arguments')) {
          record(method, { ...body, view }, 'invalid_arguments');
          return json(res, 200, {
            ok: false,
            error: 'invalid_arguments',
            response_metadata: { messages: slackMessages(problems) },
          });
        }
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
        const id = decodeURIComponent(path.slice('/response/'.length));
        // Like an incoming webhook: 200 "ok", or 400 with the error (invalid_blocks) as plain text.
        let outcome: string;
        let status = 200;
        const headers: Record<string, string> = { 'content-type': 'text/plain' };
        if (takeLimit('response_url')) {
          outcome = 'http 429';
          status = 429;
          headers['retry-after'] = String(retryAfter);
        } else if (
          responses.filter((r) => r.id === id && r.outcome !== 'http 429').length >=
          BLOCK_KIT_LIMITS.responseUrlUses
        ) {
          // Slack takes at most 5 posts to a response URL (within 30 minutes); what it answers to
          // a sixth is not documented: the fake says 404 used_url.
          const problem: BlockKitProblem = {
            severity: 'error',
            pointer: '',
            message: `a response URL takes at most ${BLOCK_KIT_LIMITS.responseUrlUses} posts`,
            code: 'used_url',
          };
          outcome = judge('response_url', id, [problem], 'used_url')!;
          status = 404;
        } else {
          outcome = judge('response_url', id, checkMessage(body)) ?? 'ok';
          if (outcome !== 'ok') status = 400;
        }
        responses.push({ seq: ++seq, id, body, outcome, at: performance.now() });
        events.emit('change');
        later(res, () => res.writeHead(status, headers).end(outcome));
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
    posts: (channel) =>
      calls.filter(
        (c) =>
          c.method === 'chat.postMessage' &&
          c.outcome === 'ok' &&
          (channel === undefined || c.body.channel === channel),
      ),
    responsesTo: (id) => responses.filter((r) => r.id === id),
    violations,
    takeViolations() {
      const taken = violations.splice(0);
      for (const v of taken) {
        const i = unreported.indexOf(v);
        if (i >= 0) unreported.splice(i, 1);
      }
      return taken;
    },
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
    published: (user) =>
      calls.filter(
        (c) =>
          c.method === 'views.publish' &&
          c.outcome === 'ok' &&
          (user === undefined || c.body.user_id === user),
      ),
    rateLimit(method, times = 1) {
      limited.set(method, (limited.get(method) ?? 0) + times);
    },
    breakMethod(method, on = true) {
      if (on) broken.add(method);
      else broken.delete(method);
    },
    slowMethod(method, ms) {
      slow.set(method, ms);
    },
    tick: () => ++seq,
    get rateLimited() {
      return rateLimited;
    },
    waitFor<T>(
      pick: () => T | undefined,
      timeoutMs = 3000,
      what = 'the fake Slack API to receive it',
    ): Promise<T> {
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
