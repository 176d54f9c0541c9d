const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * After a late call the next may leave this share of a spacing after it: enough to take up a
 * timer's usual lateness (a few milliseconds), not so much that a stalled machine sends a
 * bunch that arrives inside one of the platform's windows (429s under heavy load).
 */
const CATCH_UP = 0.9;

/**
 * The overall pace of a platform's calls, for one caller at a time (the pipeline's gate runs
 * them in turn): `perSecond` calls a second, evenly spaced on a schedule, and never more than
 * `perSecond` in any `windowMs` of real departures (the platforms count in sliding windows).
 *
 * The schedule is what keeps the rate on a busy machine: a timer that fires a few milliseconds
 * late does not push every later call back (an interval measured from each departure loses that
 * lateness each time: 0.9 of 30 a second with the machine's two cores taken). A late call is
 * followed by the next on time, or CATCH_UP of a spacing after it at the least, and the window,
 * measured on when calls really left, keeps a long stall from turning into a burst.
 */
export function createPace(
  perSecond: number,
  windowMs: number,
  /** a time before which nothing leaves (a 429's wait), read at each try */
  holdUntil: () => number = () => 0,
): () => Promise<void> {
  const spacing = windowMs / perSecond;
  /** when the calls of the last window left, oldest first */
  const departures: number[] = [];
  let next = 0;
  return async () => {
    for (;;) {
      const now = performance.now();
      while (departures.length && departures[0] <= now - windowMs) departures.shift();
      const windowFull =
        departures.length >= perSecond ? departures[departures.length - perSecond] + windowMs : 0;
      const at = Math.max(next, windowFull, holdUntil());
      if (at <= now) {
        departures.push(now);
        next = Math.max(at + spacing, now + spacing * CATCH_UP);
        return;
      }
      await sleep(Math.ceil(at - now));
    }
  };
}
