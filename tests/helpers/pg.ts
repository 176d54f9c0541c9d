import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { itemFiling } from '../../src/search/filing.js';
import { openPgStore, type PgStore, type PgStoreOptions } from '../../store/pg/pg-store.js';

/** The server the tests make their databases on: the machine's local PostgreSQL unless told otherwise. */
const PG_SERVER = process.env.NEWSBOT_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function answers(): Promise<string | undefined> {
  const c = new pg.Client({ connectionString: PG_SERVER, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return undefined;
  } catch (err) {
    return (err as Error).message;
  } finally {
    await c.end().catch(() => {});
  }
}

const problem = await answers();
if (problem) {
  const say =
    `\n!!!!!!!! PostgreSQL at ${PG_SERVER} does not answer (${problem}):\n` +
    '!!!!!!!! the tests of the PostgreSQL store are SKIPPED. Start it (see .ci/run) to run them.\n';
  // CI sets NEWSBOT_REQUIRE_PG: there a missing server fails the run instead of skipping.
  if (process.env.NEWSBOT_REQUIRE_PG === '1') throw new Error(say);
  process.stderr.write(say);
}

/** Whether the tests of the PostgreSQL store run: false only where no server answers (and CI does not require one). */
export const hasPg = problem === undefined;

/** A database of its own on the test server (`newsbot_test_<random>`), dropped by `drop`. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `newsbot_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_SERVER });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(PG_SERVER);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: PG_SERVER });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/**
 * PostgreSQL stores for one test file: `open` gives an empty store on the file's database (the
 * one before it emptied), `close` closes every store opened and drops the database.
 */
export function pgStores() {
  let db: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  const opened: PgStore[] = [];
  return {
    async open(opts?: PgStoreOptions): Promise<PgStore> {
      db ??= await createTestDatabase();
      const store = await openPgStore(db.url, itemFiling, opts);
      opened.push(store);
      await store.pool.query(
        `TRUNCATE items, item_lists, list_counts, term_counts, item_identities, chats, source_health,
           deliveries, requests, scheduler_lease;
         UPDATE item_counter SET last_seq = 0, items = 0, words = 0`,
      );
      return store;
    },
    /** another store on the same database, as a second instance would open it */
    async again(opts?: PgStoreOptions): Promise<PgStore> {
      if (!db) throw new Error('open a store first');
      const store = await openPgStore(db.url, itemFiling, opts);
      opened.push(store);
      return store;
    },
    url: () => db?.url,
    async close() {
      await Promise.all(opened.splice(0).map((s) => s.close().catch(() => {})));
      await db?.drop();
      db = undefined;
    },
  };
}
