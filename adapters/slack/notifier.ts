import type { Logger } from 'pino';
import type { webApi } from '@slack/bolt';
import { chatKey, DeliveryError, type Notifier } from '../../src/ports.js';
import { classify } from './delivery-errors.js';
import { createPacer } from './pacer.js';
import { renderSlack, type SlackMessage } from './render-slack.js';

export interface SlackNotifierOptions {
  /** a client that neither retries nor waits by itself (see createDeliveryClient) */
  client: webApi.WebClient;
  log: Logger;
  /** the pause between two messages to one channel (default 1,000 ms: Slack's pace per channel) */
  perChannelMs?: number;
  /** 429s sat out for one message before giving up with 'rate_limited' (default 3) */
  rateLimitRetries?: number;
  /** a Retry-After longer than this is not waited out here: the next run tries again (default 60 s) */
  maxRetryAfterMs?: number;
  /** tries after a 5xx or network failure before giving up with 'unavailable' (default 2) */
  serverRetries?: number;
  /** the first pause after such a failure, doubling each time (default 1,000 ms) */
  backoffMs?: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Digests out: each part of the rendered reply goes to the channel with chat.postMessage, in
 * order, paced per channel. 429 waits Retry-After and tries the same part again; 5xx and
 * network failures get a couple of tries with back-off; Slack's refusals become DeliveryErrors
 * whose code tells the digest sender to pause the channel, stop, or try at the next run.
 */
export function createSlackNotifier(o: SlackNotifierOptions): Notifier {
  const pacer = createPacer(o.perChannelMs ?? 1000);
  const rateLimitRetries = o.rateLimitRetries ?? 3;
  const maxRetryAfterMs = o.maxRetryAfterMs ?? 60_000;
  const serverRetries = o.serverRetries ?? 2;
  const backoffMs = o.backoffMs ?? 1000;

  const post = async (channel: string, m: SlackMessage): Promise<string> => {
    let rateLimited = 0;
    let failures = 0;
    for (;;) {
      try {
        const res = await o.client.chat.postMessage({
          channel,
          text: m.text,
          blocks: m.blocks,
          unfurl_links: false,
          unfurl_media: false,
        });
        return res.ts ?? '';
      } catch (err) {
        const f = classify(err);
        if (f.kind === 'final') throw f.error;
        if (f.kind === 'rate_limited') {
          rateLimited += 1;
          if (rateLimited > rateLimitRetries || f.retryAfterMs > maxRetryAfterMs) {
            throw new DeliveryError(
              'rate_limited',
              `Slack kept asking to slow down (retry after ${f.retryAfterMs / 1000} s)`,
              { retryAfterMs: f.retryAfterMs, cause: err },
            );
          }
          o.log.warn(
            { channel, retryAfterMs: f.retryAfterMs },
            'Slack rate limit: waiting before sending again',
          );
          await sleep(f.retryAfterMs);
          continue;
        }
        failures += 1;
        if (failures > serverRetries) throw new DeliveryError('unavailable', f.reason, { cause: f.cause });
        o.log.warn(
          { channel, reason: f.reason, attempt: failures },
          'Slack did not take the message: trying again',
        );
        await sleep(backoffMs * 2 ** (failures - 1));
      }
    }
  };

  return {
    platform: 'slack',
    async send(to, reply, opts = {}) {
      const parts = renderSlack(reply, { audience: 'channel' });
      const messageIds: string[] = [];
      for (let i = Math.max(0, opts.fromPart ?? 0); i < parts.length; i++) {
        const ts = await pacer.run(chatKey(to), () => post(to.chatId, parts[i]));
        messageIds.push(ts);
        await opts.onPart?.(i, ts, parts.length);
      }
      return { messageIds };
    },
  };
}
