import type { Logger } from 'pino';
import { createPipeline, type Lane, type Pipeline } from '../shared/pipeline.js';
import { DEFAULT_RETRY, type RetryPolicy, type Verdict } from '../shared/retry.js';
import { TRANSIENT } from './delivery-errors.js';

/**
 * K, the digest messages in flight at once. Slack takes about a message a second per channel, so
 * a digest run keeps many channels going at once (SLACK_DIGESTS_AT_ONCE, 50): 32 in flight carry
 * their 50 messages a second up to a round trip (with its two ledger writes) of about 600 ms.
 * Also the most messages a crash can send twice.
 */
export const SLACK_IN_FLIGHT = 32;

export interface SlackPipelineOptions {
  /** the Web API base URL (apiBaseUrl): calls to it are told apart from response URL posts */
  apiUrl: string;
  /** the least time between the departures of two messages to one channel (default 1,000 ms) */
  perChannelMs?: number;
  inFlight?: number;
  retry?: Partial<RetryPolicy>;
  log: Logger;
}

export interface SlackPipeline extends Pipeline {
  /** a channel's lane: its messages in order, about one a second */
  lane(channel: string): Lane;
  /** the fetch WebClient and Bolt's respond() are given: every Slack call passes the pipeline */
  fetch: typeof globalThis.fetch;
}

/** Methods that post in a channel: Slack's per-channel pace applies to them. */
const POSTING = new Set(['chat.postMessage', 'chat.postEphemeral', 'chat.update']);

/** An answer worth trying again (429, 5xx, Slack's own "try again"): kept whole, for the caller once the tries are spent. */
class Retryable extends Error {
  constructor(
    readonly response: Response,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'Retryable';
  }
}

function verdict(err: unknown): Verdict {
  if (err instanceof Retryable) {
    if (err.response.status === 429) {
      const seconds = Number(err.response.headers.get('retry-after'));
      return {
        kind: 'rate_limited',
        retryAfterMs: (Number.isFinite(seconds) && seconds > 0 ? seconds : 1) * 1000,
      };
    }
    return { kind: 'transient', reason: err.reason };
  }
  const e = err as { name?: string; message?: string } | undefined;
  // undici's "fetch failed" (refused, reset, DNS), and an attempt over its time
  if (e && ['TypeError', 'AbortError', 'TimeoutError'].includes(e.name ?? ''))
    return { kind: 'transient', reason: e.message ?? e.name! };
  return { kind: 'final' };
}

/** The channel a Web API call is about: WebClient sends a form, respond() JSON. */
function channelOf(body: unknown): string | undefined {
  if (typeof body !== 'string') return undefined;
  if (body.startsWith('{')) {
    try {
      return (JSON.parse(body) as { channel?: string }).channel;
    } catch {
      return undefined;
    }
  }
  return new URLSearchParams(body).get('channel') ?? undefined;
}

/**
 * Every call to Slack passes one pipeline: Bolt's listener client, the client digests go out
 * through and respond()'s posts to response URLs all take this fetch (the one choke point Bolt
 * and WebClient share). Posts to a channel keep its order and about a second between them; a
 * 429 holds every call for its Retry-After (the workspace's tiers are honoured that way); 5xx,
 * Slack's own "try again" errors and the network are retried with back-off. What is left after
 * the tries goes back to WebClient as Slack answered it, for its usual errors.
 */
export function createSlackPipeline(o: SlackPipelineOptions): SlackPipeline {
  const pipeline = createPipeline({
    inFlight: o.inFlight ?? SLACK_IN_FLIGHT,
    retry: { ...DEFAULT_RETRY, timeoutMs: 10_000, ...o.retry },
    classify: verdict,
    log: o.log,
  });
  const gapMs = o.perChannelMs ?? 1000;
  // From the departure: Slack allows short bursts, which take up the network's jitter.
  const lane = (channel: string): Lane => ({ key: channel, limit: { gapMs, from: 'start' } });

  const fetch: typeof globalThis.fetch = async (input, init = {}) => {
    const url = input instanceof Request ? input.url : String(input);
    const api = url.startsWith(o.apiUrl);
    const method = api ? url.slice(o.apiUrl.length) : 'response_url';
    const channel = POSTING.has(method) ? channelOf(init.body) : undefined;
    // A response URL's posts are one reply's parts: they keep their order.
    const callLane = channel ? lane(channel) : api ? undefined : { key: url };
    try {
      return await pipeline.request(
        callLane,
        async (signal) => {
          const res = await globalThis.fetch(input, {
            ...init,
            signal: init.signal ? AbortSignal.any([init.signal, signal]) : signal,
          });
          if (res.status === 429 || res.status >= 500) {
            throw new Retryable(copy(res, await res.text()), `HTTP ${res.status}`);
          }
          if (!api || res.status !== 200) return res;
          // Slack's own "try again" comes as HTTP 200 with ok: false
          const text = await res.text();
          const kept = copy(res, text);
          const error = text.includes('"ok":false') ? platformError(text) : undefined;
          if (error && TRANSIENT.has(error)) throw new Retryable(kept, error);
          return kept;
        },
        { context: { method, channel } },
      );
    } catch (err) {
      if (err instanceof Retryable) return err.response;
      throw err;
    }
  };

  return { ...pipeline, lane, fetch };
}

function platformError(text: string): string | undefined {
  try {
    return (JSON.parse(text) as { error?: string }).error;
  } catch {
    return undefined;
  }
}

/** A response whose body was read, whole again for its reader. */
const copy = (res: Response, text: string) =>
  new Response(text, { status: res.status, statusText: res.statusText, headers: res.headers });
