import type { Logger } from 'pino';
import type { webApi } from '@slack/bolt';
import { DeliveryError, type Notifier } from '../../src/ports.js';
import { createKeyedQueue } from '../shared/keyed-queue.js';
import { classify } from './delivery-errors.js';
import type { SlackPipeline } from './pipeline.js';
import { renderSlack } from './render-slack.js';

/**
 * Digests under way at once: each channel takes about a message a second, so a run keeps many
 * channels going (see SLACK_IN_FLIGHT for the messages in flight). Slack also limits a
 * workspace as a whole, through Retry-After: 50 channels at a time stays a steady pace.
 */
const SLACK_DIGESTS_AT_ONCE = 50;

export interface SlackNotifierOptions {
  /** a client whose fetch is the pipeline's, and which neither retries nor waits by itself (createDeliveryClient) */
  client: webApi.WebClient;
  pipeline: SlackPipeline;
  log: Logger;
}

/** A failure the pipeline gave up on, as the DeliveryError the digest layer acts on. */
function deliveryError(err: unknown): DeliveryError {
  const f = classify(err);
  if (f.kind === 'final') return f.error;
  if (f.kind === 'rate_limited') {
    return new DeliveryError(
      'rate_limited',
      `Slack kept asking to slow down (retry after ${f.retryAfterMs / 1000} s)`,
      { retryAfterMs: f.retryAfterMs, cause: err },
    );
  }
  return new DeliveryError('unavailable', f.reason, { cause: f.cause });
}

/**
 * Digests out: each part of the rendered reply goes to the channel with chat.postMessage, in
 * order, as a digest message of the pipeline (which paces the channel, waits out 429s and
 * retries passing failures): reported before it goes (onAttempt) and once posted (onPart), both
 * inside its slot. Slack's refusals become DeliveryErrors whose code tells the digest sender to
 * pause the channel, stop, or try at the next run.
 */
export function createSlackNotifier(o: SlackNotifierOptions): Notifier {
  const channels = createKeyedQueue();
  return {
    platform: 'slack',
    concurrency: SLACK_DIGESTS_AT_ONCE,
    send(to, reply, opts = {}) {
      const parts = renderSlack(reply, { audience: 'channel' });
      const lane = o.pipeline.lane(to.chatId);
      // One message's parts are never mixed with another's in the channel.
      return channels.run(to.chatId, async () => {
        const messageIds: string[] = [];
        for (let i = Math.max(0, opts.fromPart ?? 0); i < parts.length; i++) {
          const ts = await o.pipeline.deliver(lane, async () => {
            await opts.onAttempt?.(i);
            let posted: string;
            try {
              const res = await o.client.chat.postMessage({
                channel: to.chatId,
                text: parts[i].text,
                blocks: parts[i].blocks,
                unfurl_links: false,
                unfurl_media: false,
              });
              posted = res.ts ?? '';
            } catch (err) {
              throw deliveryError(err);
            }
            await opts.onPart?.(i, posted, parts.length);
            return posted;
          });
          messageIds.push(ts);
        }
        return { messageIds };
      });
    },
  };
}
