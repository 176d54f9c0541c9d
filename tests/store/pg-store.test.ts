import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { UnreachableError } from '../../src/ports.js';
import { itemFiling } from '../../src/search/filing.js';
import { migrate, migrations } from '../../store/pg/migrate.js';
import { openPgStore } from '../../store/pg/pg-store.js';
import { createTestDatabase, hasPg, pgStores } from '../helpers/pg.js';

const now = new Date('2026-11-28T10:00:00Z');
const item = (id: string, title: string, countries = ['HN']) => ({
  id,
  title,
  summary: '',
  date: '2026-11-01',
  url: null,
  lang: 'en',
  countries,
  regions: [],
  topics: [],
  sources: ['x'],
});

describe('NEWSBOT_DB', () => {
  it('a postgres:// URL chooses PostgreSQL; a path, or nothing, keeps lowdb', () => {
    expect(loadConfig({ NEWSBOT_DB: 'postgres://bot:secret@db.example:5432/news' }).store).toEqual({
      kind: 'postgres',
      url: 'postgres://bot:secret@db.example:5432/news',
    });
    expect(loadConfig({ NEWSBOT_DB: 'postgresql:///news?host=/var/run/postgresql' }).store.kind).toBe(
      'postgres',
    );
    expect(loadConfig({ NEWSBOT_DB: 'data/x.json' }).store).toEqual({ kind: 'lowdb', path: 'data/x.json' });
    expect(loadConfig({}).store).toEqual({ kind: 'lowdb', path: 'data/newsbot.json' });
    expect(() => loadConfig({ NEWSBOT_DB: 'postgres://' })).toThrow(
      /NEWSBOT_DB .* postgres:\/\/user:password@host/,
    );
  });
});

describe.skipIf(!hasPg)('the PostgreSQL store', () => {
  const pg = pgStores();
  afterAll(() => pg.close());

  it('applies its migrations once, in order, each recorded', async () => {
    const s = await pg.open();
    const applied = await s.pool.query('SELECT version, name FROM schema_migrations ORDER BY version');
    expect(applied.rows).toEqual(migrations().map((m) => ({ version: m.version, name: m.name })));
    // A second instance starting on the same database finds nothing left to do.
    const c = await s.pool.connect();
    try {
      expect(await migrate(c)).toEqual([]);
    } finally {
      c.release();
    }
  });

  it('instances starting together on a new database apply each migration once', async () => {
    const db = await createTestDatabase();
    try {
      const stores = await Promise.all([1, 2, 3].map(() => openPgStore(db.url, itemFiling)));
      const applied = await stores[0].pool.query('SELECT version FROM schema_migrations ORDER BY version');
      expect(applied.rows.map((r) => r.version)).toEqual(migrations().map((m) => m.version));
      await Promise.all(stores.map((s) => s.close()));
    } finally {
      await db.drop();
    }
  });

  it('what one instance stores, another finds at once, by search too', async () => {
    const a = await pg.open();
    const b = await pg.again();
    await b.items.searchReady();
    await a.saveItems({ added: [item('a', 'Quetzaltenango opens a job centre', ['GT'])], updated: [] }, now);
    expect((await b.items.search('quetzaltenango', { limit: 5 })).items.map((i) => i.id)).toEqual(['a']);
    const [stored] = await a.items.get(['a']);
    await a.saveItems(
      { added: [], updated: [{ ...stored, title: 'Huehuetenango opens a job centre' }] },
      now,
    );
    expect((await b.items.search('huehuetenango', { limit: 5 })).items.map((i) => i.id)).toEqual(['a']);
    expect((await b.items.search('quetzaltenango', { limit: 5 })).total).toBe(0);
  });

  it('two instances adding at once give every item one seq, in the order they commit, and the same story once', async () => {
    const a = await pg.open();
    const b = await pg.again();
    const batch = (p: string) => Array.from({ length: 50 }, (_, i) => item(`${p}${i}`, `Story ${p} ${i}`));
    const [fromA, fromB, again] = await Promise.all([
      a.saveItems({ added: batch('a'), updated: [] }, now),
      b.saveItems({ added: batch('b'), updated: [] }, now),
      b.saveItems({ added: batch('a'), updated: [] }, now),
    ]);
    const seqs = [...fromA, ...fromB, ...again].map((i) => i.seq).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(await a.items.count()).toBe(100);
    expect(await b.items.lastSeq()).toBe(100);
    expect((await a.items.byPlaces(['HN'], { limit: 1 })).total).toBe(100);
  });

  it('a database that cannot be reached stops the opening, naming it without its password', async () => {
    const err = await openPgStore('postgres://bot:hunter2@127.0.0.1:1/news', itemFiling).catch((e) => e);
    expect(err).toBeInstanceOf(UnreachableError);
    expect(err.message).toMatch(/postgres:\/\/bot:\*\*\*@127\.0\.0\.1:1\/news cannot be used/);
    expect(err.message).not.toMatch(/hunter2/);
    expect(err.message).toMatch(/Check NEWSBOT_DB/);
  });
});
