import type pg from 'pg';
import type { RequestLog } from '../../src/ports.js';

export interface PgRequestLogOptions {
  /** how long a request key is remembered: Slack retries within minutes, Telegram redelivers a webhook within the hour */
  windowMs?: number;
  /** how often an instance renews the requests it is still answering */
  renewMs?: number;
  /** a request unrenewed this long was taken by an instance that died before it answered */
  abandonedMs?: number;
  /** how often a delivery of a request still being answered looks again */
  checkMs?: number;
  /** how long it waits at most: an answer still renewed after this is stuck, and the delivery is dropped */
  maxWaitMs?: number;
}

const DEFAULTS: Required<PgRequestLogOptions> = {
  windowMs: 10 * 60_000,
  // As the scheduler lease: four renewals missed before another instance takes it.
  renewMs: 5_000,
  abandonedMs: 20_000,
  checkMs: 1_000,
  maxWaitMs: 2 * 60_000,
};
/** Keys older than the window are cleared after about this many new ones. */
const SWEEP_EVERY = 500;

/**
 * Requests already taken, in the database: whichever instance a platform's retry reaches, the
 * first to insert the key runs it and every other sees it taken. A key older than the window
 * counts as new again.
 *
 * A request is marked as being answered until `answered`, and its instance renews it meanwhile.
 * A delivery of it that comes meanwhile waits: until it is answered (then it is a repeat), or
 * until it goes unrenewed for `abandonedMs` because the instance answering it died (then it is
 * taken again). So an answer that waits out a 429 for a minute is not run twice, and a request
 * whose instance was killed mid-answer is not lost: Telegram delivers a webhook update again
 * until one instance answers it, and a restarted poller gets the update again.
 */
export function createPgRequestLog(
  pool: pg.Pool,
  options: PgRequestLogOptions = {},
): RequestLog & { stop(): void } {
  const o = { ...DEFAULTS, ...options };
  const answering = new Set<string>();
  let renewing: NodeJS.Timeout | undefined;
  let sinceSweep = 0;

  const sweep = (now: Date) => {
    if (++sinceSweep < SWEEP_EVERY) return;
    sinceSweep = 0;
    void pool
      .query(`DELETE FROM requests WHERE seen_at < $1::timestamptz - $2 * interval '1 millisecond'`, [
        now,
        o.windowMs,
      ])
      .catch(() => {});
  };

  const renew = () =>
    pool
      .query(`UPDATE requests SET seen_at = $2 WHERE key = ANY($1) AND answering`, [
        [...answering],
        new Date(),
      ])
      // missed renewals are what the abandoned time allows for
      .catch(() => {});

  return {
    async firstTime(key, now = new Date()) {
      const started = Date.now();
      // `now` as the caller gave it, moved on by the time spent waiting
      const at = () => new Date(now.getTime() + Date.now() - started);
      sweep(now);
      for (;;) {
        const taken = await pool.query(
          `INSERT INTO requests (key, seen_at, answering) VALUES ($1, $2, true)
           ON CONFLICT (key) DO UPDATE SET seen_at = excluded.seen_at, answering = true
           WHERE requests.seen_at < $2::timestamptz - $3 * interval '1 millisecond'
              OR (requests.answering AND requests.seen_at < $2::timestamptz - $4 * interval '1 millisecond')
           RETURNING 1`,
          [key, at(), o.windowMs, o.abandonedMs],
        );
        if (taken.rowCount === 1) {
          answering.add(key);
          renewing ??= setInterval(renew, o.renewMs).unref();
          return true;
        }
        // Taken before. Dropped as a repeat only once answered: the platform hears it was
        // delivered and will not send it again, so if the one answering it dies meanwhile, this
        // delivery is the last and must wait to take it over.
        const row = await pool.query(`SELECT answering FROM requests WHERE key = $1`, [key]);
        if (row.rowCount === 1 && !row.rows[0].answering) return false;
        if (Date.now() - started >= o.maxWaitMs) return false;
        await new Promise((r) => setTimeout(r, o.checkMs));
      }
    },
    async answered(key) {
      answering.delete(key);
      if (answering.size === 0) {
        clearInterval(renewing);
        renewing = undefined;
      }
      await pool.query(`UPDATE requests SET answering = false WHERE key = $1`, [key]);
    },
    /** the store closes: its connections can no longer renew anything */
    stop() {
      clearInterval(renewing);
      renewing = undefined;
    },
  };
}
