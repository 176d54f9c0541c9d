import PQueue from 'p-queue';
import type { Logger } from 'pino';
import { createKeyedQueue } from './keyed-queue.js';
import { createPace } from './pace.js';
import { withRetries, withTimeout, type RetryPolicy, type Verdict } from './retry.js';

/** How often one chat or channel may be sent a message. */
export interface LaneLimit {
  /** the least time between two of its messages */
  gapMs: number;
  /**
   * Where that time is measured from. 'end': the answer to the previous message, so nothing can
   * reach the platform early whatever the network does (Telegram counts strictly); 'start': its
   * departure (Slack allows short bursts, which take up the network's jitter).
   */
  from: 'start' | 'end';
  /** and at most `count` messages in any `ms` (Telegram groups: 20 a minute) */
  window?: { count: number; ms: number };
}

/** A chat or channel: its calls go one after another, in order, under its limit. */
export interface Lane {
  key: string;
  limit?: LaneLimit;
}

/** Replies to someone waiting go before digest messages. */
export const PRIORITY = { reply: 1, digest: 0 } as const;

export interface PipelineOptions {
  /** requests a second overall, evenly spaced (Telegram: 30); none, no overall pace (Slack) */
  perSecond?: number;
  /**
   * Added to each second of the overall pace: the platform counts on arrival, and a request
   * that left a little late arrives closer to the next one than they left.
   */
  marginMs?: number;
  /** K: digest messages in flight at once (see deliver) */
  inFlight: number;
  retry: RetryPolicy;
  /** what a failed call means for trying it again */
  classify(err: unknown): Verdict;
  log: Logger;
}

export interface Pipeline {
  /** K, the digest messages that can be in flight at once */
  readonly inFlight: number;
  /**
   * One API call. With a lane, it waits for the lane's earlier calls and its limit; every call
   * then waits for the overall pace, and while a 429's wait lasts; passing failures are tried
   * again with back-off (retry.ts). Each attempt runs `call` with a signal that aborts it after
   * the policy's timeout. Rejects with the last failure as the platform gave it.
   */
  request<T>(
    lane: Lane | undefined,
    call: (signal: AbortSignal) => Promise<T>,
    o?: { priority?: number; context?: Record<string, unknown> },
  ): Promise<T>;
  /**
   * A digest message: `task` records it as attempted, makes its request(s) and records it as
   * sent. It waits for the lane's own limit first, then holds one of K slots from start to end,
   * so at most K messages are ever attempted and not yet recorded: the most a crash can send twice.
   */
  deliver<T>(lane: Lane, task: () => Promise<T>): Promise<T>;
  /** resolves when every call and delivery started so far has finished */
  idle(): Promise<void>;
}

interface LaneState {
  start: number;
  end: number;
  /** the times (start or end, as the limit measures) within its window */
  recent: number[];
}

const SWEEP_MS = 60_000;
/** How early a delivery takes its slot before its lane is ready (see deliver). */
const PREPARE_MS = 100;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * One outbound pipeline for a platform, which every API call passes (grammY's API transformers,
 * throttler and auto-retry are the model): a chat's calls in order under its limit, an overall
 * pace, a 429 holding every call for its retry-after, passing failures retried, and digest
 * messages to different chats in flight side by side, up to K.
 */
export function createPipeline(o: PipelineOptions): Pipeline {
  const lanes = createKeyedQueue();
  const states = new Map<string, LaneState>();
  const slots = new PQueue({ concurrency: o.inFlight });
  // One call at a time through the overall pace, replies first; paused while a 429's wait lasts.
  const gate = new PQueue({ concurrency: 1 });
  let sweepAt = performance.now() + SWEEP_MS;
  let resumeAt = 0;
  const pace = o.perSecond
    ? createPace(o.perSecond, 1000 + (o.marginMs ?? 0), () => resumeAt)
    : async () => undefined;
  let resume: NodeJS.Timeout | undefined;

  const readyAt = (lane: Lane): number => {
    const s = states.get(lane.key);
    const limit = lane.limit;
    if (!s || !limit) return 0;
    let at = (limit.from === 'end' ? s.end : s.start) + limit.gapMs;
    const w = limit.window;
    if (w && s.recent.length >= w.count) at = Math.max(at, s.recent[s.recent.length - w.count] + w.ms);
    return at;
  };

  /**
   * Waits until the lane may take a message, or `early` ms before: a timer never fires early,
   * but the clock is read again.
   */
  const ready = async (lane: Lane, early = 0) => {
    const left = () => readyAt(lane) - early - performance.now();
    for (let wait = left(); wait > 0; wait = left()) await sleep(Math.ceil(wait));
  };

  const mark = (lane: Lane, edge: 'start' | 'end') => {
    if (!lane.limit) return;
    const now = performance.now();
    let s = states.get(lane.key);
    if (!s) states.set(lane.key, (s = { start: now, end: now, recent: [] }));
    s[edge] = now;
    const w = lane.limit.window;
    if (w && edge === lane.limit.from) {
      s.recent.push(now);
      while (s.recent.length > w.count) s.recent.shift();
    }
    if (now > sweepAt) {
      // lanes quiet for longer than any limit looks back
      for (const [key, st] of states) if (st.end < now - SWEEP_MS) states.delete(key);
      sweepAt = now + SWEEP_MS;
    }
  };

  /** A 429: no call leaves until the wait is over (calls already under way go on). */
  const pause = (ms: number) => {
    const until = performance.now() + ms;
    if (until <= resumeAt) return;
    resumeAt = until;
    gate.pause();
    clearTimeout(resume);
    resume = setTimeout(() => {
      resumeAt = 0;
      gate.start();
    }, ms);
  };

  const request: Pipeline['request'] = (lane, call, opts = {}) => {
    const priority = opts.priority ?? PRIORITY.reply;
    const run = () =>
      withRetries(
        async () => {
          if (lane) await ready(lane);
          // Without an overall pace the gate only holds calls while a 429's wait lasts.
          if (o.perSecond || resumeAt) await gate.add(pace, { priority });
          if (lane) mark(lane, 'start');
          try {
            return await withTimeout(o.retry.timeoutMs, call);
          } finally {
            // a refused call may still have counted against the chat's limits
            if (lane) mark(lane, 'end');
          }
        },
        o.retry,
        { classify: o.classify, pause, log: o.log, context: opts.context ?? {} },
      );
    return lane ? lanes.run(lane.key, run) : run();
  };

  return {
    inFlight: o.inFlight,
    request,
    async deliver(lane, task) {
      // The chat's own wait (a second between its messages) holds no slot from the others, but
      // the slot is taken a little before it ends: the message is recorded as attempted and
      // made ready meanwhile, and leaves (request() waits for the lane) right on time.
      await ready(lane, PREPARE_MS);
      return slots.add(task);
    },
    async idle() {
      await lanes.idle();
      await slots.onIdle();
    },
  };
}
