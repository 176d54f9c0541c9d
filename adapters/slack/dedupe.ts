import { createHash } from 'node:crypto';
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from 'pino';

/** Remembers request keys for a while: the ones seen again are duplicates. */
export interface SeenKeys {
  /** true when the key was seen within the window; records it either way */
  seen(key: string, now?: number): boolean;
}

export function createSeenKeys(windowMs = 10 * 60_000, max = 20_000): SeenKeys {
  const at = new Map<string, number>();
  return {
    seen(key, now = Date.now()) {
      // Map keeps insertion order: the oldest keys are first, so expiring stops at the first fresh one.
      for (const [k, t] of at) {
        if (now - t < windowMs && at.size < max) break;
        at.delete(k);
      }
      if (at.has(key)) return true;
      at.set(key, now);
      return false;
    },
  };
}

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
  if (typeof body.trigger_id === 'string' && body.trigger_id) return `${typeof body.command === 'string' ? 'command' : 'action'}:${body.trigger_id}`;
  const hash = context[BODY_HASH];
  return typeof hash === 'string' ? `body:${hash}` : undefined;
}

/**
 * Decision: a retried delivery is recognised by its key, not by the retry header alone. A
 * retry of something already taken is acknowledged and dropped, so no command runs twice;
 * a retry of something never seen (the first try was lost, or the process restarted) runs,
 * so nothing is lost either. Bolt's receiver exposes the retry number; it is only logged.
 */
export function dropDuplicates(keys: SeenKeys, log: Logger): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const key = requestKey(args.body as unknown as Record<string, unknown>, args.context);
    if (key && keys.seen(key)) {
      log.info({ key, retryNum: args.context.retryNum, retryReason: args.context.retryReason }, 'Slack delivered a request again: already handled, skipped');
      if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
      return;
    }
    await args.next();
  };
}
