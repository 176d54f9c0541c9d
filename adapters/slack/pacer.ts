export interface Pacer {
  /** Runs `task` after the earlier tasks of the same key, and at least `intervalMs` after the last one ended. */
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * A small queue per key (a Slack channel): Slack allows about one message a second per
 * channel, and a digest of several parts or two digests for the same channel must not burst.
 * Different channels do not wait for each other.
 */
export function createPacer(intervalMs: number): Pacer {
  const lanes = new Map<string, { tail: Promise<unknown>; readyAt: number }>();
  return {
    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      const lane = lanes.get(key) ?? { tail: Promise.resolve(), readyAt: 0 };
      lanes.set(key, lane);
      const result = lane.tail.then(async () => {
        const wait = lane.readyAt - Date.now();
        if (wait > 0) await sleep(wait);
        try {
          return await task();
        } finally {
          lane.readyAt = Date.now() + intervalMs;
        }
      });
      const tail = result.catch(() => undefined);
      lane.tail = tail;
      // An idle lane is forgotten once its pause is over, so the map does not grow with every channel ever seen.
      void tail.then(() => {
        setTimeout(() => {
          if (lane.tail === tail) lanes.delete(key);
        }, intervalMs).unref();
      });
      return result;
    },
  };
}
