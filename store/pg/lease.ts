import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type pg from 'pg';
import type { SchedulerLease } from '../../src/ports.js';

/**
 * How long the lease lasts unrenewed, and how often its holder renews it. A holder killed right
 * after renewing is taken over TTL later (plus the wait of the one asking); one that can no
 * longer reach the database stops counting it as held MARGIN before it expires, so the two
 * never both send.
 */
const PG_LEASE_TTL_MS = 20_000;
const PG_LEASE_RENEW_MS = 4_000;
const MARGIN_MS = 6_000;

export interface PgLeaseOptions {
  ttlMs?: number;
  renewMs?: number;
  /** told when a renewal fails (the database is away), for the log */
  onRenewError?: (err: unknown) => void;
}

/**
 * The scheduler lease as a row with an expiry, in the database's time. The holder renews it;
 * another instance takes it once it has expired. The holder counts it as held only until its
 * last renewal (timed from before the renewal was sent) could have expired, less a margin, so a
 * holder cut off from the database stops before any other could take over.
 */
export function createPgLease(pool: pg.Pool, o: PgLeaseOptions = {}): SchedulerLease {
  const ttl = o.ttlMs ?? PG_LEASE_TTL_MS;
  const renewEvery = o.renewMs ?? PG_LEASE_RENEW_MS;
  const margin = Math.min(MARGIN_MS, ttl / 3);
  let token: string | undefined;
  /** Date.now() past which this process no longer counts the lease as its own */
  let validUntil = 0;
  let timer: NodeJS.Timeout | undefined;
  const lostListeners: ((reason: string) => void)[] = [];
  const me = () => `pid ${process.pid} on ${hostname()}, since ${new Date().toISOString()}`;

  const lose = (reason: string) => {
    if (!token) return;
    token = undefined;
    clearInterval(timer);
    timer = undefined;
    for (const l of lostListeners) l(reason);
  };

  const renew = async () => {
    const mine = token;
    if (!mine) return;
    const sent = Date.now();
    try {
      const r = await pool.query(
        `UPDATE scheduler_lease SET expires_at = now() + $2 * interval '1 millisecond'
         WHERE token = $1 RETURNING 1`,
        [mine, ttl],
      );
      if (token !== mine) return;
      if (r.rowCount === 0) return lose('another instance took the lease over');
      validUntil = sent + ttl - margin;
    } catch (err) {
      o.onRenewError?.(err);
      if (token === mine && Date.now() >= validUntil)
        lose('the database could not be reached to renew the lease in time');
    }
  };

  // A renewal that fails leaves the lease running out on its own: checked between renewals too.
  const tick = () => {
    if (token && Date.now() >= validUntil)
      lose('the database could not be reached to renew the lease in time');
    else void renew();
  };

  return {
    async acquire() {
      if (token && Date.now() < validUntil) return { ok: true };
      const mine = token ?? randomUUID();
      const sent = Date.now();
      const r = await pool.query(
        `INSERT INTO scheduler_lease (holder, token, expires_at)
         VALUES ($1, $2, now() + $3 * interval '1 millisecond')
         ON CONFLICT (one) DO UPDATE SET holder = excluded.holder, token = excluded.token,
           expires_at = excluded.expires_at
         WHERE scheduler_lease.expires_at < now() OR scheduler_lease.token = excluded.token
         RETURNING token`,
        [me(), mine, ttl],
      );
      if (r.rowCount === 0) {
        const holder = await this.heldElsewhere();
        return { ok: false, holder: holder ?? 'another instance (its lease was just renewed)' };
      }
      token = mine;
      validUntil = sent + ttl - margin;
      clearInterval(timer);
      timer = setInterval(tick, renewEvery);
      timer.unref();
      return { ok: true };
    },
    async release() {
      const mine = token;
      token = undefined;
      clearInterval(timer);
      timer = undefined;
      if (mine) await pool.query('DELETE FROM scheduler_lease WHERE token = $1', [mine]);
    },
    held: () => token !== undefined && Date.now() < validUntil,
    onLost(listener) {
      lostListeners.push(listener);
    },
    async heldElsewhere() {
      const r = await pool.query('SELECT holder, token FROM scheduler_lease WHERE expires_at >= now()');
      const row = r.rows[0] as { holder: string; token: string } | undefined;
      return row && row.token !== token ? row.holder : undefined;
    },
  };
}
