/** Resolves when `p` settles or after `ms`, whichever comes first; the timer never keeps the process up. */
export const within = (p: Promise<unknown>, ms: number): Promise<void> =>
  Promise.race([
    p.then(
      () => {},
      () => {},
    ),
    new Promise<void>((r) => setTimeout(r, ms).unref()),
  ]);

/** Work under way, so that stopping can wait for it (a command acknowledged but not yet answered). */
export interface InFlight {
  track<T>(p: Promise<T>): Promise<T>;
  /** resolves once everything tracked now has settled, or after `ms` */
  settled(ms: number): Promise<void>;
}

export function createInFlight(): InFlight {
  const running = new Set<Promise<unknown>>();
  return {
    track(p) {
      running.add(p);
      const done = () => void running.delete(p);
      p.then(done, done);
      return p;
    },
    settled: (ms) => within(Promise.allSettled([...running]), ms),
  };
}
