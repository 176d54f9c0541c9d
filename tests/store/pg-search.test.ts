import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../src/core.js';
import type { NewsItem } from '../../src/news/item.js';
import { itemFiling } from '../../src/search/filing.js';
import { createPgSearch } from '../../store/pg/search.js';
import { tsquery } from '../../store/pg/term-query.js';
import { DEFAULT_SCHEDULE, NOW } from '../helpers/core.js';
import { hasPg, pgStores } from '../helpers/pg.js';
import { judgedCorpus, scoreJudged } from '../search/corpus.js';

const ctx = { address: { platform: 'console' as const, chatId: 'c' }, canManage: true, now: NOW };

function item(n: number, title: string, summary = ''): Omit<NewsItem, 'seq' | 'firstSeenAt' | 'updatedAt'> {
  return {
    id: `i${n}`,
    title,
    summary,
    date: `2026-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`,
    url: null,
    lang: 'en',
    countries: n % 2 ? ['HN'] : ['GT'],
    regions: [],
    topics: [],
    sources: ['x'],
  };
}

describe.skipIf(!hasPg)('search on PostgreSQL', () => {
  const pg = pgStores();
  afterAll(() => pg.close());

  it('answers the judged queries as the memory index does, page for page', async () => {
    const memory = await judgedCorpus();
    const db = await judgedCorpus(await pg.open());
    expect(await scoreJudged(db)).toEqual(await scoreJudged(memory));
    for (const q of ['search labour rights', 'buscar remesas', 'search costa rica', 'search recruit']) {
      for (const offset of [0, 5]) {
        const [a, b] = await Promise.all(
          [memory, db].map((core) => core.commands.run(q, ctx, offset).then((r) => r.items)),
        );
        expect(b).toEqual(a);
      }
    }
  });

  it('counts a common word up to 1000 and says there are more', async () => {
    const store = await pg.open();
    const items = Array.from({ length: 1010 }, (_, n) => item(n, `Seasonal workers arrive, wave ${n}`));
    await store.saveItems({ added: items.map((it) => ({ ...it, sources: ['x'] })), updated: [] }, NOW);
    const page = await store.items.search('seasonal', { limit: 5 });
    expect(page).toMatchObject({ total: 1000, atLeast: true });
    expect(page.items).toHaveLength(5);
    // Pages run through the items that meet the query in one order, each item once, past the
    // stretch of newest items that are ranked together.
    const seen: string[] = [];
    for (let offset = 0; offset < 1010; offset += 101)
      seen.push(...(await store.items.search('seasonal', { limit: 101, offset })).items.map((i) => i.id));
    expect(seen).toHaveLength(1010);
    expect(new Set(seen).size).toBe(1010);

    const core = createCore({ store, defaultSchedule: DEFAULT_SCHEDULE, sources: [] });
    expect((await core.commands.run('search seasonal', ctx)).paragraphs).toContain('1–5 of more than 1000');
    expect((await core.commands.run('buscar seasonal', ctx)).paragraphs).toContain('1–5 de más de 1000');
    const rare = await store.items.search('777', { limit: 5 });
    expect(rare).toMatchObject({ total: 1, items: [{ id: 'i777' }] });
    expect(rare.atLeast).toBeUndefined();
  });

  it('keeps its counts right when items change, and gives old items their terms', async () => {
    const store = await pg.open();
    const added = await store.saveItems(
      {
        added: [item(1, 'Remittances to Honduras grow'), item(2, 'Coffee pickers cross to Costa Rica')].map(
          (it) => ({ ...it, sources: ['x'] }),
        ),
        updated: [],
      },
      NOW,
    );
    const counts = async () =>
      Object.fromEntries(
        (await store.pool.query('SELECT term, n FROM term_counts WHERE n <> 0 ORDER BY term')).rows.map(
          (r) => [r.term, r.n],
        ),
      );
    const counter = async () => (await store.pool.query('SELECT items, words FROM item_counter')).rows[0];
    expect(await counts()).toMatchObject({ 'en:remitt': 1, 'en:coffe': 1, '#HN': 1, '#GT': 1 });

    await store.saveItems({ added: [], updated: [{ ...added[0], title: 'Coffee prices fall' }] }, NOW);
    const after = await counts();
    expect(after['en:remitt']).toBeUndefined();
    expect(after['en:coffe']).toBe(2);
    expect((await store.items.search('remittances', { limit: 5 })).total).toBe(0);
    const written = { counts: after, counter: await counter() };

    // As a store from before search moved into the database has them: no terms, no counts.
    await store.pool.query(
      'UPDATE items SET terms = NULL, words = 0; TRUNCATE term_counts; UPDATE item_counter SET words = 0',
    );
    expect((await store.items.search('coffee', { limit: 5 })).total).toBe(0);
    const other = await pg.again();
    await Promise.all([store.items.searchReady(), other.items.searchReady()]);
    expect({ counts: await counts(), counter: await counter() }).toEqual(written);
    expect((await other.items.search('coffee', { limit: 5 })).items.map((i) => i.id).sort()).toEqual([
      'i1',
      'i2',
    ]);
  });

  it('reads a common match a stretch of items at a time, with the same pages as one read of them all', async () => {
    const store = await pg.open();
    const words = ['harvest', 'visa', 'remittances'];
    const items = Array.from({ length: 400 }, (_, n) =>
      item(n, `Seasonal workers ${words.filter((_, k) => n % (k + 3) === 0).join(' ')} wave ${n}`),
    );
    await store.saveItems({ added: items.map((it) => ({ ...it, sources: ['x'] })), updated: [] }, NOW);
    // At these sizes every match here is common: read in stretches, windows of 20.
    const stretched = createPgSearch(store.pool, itemFiling, { window: 20, few: 5 });
    const whole = createPgSearch(store.pool, itemFiling, { window: 20, few: 1_000_000 });
    for (const q of ['seasonal', 'harvest visa', 'visa remittances', 'seasonal zzzz', 'zzzz', 'wave 7']) {
      for (const offset of [0, 15, 40, 95]) {
        const [a, b] = await Promise.all(
          [stretched, whole].map((search) => search(q, { limit: 10, offset })),
        );
        expect(
          a.items.map((i) => i.id),
          `${q} at ${offset}`,
        ).toEqual(b.items.map((i) => i.id));
        expect(a.total).toBe(b.total);
      }
    }
    const all = await whole('seasonal', { limit: 400 });
    expect(all.items).toHaveLength(400);
  });

  it('reads every term whole in a tsquery, whatever it holds', async () => {
    const store = await pg.open();
    const q = tsquery({
      any: [
        { term: "en:o'brien" },
        { every: [{ term: 'es:a\\b' }, { term: '#central-america', prefix: true }] },
      ],
    });
    const r = await store.pool.query('SELECT $1::tsquery::text AS q', [q]);
    expect(r.rows[0].q).toBe("'en:o''brien' | 'es:a\\\\b' & '#central-america':*");
  });
});
