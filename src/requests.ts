import { StoreUnavailableError, StoreWriteError, type RequestLog } from './ports.js';

/**
 * Request keys remembered for a while, in this process: the ones seen again are repeats. One
 * process is the lowdb store's whole world; a store shared by several instances gives its own.
 */
export function createRequestLog(windowMs = 10 * 60_000, max = 20_000): RequestLog {
  const at = new Map<string, number>();
  return {
    async firstTime(key, now = new Date()) {
      const ms = now.getTime();
      // Map keeps insertion order: the oldest keys are first, so expiring stops at the first fresh one.
      for (const [k, t] of at) {
        if (ms - t < windowMs && at.size < max) break;
        at.delete(k);
      }
      if (at.has(key)) return false;
      at.set(key, ms);
      return true;
    },
    // In one process, a request not yet answered is still being answered: a crash forgets it all.
    async answered() {},
  };
}

/**
 * A shared request log whose database is away, or cannot store the key (its disk is full), counts
 * each request as new: the command then runs, meets the same store and answers "try again in a
 * moment" or that nothing could be saved. Dropping it instead would leave the person with no
 * answer at all; a repeat answered twice with that line costs nothing.
 */
export function answeringWhileAway(log: RequestLog): RequestLog {
  return {
    async firstTime(key, now) {
      try {
        return await log.firstTime(key, now);
      } catch (err) {
        if (err instanceof StoreUnavailableError || err instanceof StoreWriteError) return true;
        throw err;
      }
    },
    async answered(key) {
      try {
        await log.answered(key);
      } catch (err) {
        // Left unanswered, the key is taken again only if the platform delivers it again, and
        // it does not: this instance answered.
        if (err instanceof StoreUnavailableError || err instanceof StoreWriteError) return;
        throw err;
      }
    },
  };
}
