/**
 * The Slack adapter running for real (Bolt's HTTPReceiver on the shared listener, on an
 * ephemeral port) against the fake Web API, and the signed requests Slack would send it.
 *
 * Importing the rig also makes every test of the importing file a test of Slack's Block Kit
 * limits: after each test (and once more after the file, for answers that came late) it fails if
 * any fake Slack was sent a message or view Slack would refuse or warn about. A test that sends
 * such a message on purpose takes its violations with `fake.takeViolations()`.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { type Logger } from 'pino';
import { afterAll, afterEach } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/index.js';
import { unescapeEntities } from '../../adapters/slack/mrkdwn.js';
import type { CommandPort } from '../../src/ports.js';
import type { Core } from '../../src/core.js';
import { createHttpListener, type HttpListener } from '../../src/http.js';
import {
  describeViolation,
  startFakeSlack,
  takeUnreportedViolations,
  type FakeSlack,
  type FakeSlackOptions,
} from '../fakes/slack-api.js';
import { makeCore } from './core.js';
import { silentLog } from './logs.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';
export const BOT_TOKEN = 'xoxb-test-token';
export const TEAM = 'T0TEST';
export const CHANNEL = 'C0NEWS';
export const USER = 'U0ASKER';

export const silent = (): Logger => silentLog();

/** Fails when a fake Slack was sent what Slack would refuse or warn about since the last check. */
export function expectNoSlackViolations(when: string): void {
  const found = takeUnreportedViolations().map(describeViolation);
  if (found.length > 0)
    throw new Error(
      `Slack would refuse or warn about ${found.length} message(s) sent ${when}:\n${found.map((f) => `  - ${f}`).join('\n')}`,
    );
}

// Every test file that uses the rig checks after each test; the benchmark, which uses it outside
// vitest, has no tests to hang the check on.
if (process.env.VITEST) {
  afterEach(() => expectNoSlackViolations('during this test'));
  afterAll(() => expectNoSlackViolations('after the last test, before the suite closed'));
}

/** Slack's request signature: v0= and the hex HMAC-SHA256 of v0:<timestamp>:<raw body>. */
export function signature(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export function signedHeaders(
  body: string,
  timestamp = Math.floor(Date.now() / 1000),
  contentType = 'application/x-www-form-urlencoded',
): Record<string, string> {
  return {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': signature(body, timestamp),
  };
}

export interface SlashOptions {
  channel?: string;
  channelName?: string;
  user?: string;
  team?: string;
  command?: string;
  triggerId?: string;
}

/** A slash command's form body, as Slack posts it. */
export function slashForm(text: string, responseUrl: string, o: SlashOptions = {}): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: o.team ?? TEAM,
    team_domain: 'fake',
    channel_id: o.channel ?? CHANNEL,
    channel_name: o.channelName ?? 'migration-news',
    user_id: o.user ?? USER,
    user_name: 'asker',
    command: o.command ?? '/news',
    text,
    api_app_id: 'A0NEWS',
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: o.triggerId ?? `trigger-${randomUUID()}`,
  }).toString();
}

export interface PressOptions {
  channel?: string;
  user?: string;
  ephemeral?: boolean;
  triggerId?: string;
}

/** A block_actions payload for a button of a message, as Slack posts it (payload=<json>). */
export function pressForm(
  button: { action_id: string; value?: string; text?: { text: string } },
  responseUrl: string,
  o: PressOptions = {},
): string {
  const channel = o.channel ?? CHANNEL;
  const payload = {
    type: 'block_actions',
    team: { id: TEAM, domain: 'fake' },
    user: { id: o.user ?? USER, username: 'asker', team_id: TEAM },
    api_app_id: 'A0NEWS',
    token: 'legacy-verification-token',
    container: {
      type: 'message',
      message_ts: '1700000000.000001',
      channel_id: channel,
      is_ephemeral: o.ephemeral ?? true,
    },
    trigger_id: o.triggerId ?? `trigger-${randomUUID()}`,
    channel: { id: channel, name: channel.startsWith('D') ? 'directmessage' : 'migration-news' },
    response_url: responseUrl,
    actions: [
      {
        type: 'button',
        action_id: button.action_id,
        block_id: 'b1',
        value: button.value,
        text: { type: 'plain_text', text: button.text?.text ?? 'x' },
        action_ts: '1700000001.000001',
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** An Events API delivery (JSON), as Slack posts it. */
export function eventBody(
  event: Record<string, unknown>,
  eventId = `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`,
): string {
  return JSON.stringify({
    token: 'legacy-verification-token',
    team_id: TEAM,
    api_app_id: 'A0NEWS',
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: TEAM, user_id: 'U0NEWSBOT', is_bot: true, is_enterprise_install: false }],
  });
}

export interface Rig {
  core: Core;
  fake: FakeSlack;
  http: HttpListener;
  adapter: SlackAdapter;
  url: string;
  /** POSTs a body to /slack/events, signed unless headers are given; `ackSeq` orders the HTTP answer among the fake's records */
  post(
    body: string,
    headers?: Record<string, string>,
  ): Promise<{ status: number; text: string; ackSeq: number }>;
  /** runs `/news <text>` and waits for its first respond() */
  command(
    text: string,
    o?: SlashOptions,
  ): Promise<{ status: number; ackSeq: number; responseId: string; first: Record<string, any> }>;
  /** sends a slash command without waiting for the answer */
  send(text: string, o?: SlashOptions): Promise<{ status: number; ackSeq: number; responseId: string }>;
  /** presses a button and waits for the first respond() to it */
  press(
    button: Record<string, any>,
    o?: PressOptions,
  ): Promise<{ status: number; responseId: string; first: Record<string, any> }>;
  /** the responses to one response URL, once there are at least `n` */
  responses(responseId: string, n?: number): Promise<Record<string, any>[]>;
  close(): Promise<void>;
}

export interface RigOptions {
  core?: Core;
  commands?: CommandPort;
  log?: Logger;
  fake?: FakeSlackOptions;
  reachCheckMs?: number;
}

export async function startRig(o: RigOptions = {}): Promise<Rig> {
  const core = o.core ?? (await makeCore());
  const fake = await startFakeSlack(o.fake);
  const log = o.log ?? silent();
  const http = createHttpListener(log);
  const adapter = createSlackAdapter({
    settings: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, command: '/news' },
    core: o.commands ? { ...core.services, commands: o.commands } : core.services,
    http,
    log,
    pipeline: { perChannelMs: 0, retry: { backoffMs: 5 } },
    reachCheckMs: o.reachCheckMs,
  });
  const port = await http.listen(0, '127.0.0.1');
  await adapter.start();
  const url = `http://127.0.0.1:${port}/slack/events`;

  const post: Rig['post'] = async (body, headers) => {
    const res = await fetch(url, { method: 'POST', headers: headers ?? signedHeaders(body), body });
    const text = await res.text();
    return { status: res.status, text, ackSeq: fake.tick() };
  };
  const responses: Rig['responses'] = (id, n = 1) =>
    fake.waitFor(
      () => (fake.responsesTo(id).length >= n ? fake.responsesTo(id).map((r) => r.body) : undefined),
      3000,
      `${n} response(s) to ${id}`,
    );
  const send: Rig['send'] = async (text, so) => {
    const responseId = `cmd-${randomUUID()}`;
    const r = await post(slashForm(text, fake.responseUrl(responseId), so));
    return { status: r.status, ackSeq: r.ackSeq, responseId };
  };

  return {
    core,
    fake,
    http,
    adapter,
    url,
    post,
    responses,
    send,
    async command(text, so) {
      const r = await send(text, so);
      const [first] = await responses(r.responseId);
      return { ...r, first };
    },
    async press(button, po) {
      const responseId = `press-${randomUUID()}`;
      const r = await post(pressForm(button as never, fake.responseUrl(responseId), po));
      const [first] = await responses(responseId);
      return { status: r.status, responseId, first };
    },
    async close() {
      await adapter.stop();
      await http.close();
      await fake.close();
    },
  };
}

/** Every button of a message. */
export function buttonsOf(message: Record<string, any>): Record<string, any>[] {
  return (message.blocks ?? []).filter((b: any) => b.type === 'actions').flatMap((b: any) => b.elements);
}

export function buttonOf(message: Record<string, any>, kind: string): Record<string, any> {
  const b = buttonsOf(message).find((e) => String(e.action_id).startsWith(`news:${kind}:`));
  if (!b) throw new Error(`no ${kind} button in ${JSON.stringify(message.blocks?.map((x: any) => x.type))}`);
  return b;
}

/** All the text a person can read in a message's blocks, in order. */
export function blockTexts(message: Record<string, any>): string[] {
  const out: string[] = [];
  for (const b of message.blocks ?? []) {
    if (b.text?.text) out.push(b.text.text);
    for (const e of b.elements ?? []) if (e.text) out.push(typeof e.text === 'string' ? e.text : e.text.text);
  }
  return out;
}

/** A message's fallback text as a person reads it (Slack decodes &amp; &lt; &gt;). */
export function plain(message: Record<string, any>): string {
  return unescapeEntities(String(message.text ?? ''));
}
