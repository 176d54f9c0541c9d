import { createHash } from 'node:crypto';
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from 'pino';
import type { RequestLog } from '../../src/ports.js';

/** A property Bolt's HTTP receiver adds to the context: the hash of the raw request body. */
export const BODY_HASH = 'newsbotBodyHash';

export function bodyHash(raw: Buffer | string): string {
  return createHash('sha256').update(raw).digest('hex');
}

/**
 * What makes a delivery the same delivery: Slack sends a retry (X-Slack-Retry-Num) with the
 * same body, so the trigger id of a command or a button press, the event id of an event, or
 * else the hash of the body identifies it.
 */
function requestKey(body: Record<string, unknown>, context: Record<string, unknown>): string | undefined {
  if (typeof body.event_id === 'string') return `event:${body.event_id}`;
  if (typeof body.trigger_id === 'string' && body.trigger_id)
    return `${typeof body.command === 'string' ? 'command' : 'action'}:${body.trigger_id}`;
  const hash = context[BODY_HASH];
  return typeof hash === 'string' ? `body:${hash}` : undefined;
}

/**
 * Decision: a retried delivery is recognised by its key, not by the retry header alone. A
 * retry of something already taken is acknowledged and dropped, so no command runs twice;
 * a retry of something never seen (the first try was lost, or the process restarted) runs,
 * so nothing is lost either. A retry of something still being answered by an instance that
 * dies waits to take it over (RequestLog). Bolt's receiver exposes the retry number; it is only
 * logged.
 */
export function dropDuplicates(requests: RequestLog, log: Logger): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const key = requestKey(args.body as unknown as Record<string, unknown>, args.context);
    if (key && !(await requests.firstTime(`slack:${key}`))) {
      log.info(
        { key, retryNum: args.context.retryNum, retryReason: args.context.retryReason },
        'Slack delivered a request again: already handled, skipped',
      );
      if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
      return;
    }
    if (!key) return args.next();
    try {
      await args.next();
    } finally {
      await requests.answered(`slack:${key}`);
    }
  };
}
