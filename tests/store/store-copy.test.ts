/**
 * `newsbot store copy --from <lowdb file> --to postgres://…` (issue 14): a lowdb store filled
 * through the command line (items, a subscription in Spanish, the ledger of a digest run, the
 * sources' health) is copied into a database of its own with every seq and time kept; the counts
 * are verified; a second run changes nothing and says so; a database holding something else is
 * refused with what to do; bad arguments get the usage.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { itemFiling } from '../../src/search/filing.js';
import { openLowdbStore } from '../../store/lowdb-store.js';
import { openPgStore } from '../../store/pg/pg-store.js';
import { createTestDatabase, hasPg } from '../helpers/pg.js';
import { runInProcess } from '../helpers/run.js';
import { tempDb } from '../helpers/temp.js';

const copy = (from: string, to: string) => runInProcess(['store', 'copy', '--from', from, '--to', to]);
const sorted = <T>(list: T[], key: (x: T) => string) => [...list].sort((a, b) => (key(a) < key(b) ? -1 : 1));

describe('store copy: its arguments', () => {
  it('bad or missing arguments get the usage and what to give', async () => {
    const usage = /usage: newsbot store copy --from data\/newsbot.json --to postgres:\/\//;
    for (const args of [
      ['store', 'copy'],
      ['store', 'copy', '--from', 'data/newsbot.json'],
      ['store', 'copy', '--to', 'postgres://localhost/news'],
      ['store', 'copy', '--from', 'data/newsbot.json', '--to', 'data/other.json'],
      ['store', 'copy', '--from', 'postgres://localhost/a', '--to', 'postgres://localhost/b'],
      ['store', 'copy', '--form', 'data/newsbot.json'],
    ]) {
      const r = await runInProcess(args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toMatch(usage);
    }
    const none = await runInProcess([
      'store',
      'copy',
      '--from',
      '/nonexistent/newsbot.json',
      '--to',
      'postgres://localhost/news',
    ]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/there is no lowdb store file at \/nonexistent\/newsbot.json/);
  });
});

describe.skipIf(!hasPg)('store copy into PostgreSQL', () => {
  const dbs: Awaited<ReturnType<typeof createTestDatabase>>[] = [];
  afterAll(async () => {
    for (const db of dbs) await db.drop();
  });

  it('copies items with their seqs and times, chats, subscriptions, the ledger and source health; run twice, it changes nothing', async () => {
    const file = tempDb();
    const env = { NEWSBOT_DB: file };
    expect((await runInProcess(['ingest'], env)).code).toBe(0);
    expect((await runInProcess(['ask', 'suscribir costa rica', '--chat', 'ana'], env)).code).toBe(0);
    expect((await runInProcess(['ask', 'subscribe honduras, guatemala', '--chat', 'bo'], env)).code).toBe(0);
    expect((await runInProcess(['ask', 'language es', '--chat', 'carla'], env)).code).toBe(0);
    // A digest run a week on: both subscriptions are due, and the ledger records them.
    const due = await runInProcess(
      ['digests', 'send-due', '--now', new Date(Date.now() + 8 * 86_400_000).toISOString()],
      env,
    );
    expect(due.stderr).toMatch(/digests due at .*: 2;/);

    const source = await openLowdbStore(file, itemFiling);
    const lastSeq = await source.items.lastSeq();
    const want = {
      items: await source.items.window(0, lastSeq),
      chats: sorted(await source.chats(), (c) => c.key),
      deliveries: sorted(await source.deliveries(), (d) => d.id),
      sources: await source.sources(),
    };
    await source.close();
    expect(want.items.length).toBe(10);
    expect(want.chats).toHaveLength(3);
    expect(want.deliveries).toHaveLength(2);
    expect(want.sources).toHaveLength(1);

    const db = await createTestDatabase();
    dbs.push(db);
    const first = await copy(file, db.url);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const n = want.items.length;
    expect(first.stdout).toContain(`items          ${n} in the store, ${n} copied, ${n} in the database`);
    expect(first.stdout).toContain('chats          3 in the store, 3 copied, 3 in the database');
    expect(first.stdout).toContain('subscriptions  2 in the store, 2 copied, 2 in the database');
    expect(first.stdout).toContain('ledger         2 in the store, 2 copied, 2 in the database');
    expect(first.stdout).toContain('sources        1 in the store, 1 copied, 1 in the database');
    expect(first.stdout).toMatch(/Copied .* to postgres:\/\/.*; the counts match\./);

    const target = await openPgStore(db.url, itemFiling);
    try {
      expect(await target.items.lastSeq()).toBe(lastSeq);
      expect(await target.items.window(0, lastSeq)).toEqual(want.items);
      expect(sorted(await target.chats(), (c) => c.key)).toEqual(want.chats);
      expect(sorted(await target.deliveries(), (d) => d.id)).toEqual(want.deliveries);
      expect(await target.sources()).toEqual(want.sources);
      // Found by the same queries as on lowdb: a place's list and full-text search.
      expect((await target.items.byPlaces(['CR'], { limit: 50 })).total).toBe(
        want.items.filter((it) => it.countries.includes('CR')).length,
      );
    } finally {
      await target.close();
    }

    const second = await copy(file, db.url);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`items          ${n} in the store, 0 copied, ${n} in the database`);
    expect(second.stdout).toContain('ledger         2 in the store, 0 copied, 2 in the database');
    expect(second.stdout).toMatch(
      /Nothing to copy: .* already holds everything in .*; nothing was changed\. The counts match\./,
    );

    // The service on the database carries on where the files left off: Ana's chat is in Spanish.
    const asked = await runInProcess(['ask', 'subscriptions', '--chat', 'ana'], { NEWSBOT_DB: db.url });
    expect(asked.stdout).toMatch(/Costa Rica/);
    expect(asked.stdout).toMatch(/suscrit|Suscrip/i);
  });

  it('a database that holds something else is refused, with what to do, and left as it was', async () => {
    const file = tempDb();
    expect((await runInProcess(['ingest'], { NEWSBOT_DB: file })).code).toBe(0);
    const db = await createTestDatabase();
    dbs.push(db);
    // Another store's subscription, made in the database.
    expect(
      (await runInProcess(['ask', 'subscribe mexico', '--chat', 'zed'], { NEWSBOT_DB: db.url })).code,
    ).toBe(0);
    const r = await copy(file, db.url);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/already holds data that differs from .*; nothing was copied:/);
    expect(r.stderr).toMatch(/items seq 1: stored differently/);
    expect(r.stderr).toMatch(/…and 8 more items/);
    expect(r.stderr).toMatch(/chats console:zed: not in the source/);
    expect(r.stderr).toMatch(/Copy into an empty database/);
    const target = await openPgStore(db.url, itemFiling);
    try {
      expect((await target.chats()).map((c) => c.key)).toEqual(['console:zed']);
    } finally {
      await target.close();
    }
  });
});
