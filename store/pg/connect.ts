import pg from 'pg';
import { writeFailure } from './write-failure.js';

/** int8 and numeric come back as numbers: seqs, counts and identity hashes all fit a double exactly. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.INT8) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  },
};

/** The URL with its password hidden, for messages and logs. */
export function shownUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

export interface PoolOptions {
  /** connections at most (default 8) */
  max?: number;
  /** called for an error on an idle connection (the server restarted, the network went): logged, never thrown */
  onIdleError?: (err: Error) => void;
}

/**
 * A pool of connections to the database at `url`. A connection that breaks while idle is
 * dropped and reported, not thrown: the next query opens another. A statement the server could
 * not carry out for want of room or memory (a full disk) fails with a StoreWriteError that names
 * the database (write-failure.ts).
 */
export function createPool(url: string, o: PoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: o.max ?? 8,
    types,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    application_name: 'newsbot',
  });
  pool.on('error', (err) => o.onIdleError?.(err));
  // A connection lent out and between queries that breaks emits 'error' on itself, which would end
  // the process unheard; its next query fails instead, and that failure is what gets reported.
  pool.on('connect', (client) => client.on('error', () => {}));
  // Here rather than around each store method: every statement of every pool the store opens
  // (its own, the lease's) goes through this one place, the store's methods and the lease alike.
  const where = shownUrl(url);
  const query = pool.query.bind(pool) as (...a: unknown[]) => unknown;
  pool.query = ((...a: unknown[]) => {
    const r = query(...a);
    return r instanceof Promise
      ? r.catch((err: unknown) => {
          throw writeFailure(err, where);
        })
      : r;
  }) as typeof pool.query;
  return pool;
}

/** Runs `fn` in a transaction on one connection of the pool: committed if it returns, rolled back if it throws. */
export async function inTransaction<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const out = await fn(c);
    await c.query('COMMIT');
    return out;
  } catch (err) {
    await c.query('ROLLBACK').catch(() => {});
    throw writeFailure(err, shownUrl(pool.options.connectionString ?? ''));
  } finally {
    c.release();
  }
}
