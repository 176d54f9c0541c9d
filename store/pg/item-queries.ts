import type pg from 'pg';
import type { NewsItem } from '../../src/news/item.js';
import type {
  ItemFiling,
  ItemPage,
  ItemQueries,
  SearchableItem,
  SearchCorpus,
  SearchPage,
  TermMatch,
} from '../../src/ports.js';
import { dayNumber, ITEM_COLUMNS, toItem } from './rows.js';
import { createSearchBackfill } from './search-backfill.js';
import { termsOf, tsquery } from './term-query.js';

/** The newest items a query finds that are ranked: a page deeper than this ranks as many as it reaches. */
const RANKED = 200;
/** A query's items are counted up to this many; past it the count is a floor ("1000+"). */
const COUNTED = 1000;

/**
 * The item queries in SQL. Lists (places, regions, topics) are read from item_lists, an index
 * of (key, day, seq) in the order they are listed, so a page is a short index scan; their sizes
 * are kept in list_counts. Full-text search finds items by their terms (a GIN index over the
 * core's terms, migration 002) and the core's index ranks the newest of them: at a million
 * items a common word is in a hundred thousand, and ranking them all would take seconds.
 */
export function createItemQueries(pool: pg.Pool, filing: ItemFiling): ItemQueries {
  const backfill = createSearchBackfill(pool, filing);
  const counter = async () =>
    (await pool.query('SELECT last_seq, items FROM item_counter')).rows[0] as {
      last_seq: number;
      items: number;
    };

  /** The counts a query's items are ranked against: every item's, for the terms the query names or starts. */
  const corpusFor = async (m: TermMatch): Promise<SearchCorpus> => {
    const { terms, starts } = termsOf(m);
    const [counter, df] = await Promise.all([
      pool.query('SELECT items, words FROM item_counter'),
      pool.query(
        `SELECT term, n FROM term_counts WHERE term = ANY($1::text[])
         UNION ALL
         SELECT t.term, t.n FROM unnest($2::text[]) AS s(start)
           JOIN term_counts t ON t.term >= s.start AND t.term < s.start || chr(1114111)`,
        [[...terms], [...starts]],
      ),
    ]);
    return {
      docs: counter.rows[0].items,
      length: counter.rows[0].words,
      df: new Map(df.rows.map((r) => [r.term as string, r.n as number])),
    };
  };

  /** The items with these seqs, in the order given. */
  const bySeqs = async (seqs: number[]): Promise<NewsItem[]> => {
    if (seqs.length === 0) return [];
    const r = await pool.query(`SELECT ${ITEM_COLUMNS} FROM items WHERE seq = ANY($1)`, [seqs]);
    const found = new Map(r.rows.map((row) => [row.seq as number, toItem(row)]));
    return seqs.map((s) => found.get(s)).filter((it): it is NewsItem => it !== undefined);
  };

  return {
    count: async () => (await counter()).items,
    lastSeq: async () => (await counter()).last_seq,

    async latest(limit, offset = 0): Promise<ItemPage> {
      const [page, c] = await Promise.all([
        pool.query(`SELECT ${ITEM_COLUMNS} FROM items ORDER BY day DESC, seq DESC LIMIT $1 OFFSET $2`, [
          limit,
          offset,
        ]),
        counter(),
      ]);
      return { items: page.rows.map(toItem), total: c.items };
    },

    async byPlaces(keys, opts): Promise<ItemPage> {
      const list = [...new Set(keys)];
      const since = opts.since ? dayNumber(opts.since) : 0;
      const offset = opts.offset ?? 0;
      if (list.length === 0) return { items: [], total: 0 };
      if (list.length === 1) {
        const [page, total] = await Promise.all([
          pool.query(
            `SELECT seq FROM item_lists WHERE key = $1 AND day >= $2
             ORDER BY day DESC, seq DESC LIMIT $3 OFFSET $4`,
            [list[0], since, opts.limit, offset],
          ),
          opts.since
            ? pool.query('SELECT count(*) AS n FROM item_lists WHERE key = $1 AND day >= $2', [
                list[0],
                since,
              ])
            : pool.query('SELECT n FROM list_counts WHERE key = $1', [list[0]]),
        ]);
        return { items: await bySeqs(page.rows.map((r) => r.seq)), total: total.rows[0]?.n ?? 0 };
      }
      const [page, total] = await Promise.all([
        pool.query(
          `SELECT DISTINCT day, seq FROM item_lists WHERE key = ANY($1) AND day >= $2
           ORDER BY day DESC, seq DESC LIMIT $3 OFFSET $4`,
          [list, since, opts.limit, offset],
        ),
        pool.query('SELECT count(DISTINCT seq) AS n FROM item_lists WHERE key = ANY($1) AND day >= $2', [
          list,
          since,
        ]),
      ]);
      return { items: await bySeqs(page.rows.map((r) => r.seq)), total: total.rows[0].n };
    },

    async search(query, opts): Promise<SearchPage> {
      const match = filing.searchMatch(query, opts.placeOf);
      if (!match) return { items: [], total: 0, literal: 0 };
      const countOf = async (q: string) =>
        (
          await pool.query(
            'SELECT count(*)::int AS n FROM (SELECT 1 FROM items WHERE terms @@ $1::tsquery LIMIT $2) m',
            [q, COUNTED + 1],
          )
        ).rows[0].n as number;
      // As the core's index does: the items that meet an idea, else those with any word stand in.
      let finds = [tsquery(match.every), tsquery(match.some)];
      let total = await countOf(finds[1]);
      if (total === 0) {
        finds = [tsquery(match.anyWord)];
        total = await countOf(finds[0]);
        if (total === 0) return { items: [], total: 0, literal: 0 };
      }
      // The newest items that meet every idea, and those that meet some, for the ranking to put first and after.
      const offset = opts.offset ?? 0;
      const ranked = Math.max(RANKED, offset + opts.limit);
      const [corpus, ...found] = await Promise.all([
        corpusFor(match.anyWord),
        ...[...new Set(finds)].map((q) =>
          pool.query(
            `SELECT seq, title, summary, lang, countries, regions FROM items WHERE terms @@ $1::tsquery
             ORDER BY day DESC, seq DESC LIMIT $2`,
            [q, ranked],
          ),
        ),
      ]);
      const index = filing.textSearch();
      const added = new Set<number>();
      for (const r of found)
        for (const row of r.rows as SearchableItem[]) {
          if (added.has(row.seq)) continue;
          added.add(row.seq);
          index.add(row);
        }
      const hits = index.search(query, { limit: opts.limit, offset, placeOf: opts.placeOf, corpus });
      return {
        items: await bySeqs(hits.seqs),
        literal: hits.literal,
        ...(total > COUNTED ? { total: COUNTED, atLeast: true } : { total }),
      };
    },

    async placeCounts() {
      const r = await pool.query(`SELECT key, n FROM list_counts WHERE n > 0 AND key NOT LIKE '#%'`);
      return (r.rows as { key: string; n: number }[])
        .map((row) => [row.key, row.n] as [string, number])
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    },

    async get(ids) {
      if (ids.length === 0) return [];
      const r = await pool.query(`SELECT ${ITEM_COLUMNS} FROM items WHERE id = ANY($1)`, [[...ids]]);
      return r.rows.map(toItem);
    },

    async window(afterSeq, toSeq, keys) {
      const r = keys
        ? await pool.query(
            `SELECT ${ITEM_COLUMNS} FROM items WHERE seq > $1 AND seq <= $2 AND lists && $3 ORDER BY seq`,
            [afterSeq, toSeq, [...keys]],
          )
        : await pool.query(`SELECT ${ITEM_COLUMNS} FROM items WHERE seq > $1 AND seq <= $2 ORDER BY seq`, [
            afterSeq,
            toSeq,
          ]);
      return r.rows.map(toItem);
    },

    async findByIdentity(keys) {
      if (keys.length === 0) return new Map();
      const r = await pool.query('SELECT key, item_id FROM item_identities WHERE key = ANY($1::bigint[])', [
        [...keys],
      ]);
      return new Map(r.rows.map((row) => [row.key as number, row.item_id as string]));
    },

    async countBySource(source) {
      const r = await pool.query('SELECT count(*) AS n FROM items WHERE sources @> ARRAY[$1]', [source]);
      return r.rows[0].n;
    },

    searchReady: backfill,
  };
}
