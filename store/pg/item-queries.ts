import type pg from 'pg';
import type { NewsItem } from '../../src/news/item.js';
import type { ItemFiling, ItemPage, ItemQueries } from '../../src/ports.js';
import { dayNumber, ITEM_COLUMNS, toItem } from './rows.js';
import { createSearchBackfill } from './search-backfill.js';
import { createPgSearch } from './search.js';

/**
 * The item queries in SQL. Lists (places, regions, topics) are read from item_lists, an index
 * of (key, day, seq) in the order they are listed, so a page is a short index scan; their sizes
 * are kept in list_counts. Full-text search is search.ts.
 */
export function createItemQueries(pool: pg.Pool, filing: ItemFiling): ItemQueries {
  const backfill = createSearchBackfill(pool, filing);
  const counter = async () =>
    (await pool.query('SELECT last_seq, items FROM item_counter')).rows[0] as {
      last_seq: number;
      items: number;
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

    search: createPgSearch(pool, filing),

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
