/* eslint-disable @typescript-eslint/no-explicit-any -- a parsed request body is an untyped tree, checked field by field */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTPModuleFunctions, verifySlackRequest } from '@slack/bolt';
import type { Logger } from 'pino';
import { readBody, refuse, BODY_LIMIT } from '../shared/read-body.js';

/** Slack's own rule for a request's age, in both directions: a clock ahead is as suspect as one behind. */
const MAX_SKEW_SECONDS = 5 * 60;

export interface GuardOptions {
  signingSecret: string;
  log: Logger;
  limit?: number;
  /** milliseconds since the epoch (tests) */
  now?: () => number;
}

/** What to do with a request whose signature holds. */
type Verdict = { pass: true } | { pass: false; status: 400 | 200; reason: string };

const isObject = (v: unknown): v is Record<string, any> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const optString = (v: unknown) => v === undefined || typeof v === 'string';

/** A slash command: Bolt and the listener read these fields without looking. */
function commandProblem(b: Record<string, any>): string | undefined {
  for (const k of ['command', 'channel_id', 'user_id', 'team_id', 'response_url'])
    if (typeof b[k] !== 'string' || !b[k]) return `a slash command without ${k}`;
  if (!optString(b.text) || !optString(b.trigger_id) || !optString(b.channel_name))
    return 'a slash command with a field that is not text';
  return undefined;
}

/** A button press (block_actions), as the buttons listener reads it. */
function actionsProblem(b: Record<string, any>): string | undefined {
  const { actions, user, team, channel, container } = b;
  if (!Array.isArray(actions) || actions.length === 0) return 'block_actions without actions';
  if (!actions.every((a) => isObject(a) && typeof a.action_id === 'string' && typeof a.type === 'string'))
    return 'block_actions with an action that is not one';
  if (!isObject(user) || typeof user.id !== 'string') return 'block_actions without a user';
  if (team != null && !(isObject(team) && typeof team.id === 'string'))
    return 'block_actions with a bad team';
  if (channel != null && !(isObject(channel) && typeof channel.id === 'string'))
    return 'block_actions with a bad channel';
  if (container != null && !isObject(container)) return 'block_actions with a bad container';
  if (!optString(b.response_url)) return 'block_actions with a bad response_url';
  return undefined;
}

/** An Events API delivery: Bolt looks inside `event` (and its `item`) with `in`, which throws on anything but an object. */
function eventProblem(b: Record<string, any>): string | undefined {
  const { event, authorizations } = b;
  if (!isObject(event) || typeof event.type !== 'string') return 'an event callback without an event';
  if (event.item !== undefined && !isObject(event.item)) return 'an event with a bad item';
  if (authorizations !== undefined && !(Array.isArray(authorizations) && authorizations.every(isObject)))
    return 'an event with bad authorizations';
  return undefined;
}

/**
 * Whether Bolt may have a signed body: only shapes its listeners (and the ones it handles
 * itself) read safely go on. A signed body of another shape gets 400; a well-formed
 * interaction of a kind this app does not use (a modal, a shortcut) is acknowledged and dropped,
 * as Bolt would otherwise leave it unanswered for 3 seconds.
 */
export function judgeBody(body: unknown): Verdict {
  if (!isObject(body)) return { pass: false, status: 400, reason: 'the body is not an object' };
  if (body.ssl_check === '1' || body.type === 'url_verification') return { pass: true };
  const bad = (reason: string | undefined): Verdict =>
    reason ? { pass: false, status: 400, reason } : { pass: true };
  if (body.command !== undefined) return bad(commandProblem(body));
  if (body.event !== undefined || body.type === 'event_callback') return bad(eventProblem(body));
  if (body.type === 'block_actions') return bad(actionsProblem(body));
  if (typeof body.type === 'string')
    return { pass: false, status: 200, reason: `an interaction this app does not use (${body.type})` };
  return { pass: false, status: 400, reason: 'not a Slack request of any kind' };
}

/**
 * Checks a request to /slack/events before Bolt's receiver sees it, and answers it when it
 * fails: a body over the limit (413), a timestamp more than 5 minutes from now either way or a
 * signature that does not hold (401), a signed body Bolt or the listeners would choke on (400).
 * Bolt's receiver reads a request in a task nobody awaits, so a body it cannot take (a
 * `payload=null`) would end the process. Resolves true when the request may go on to Bolt,
 * with the body read (Bolt takes `rawBody` as already read).
 */
export async function guardRequest(
  req: IncomingMessage,
  res: ServerResponse,
  o: GuardOptions,
): Promise<boolean> {
  const read = await readBody(req, o.limit ?? BODY_LIMIT);
  if (!read.ok) {
    o.log.warn({ reason: read.reason }, 'Slack request refused');
    refuse(res, read.status);
    return false;
  }
  const nowSec = Math.floor((o.now?.() ?? Date.now()) / 1000);
  const stamp = Number(req.headers['x-slack-request-timestamp']);
  if (!Number.isFinite(stamp) || Math.abs(nowSec - stamp) > MAX_SKEW_SECONDS) {
    o.log.warn(
      { timestamp: req.headers['x-slack-request-timestamp'], now: nowSec },
      'Slack request refused: its timestamp is missing or more than 5 minutes from now',
    );
    refuse(res, 401);
    return false;
  }
  try {
    verifySlackRequest({
      signingSecret: o.signingSecret,
      body: read.body.toString(),
      headers: {
        'x-slack-signature': String(req.headers['x-slack-signature'] ?? ''),
        'x-slack-request-timestamp': stamp,
      },
      nowMilliseconds: nowSec * 1000,
    });
  } catch (err) {
    o.log.warn({ problem: (err as Error).message }, 'Slack request refused: its signature does not hold');
    refuse(res, 401);
    return false;
  }
  const buffered = Object.assign(req, { rawBody: read.body });
  let body: unknown;
  try {
    body = HTTPModuleFunctions.parseHTTPRequestBody(buffered);
  } catch (err) {
    o.log.warn({ problem: (err as Error).message }, 'Slack request refused: its body cannot be parsed');
    refuse(res, 400);
    return false;
  }
  const verdict = judgeBody(body);
  if (verdict.pass) return true;
  if (verdict.status === 400)
    o.log.warn({ reason: verdict.reason }, 'Slack request refused: a signed body of no shape Slack sends');
  else o.log.debug({ reason: verdict.reason }, 'Slack request acknowledged and dropped');
  if (verdict.status === 200) res.writeHead(200).end();
  else refuse(res, verdict.status);
  return false;
}
