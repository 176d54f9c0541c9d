import type pg from 'pg';
import {
  UnreachableError,
  type Chat,
  type Delivery,
  type ItemChange,
  type ItemFiling,
  type NewsStore,
  type SourceHealth,
} from '../../src/ports.js';
import { createPool, inTransaction, shownUrl } from './connect.js';
import { createItemQueries } from './item-queries.js';
import { writeItems } from './item-writes.js';
import { createPgLease, type PgLeaseOptions } from './lease.js';
import { gatheredDeliveryWrites } from './ledger-writes.js';
import { migrate } from './migrate.js';
import { createPgRequestLog, type PgRequestLogOptions } from './requests.js';
import { reportingLoss } from './unavailable.js';

export interface PgStoreOptions {
  log?: { warn(detail: object, message: string): void };
  lease?: PgLeaseOptions;
  /** connections in the pool (default 8) */
  connections?: number;
  requests?: PgRequestLogOptions;
}

/** A PostgreSQL store with its pool, for `store copy` and the tests, which write through it too. */
export interface PgStore extends NewsStore {
  readonly pool: pg.Pool;
}

/**
 * The PostgreSQL store: every instance on one database shares its items, chats, ledger, source
 * health, request log and scheduler lease. Opening it applies the migrations not yet applied
 * (store/pg/migrations). A database that cannot be reached stops the opening with a message
 * that names it (without its password) and what to check.
 */
export async function openPgStore(url: string, filing: ItemFiling, o: PgStoreOptions = {}): Promise<PgStore> {
  const pool = createPool(url, {
    max: o.connections,
    onIdleError: (err) =>
      o.log?.warn({ err }, 'a database connection broke while idle; the next query opens another'),
  });
  try {
    const c = await pool.connect();
    try {
      await migrate(c);
    } finally {
      c.release();
    }
  } catch (err) {
    await pool.end().catch(() => {});
    const e = err as NodeJS.ErrnoException & { code?: string };
    throw new UnreachableError(
      `The database ${shownUrl(url)} cannot be used (${e.code ? `${e.code}: ` : ''}${e.message}). ` +
        'Check NEWSBOT_DB (postgres://user:password@host:port/database), that PostgreSQL runs there and that the database exists.',
      { cause: err },
    );
  }
  // The lease renews on a connection of its own: queued behind a digest run's ledger writes in
  // the pool, a renewal could come too late and the lease run out under a holder still sending.
  const leasePool = createPool(url, {
    max: 1,
    onIdleError: (err) =>
      o.log?.warn({ err }, 'the lease connection broke while idle; the next renewal opens another'),
  });
  const lease = createPgLease(leasePool, {
    onRenewError: (err) => o.log?.warn({ err }, 'the scheduler lease could not be renewed'),
    ...o.lease,
  });

  const leaseHold = reportingLoss(lease);
  const requestLog = createPgRequestLog(pool, o.requests);
  return reportingLoss({
    location: shownUrl(url),
    shared: true,
    pool,
    items: reportingLoss(createItemQueries(pool, filing)),
    saveItems: (change: ItemChange, now: Date) =>
      inTransaction(pool, (c) => writeItems(c, filing, change, now)),
    async chats() {
      return (await pool.query('SELECT data FROM chats ORDER BY key')).rows.map((r) => r.data as Chat);
    },
    async chat(key: string) {
      return (await pool.query('SELECT data FROM chats WHERE key = $1', [key])).rows[0]?.data as
        Chat | undefined;
    },
    async saveChat(chat: Chat) {
      await pool.query(
        'INSERT INTO chats (key, data) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET data = excluded.data',
        [chat.key, JSON.stringify(chat)],
      );
    },
    async deleteChat(key: string) {
      await pool.query('DELETE FROM chats WHERE key = $1', [key]);
    },
    async sources() {
      return (await pool.query('SELECT data FROM source_health ORDER BY source')).rows.map(
        (r) => r.data as SourceHealth,
      );
    },
    async saveSource(h: SourceHealth) {
      await pool.query(
        `INSERT INTO source_health (source, data) VALUES ($1, $2)
         ON CONFLICT (source) DO UPDATE SET data = excluded.data`,
        [h.source, JSON.stringify(h)],
      );
    },
    async deliveries(chatKey?: string) {
      // Per chat, its newest delivery in each state: all the digest logic reads, however long the ledger.
      const r = await pool.query(
        `SELECT DISTINCT ON (chat_key, state) data FROM deliveries
         WHERE $1::text IS NULL OR chat_key = $1
         ORDER BY chat_key, state, due_at DESC, updated_at DESC`,
        [chatKey ?? null],
      );
      return r.rows.map((row) => row.data as Delivery);
    },
    saveDelivery: gatheredDeliveryWrites(pool),
    lease: () => leaseHold,
    requests: reportingLoss(requestLog),
    async close() {
      requestLog.stop();
      // The lease goes before the connections do: another instance takes over at once, not once it expires.
      await lease.release().catch(() => {});
      await Promise.all([pool.end(), leasePool.end()]);
    },
  });
}
