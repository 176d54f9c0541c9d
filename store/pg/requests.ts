import type pg from 'pg';
import type { RequestLog } from '../../src/ports.js';

/** How long a request key is remembered: Slack retries within minutes, Telegram redelivers a webhook within the hour. */
const REQUEST_WINDOW_MS = 10 * 60_000;
/** Keys older than the window are cleared after about this many new ones. */
const SWEEP_EVERY = 500;

/**
 * Requests already taken, in the database: whichever instance a platform's retry reaches, the
 * first to insert the key runs it and every other sees it taken. A key older than the window
 * counts as new again.
 */
export function createPgRequestLog(pool: pg.Pool, windowMs = REQUEST_WINDOW_MS): RequestLog {
  let sinceSweep = 0;
  return {
    async firstTime(key, now = new Date()) {
      const r = await pool.query(
        `INSERT INTO requests (key, seen_at) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET seen_at = excluded.seen_at
         WHERE requests.seen_at < $2::timestamptz - $3 * interval '1 millisecond'
         RETURNING 1`,
        [key, now, windowMs],
      );
      if (++sinceSweep >= SWEEP_EVERY) {
        sinceSweep = 0;
        void pool
          .query(`DELETE FROM requests WHERE seen_at < $1::timestamptz - $2 * interval '1 millisecond'`, [
            now,
            windowMs,
          ])
          .catch(() => {});
      }
      return r.rowCount === 1;
    },
  };
}
