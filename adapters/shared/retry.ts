import pRetry from 'p-retry';
import type { Logger } from 'pino';

/** What one failed API call means for trying it again. */
export type Verdict =
  /** the platform asked to slow down: everyone waits `retryAfterMs`, then the call goes again */
  | { kind: 'rate_limited'; retryAfterMs: number }
  /** a 5xx, a timeout, the network: worth a few more tries after a pause */
  | { kind: 'transient'; reason: string }
  /** the platform's answer to this call: trying again would get the same */
  | { kind: 'final' };

export interface RetryPolicy {
  /** 429s waited out for one call before it fails */
  rateLimitRetries: number;
  /** a longer retry_after / Retry-After is not waited out by the call: it fails (the next run tries again) */
  maxRetryAfterMs: number;
  /** tries after a passing failure (5xx, timeout, network) */
  retries: number;
  /** the pause before the first of them; each next pause is `factor` times longer */
  backoffMs: number;
  factor: number;
  /** one attempt that takes longer is abandoned, as a passing failure */
  timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  rateLimitRetries: 4,
  maxRetryAfterMs: 60_000,
  retries: 2,
  backoffMs: 1_000,
  factor: 2,
  timeoutMs: 30_000,
};

export interface RetryHooks {
  classify(err: unknown): Verdict;
  /** a 429: holds every call of the platform for `ms` (see pipeline.ts) */
  pause(ms: number): void;
  log: Logger;
  /** for the log: what the call was */
  context: Record<string, unknown>;
}

/**
 * Runs `attempt` until it succeeds, its failure is final, or the policy's tries are spent; the
 * last failure is then thrown as it came, for the platform to turn into a DeliveryError. The one
 * retry helper of both platforms (grammY's auto-retry is the model): p-retry spaces the tries
 * after passing failures, while a 429 is waited out by the pipeline's pause, for every call at
 * once, and costs no try.
 */
export function withRetries<T>(attempt: () => Promise<T>, policy: RetryPolicy, h: RetryHooks): Promise<T> {
  let limited = 0;
  let failed = 0;
  return pRetry(attempt, {
    // the counts are ours (429s cost no try): p-retry only spaces the tries
    retries: Number.POSITIVE_INFINITY,
    minTimeout: policy.backoffMs,
    factor: policy.factor,
    onFailedAttempt: ({ error }) => {
      const v = h.classify(error);
      if (v.kind === 'final') throw error;
      if (v.kind === 'rate_limited') {
        h.pause(Math.min(v.retryAfterMs, policy.maxRetryAfterMs));
        if (++limited > policy.rateLimitRetries || v.retryAfterMs > policy.maxRetryAfterMs) throw error;
        h.log.warn({ ...h.context, retryAfterMs: v.retryAfterMs }, 'asked to slow down: everyone waits');
        return;
      }
      if (++failed > policy.retries) throw error;
      h.log.warn({ ...h.context, problem: v.reason, attempt: failed }, 'API call failed; trying again');
    },
    shouldConsumeRetry: ({ error }) => h.classify(error).kind !== 'rate_limited',
  });
}

/**
 * Runs `call` with a signal that aborts after `ms`. Unlike AbortSignal.timeout, the timer is
 * cleared as soon as the call is over: a digest run would otherwise leave one 30-second timer
 * pending for every request it made, tens of thousands of them, each holding its signal.
 */
export async function withTimeout<T>(ms: number, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
    ms,
  );
  try {
    return await call(controller.signal);
  } finally {
    clearTimeout(timer);
  }
}
