/**
 * A full disk under PostgreSQL, the counterpart of disk-full.test.ts: the server itself raises
 * SQLSTATE 53100 (disk_full), as it does when it cannot extend a table's file, from triggers on
 * the store's tables, so the error comes over the wire as a real one would, with nothing filled.
 * Everything above the database (the pool, the store, the commands, the command line) runs as
 * it would.
 */
import { PassThrough } from 'node:stream';
import type pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createConsoleAdapter } from '../../adapters/console/console-adapter.js';
import { renderAnswer } from '../../adapters/console/render-text.js';
import { createCore } from '../../src/core.js';
import { en } from '../../src/i18n/en.js';
import { es } from '../../src/i18n/es.js';
import { StoreUnavailableError, StoreWriteError, type Delivery, type NewsStore } from '../../src/ports.js';
import { DEFAULT_SCHEDULE, makeCore, NOW } from '../helpers/core.js';
import { silentLog } from '../helpers/logs.js';
import { hasPg, pgStores } from '../helpers/pg.js';
import { runInProcess } from '../helpers/run.js';
import { allItems } from '../helpers/stores.js';

/** What PostgreSQL says when it cannot extend a table's file. */
const NO_SPACE = 'could not extend file "base/16384/16402": No space left on device';
const STORE_TABLES = ['chats', 'deliveries', 'items', 'source_health', 'requests'];

/**
 * Until the returned function runs, every insert, update and delete on `tables` fails with
 * SQLSTATE `sqlstate` and `message`, raised by the server.
 */
async function refuse(
  pool: pg.Pool,
  sqlstate: string,
  message: string,
  tables = STORE_TABLES,
): Promise<() => Promise<void>> {
  await pool.query(`CREATE OR REPLACE FUNCTION newsbot_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION USING ERRCODE = TG_ARGV[0], MESSAGE = TG_ARGV[1], HINT = 'Check free disk space.'; END $$`);
  for (const t of tables)
    await pool.query(
      `CREATE TRIGGER newsbot_test_refuse BEFORE INSERT OR UPDATE OR DELETE ON ${t}
       FOR EACH STATEMENT EXECUTE FUNCTION newsbot_test_refuse('${sqlstate}', '${message.replace(/'/g, "''")}')`,
    );
  return async () => {
    for (const t of tables) await pool.query(`DROP TRIGGER newsbot_test_refuse ON ${t}`);
  };
}
const fullDisk = (pool: pg.Pool) => refuse(pool, '53100', NO_SPACE);

const stores = pgStores();
afterAll(() => stores.close());
/** the triggers a test left, dropped after it whatever happened */
let free: (() => Promise<void>) | undefined;
afterEach(async () => {
  await free?.();
  free = undefined;
});

/** A console over a PostgreSQL store, as local mode and `newsbot ask` answer. */
async function consoleOver(store: NewsStore) {
  const core = await makeCore({ store });
  const console = createConsoleAdapter({
    commands: core.commands,
    input: new PassThrough(),
    output: new PassThrough(),
    log: silentLog(),
  });
  const say = async (text: string) => {
    const { reply, error } = await console.ask(text);
    return { text: renderAnswer(reply), error };
  };
  return { say };
}

const item = (id: string, title: string) => ({
  id,
  title,
  summary: '',
  date: null,
  url: null,
  lang: null,
  countries: ['HN'],
  regions: [],
  topics: [],
  sources: ['x'],
});

describe.skipIf(!hasPg)('a change the database could not store (its disk is full)', () => {
  it('is not made: the reply says the disk is full and what to do, and nothing of it shows, now or after the disk frees', async () => {
    const store = await stores.open();
    const { say } = await consoleOver(store);
    expect((await say('subscribe honduras')).error).toBeUndefined();
    const row = async () =>
      (await store.pool.query(`SELECT data FROM chats WHERE key = 'console:local'`)).rows[0]?.data;
    const before = await row();

    free = await fullDisk(store.pool);
    for (const command of ['subscribe mexico', 'language es', 'unsubscribe all']) {
      const { text, error } = await say(command);
      expect(text, command).toBe(en.storeDiskFull);
      expect(error).toBeInstanceOf(StoreWriteError);
      expect((error as StoreWriteError).code).toBe('disk_full');
      const message = (error as Error).message;
      expect(message).toContain(
        `The database ${store.location} could not be written: the disk of the database server is full`,
      );
      expect(message).toContain(`(PostgreSQL: ${NO_SPACE}; SQLSTATE 53100)`);
      expect(message).toContain("Free some space on the disk that holds the database's data directory");
    }
    const shown = (await say('subscriptions')).text;
    expect(shown).toContain('Honduras');
    expect(shown).not.toContain('Mexico');
    expect(shown).not.toMatch(/México|suscri/);
    expect(await row()).toEqual(before);

    // The disk frees: the next change is written, and carries none of the ones refused.
    await free();
    free = undefined;
    expect((await say('schedule friday 10:00')).error).toBeUndefined();
    const again = await stores.again();
    const chat = await again.chat('console:local');
    expect(chat?.places.map((p) => p.code)).toEqual(['HN']);
    expect(chat?.language ?? 'en').toBe('en');
    expect(chat?.schedule).toMatchObject({ weekday: 5, time: '10:00' });
  });

  it('is said in the chat’s language', async () => {
    const store = await stores.open();
    const { say } = await consoleOver(store);
    await say('idioma es');
    free = await fullDisk(store.pool);
    expect((await say('suscribir guatemala')).text).toBe(es.storeDiskFull);
  });

  it('items that could not be written are neither stored, found nor given seqs', async () => {
    const store = await stores.open();
    await store.saveItems({ added: [item('a', 'first item')], updated: [] }, NOW);
    free = await fullDisk(store.pool);
    const err = await store
      .saveItems(
        {
          added: [item('b', 'zanzibar lost')],
          updated: [{ ...(await allItems(store))[0], title: 'edited' }],
        },
        NOW,
      )
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreWriteError);
    expect((err as StoreWriteError).code).toBe('disk_full');
    expect((err as Error).message).toContain(`The database ${store.location} could not be written`);
    expect((await allItems(store)).map((i) => [i.id, i.title])).toEqual([['a', 'first item']]);
    expect(await store.items.lastSeq()).toBe(1);
    expect((await store.items.search('zanzibar', { limit: 5 })).total).toBe(0);

    await free();
    free = undefined;
    await store.saveItems({ added: [item('c', 'second item')], updated: [] }, NOW);
    expect((await allItems(store)).map((i) => [i.id, i.seq])).toEqual([
      ['a', 1],
      ['c', 2],
    ]);
  });

  it('a delivery the ledger could not write is not remembered', async () => {
    const store = await stores.open();
    const delivery = (id: string, state: Delivery['state']): Delivery => ({
      id,
      chatKey: `console:${id}`,
      dueAt: '2026-11-30T15:00:00.000Z',
      fromSeq: 0,
      toSeq: 1,
      itemIds: [],
      more: 0,
      sent: [],
      state,
      createdAt: '2026-11-30T15:00:00.000Z',
      updatedAt: '2026-11-30T15:00:00.000Z',
    });
    await store.saveDelivery(delivery('a', 'pending'));
    free = await fullDisk(store.pool);
    const err = await store.saveDelivery(delivery('a', 'sent')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreWriteError);
    expect((err as StoreWriteError).code).toBe('disk_full');
    expect((await store.deliveries()).map((x) => x.state)).toEqual(['pending']);

    await free();
    free = undefined;
    await store.saveDelivery(delivery('b', 'pending'));
    expect((await (await stores.again()).deliveries()).map((x) => [x.id, x.state])).toEqual([
      ['a', 'pending'],
      ['b', 'pending'],
    ]);
  });

  it('a request key the log could not store counts as new, so the command runs and meets the full disk itself', async () => {
    const store = await stores.open();
    const core = createCore({
      store,
      defaultSchedule: DEFAULT_SCHEDULE,
      sources: [],
      requests: store.requests,
    });
    free = await fullDisk(store.pool);
    await expect(core.services.requests.firstTime('telegram:update:1', NOW)).resolves.toBe(true);
  });
});

describe.skipIf(!hasPg)('the other ways a server runs short', () => {
  it('out of memory, or a limit set in the server: the change is not made, the chat is told, the message says what to check', async () => {
    const store = await stores.open();
    const { say } = await consoleOver(store);
    for (const [sqlstate, words] of [
      ['53200', 'out of memory'],
      ['53000', 'short of resources'],
      ['53400', 'a limit set in the database server was reached'],
    ]) {
      free = await refuse(store.pool, sqlstate, 'out of shared memory');
      const { text, error } = await say('subscribe mexico');
      expect(text, sqlstate).toBe(en.storeWriteFailed);
      expect(error).toBeInstanceOf(StoreWriteError);
      expect((error as StoreWriteError).code).toBe('store_write');
      expect((error as Error).message).toContain(`The database ${store.location} could not be written:`);
      expect((error as Error).message).toContain(words);
      expect((error as Error).message).toContain(`SQLSTATE ${sqlstate}`);
      await free();
      free = undefined;
    }
    expect((await say('subscriptions')).text).not.toContain('Mexico');
  });

  it('no connection slot free (53300) is the database away for a moment: "try again in a moment"', async () => {
    const store = await stores.open();
    const { say } = await consoleOver(store);
    free = await refuse(store.pool, '53300', 'sorry, too many clients already');
    expect(await store.deleteChat('console:local').catch((e: unknown) => e)).toBeInstanceOf(
      StoreUnavailableError,
    );
    expect((await say('subscribe mexico')).text).toBe(en.storeAway);
  });

  it('a value over one of PostgreSQL’s limits (class 54) is not the server’s want: given back as it came', async () => {
    const store = await stores.open();
    free = await refuse(store.pool, '54000', 'index row size 9000 exceeds btree version 4 maximum 2704', [
      'items',
    ]);
    const err = await store
      .saveItems({ added: [item('a', 'huge')], updated: [] }, NOW)
      .catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(StoreWriteError);
    expect((err as { code?: string }).code).toBe('54000');
  });
});

describe.skipIf(!hasPg)('the command line on a database with a full disk', () => {
  const env = (db: string) => ({ NEWSBOT_DB: db, NEWS_SOURCES: 'data/sample-items.txt' });

  it('ingest: the database and the cause, no stack trace, exit 2; nothing stored', async () => {
    const store = await stores.open();
    free = await fullDisk(store.pool);
    const r = await runInProcess(['ingest'], env(stores.url()!));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `newsbot: The database ${store.location} could not be written: the disk of the database server is full`,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(await store.items.lastSeq()).toBe(0);
  });

  it('ask "subscribe guatemala": the chat’s answer, the cause on standard error, exit 2; nothing changed', async () => {
    const store = await stores.open();
    const db = stores.url()!;
    expect((await runInProcess(['ingest'], env(db))).code).toBe(0);
    free = await fullDisk(store.pool);
    const r = await runInProcess(['ask', 'subscribe guatemala'], env(db));
    expect(r.code).toBe(2);
    expect(r.stdout.trim()).toBe(en.storeDiskFull);
    expect(r.stderr).toContain(
      `newsbot: The database ${store.location} could not be written: the disk of the database server is full`,
    );
    await free();
    free = undefined;
    const shown = await runInProcess(['ask', 'subscriptions'], env(db));
    expect(shown.stdout).not.toContain('Guatemala');
  });
});
