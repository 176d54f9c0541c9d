import type pg from 'pg';
import type { ItemFiling, PlaceFinder, SearchableItem, SearchCorpus, TermMatch } from '../../src/ports.js';
import { termsOf, tsquery } from './term-query.js';

/** Items ranked together: the newest a query finds, then the next as many, and so on. */
const WINDOW = 200;
/** A query's items are counted up to this many; past it the count is a floor ("more than 1000"). */
const COUNTED = 1000;

const SEARCHED = 'seq, title, summary, lang, countries, regions';

export interface Found {
  seqs: number[];
  total: number;
  atLeast?: boolean;
  literal: number;
}

/**
 * Full-text search in the database. An item's terms (the core's, migration 002) are found
 * through a GIN index; the core's index then ranks the newest a query finds against the counts
 * of all items (term_counts), so each ranks as it would among all. Ranking every item a common
 * word is in would take seconds at a million, so items are ranked a window at a time: first the
 * newest that meet every idea of the query with the newest that meet some, then each next
 * stretch of those that meet some. Pages follow one order, each item in it once.
 */
export function createPgSearch(pool: pg.Pool, filing: ItemFiling) {
  const countOf = async (q: string) =>
    (
      await pool.query(
        'SELECT count(*)::int AS n FROM (SELECT 1 FROM items WHERE terms @@ $1::tsquery LIMIT $2) m',
        [q, COUNTED + 1],
      )
    ).rows[0].n as number;

  /** A window of the newest items a tsquery finds, from `offset` on. */
  const newest = async (q: string, offset: number) =>
    (
      await pool.query(
        `SELECT ${SEARCHED} FROM items WHERE terms @@ $1::tsquery ORDER BY day DESC, seq DESC OFFSET $2 LIMIT $3`,
        [q, offset, WINDOW],
      )
    ).rows as SearchableItem[];

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

  return async function search(
    query: string,
    opts: { limit: number; offset?: number; placeOf?: PlaceFinder },
  ): Promise<Found> {
    const none = { seqs: [], total: 0, literal: 0 };
    const match = filing.searchMatch(query, opts.placeOf);
    if (!match) return none;
    // As the core's index does: the items that meet an idea, else those with any word stand in.
    let [every, some] = [tsquery(match.every), tsquery(match.some)];
    let total = await countOf(some);
    if (total === 0) {
      every = some = tsquery(match.anyWord);
      total = await countOf(some);
      if (total === 0) return none;
    }
    const [corpus, first] = await Promise.all([
      corpusFor(match.anyWord),
      every === some ? Promise.resolve([]) : newest(every, 0),
    ]);
    const firstSeqs = new Set(first.map((r) => r.seq));

    const seqs: number[] = [];
    let literal = 0;
    let skip = opts.offset ?? 0;
    for (let w = 0; w === 0 || seqs.length < opts.limit; w++) {
      // Window w: the w-th stretch of items that meet some idea, less those the first window ranked.
      const rows = await newest(some, w * WINDOW);
      const fresh = [...(w === 0 ? first : []), ...rows.filter((r) => !firstSeqs.has(r.seq))];
      if (fresh.length > 0) {
        const index = filing.textSearch();
        for (const r of fresh) index.add(r);
        // The first window is always ranked: whether any item has the words as typed is read there.
        const hits = index.search(query, {
          limit: skip < fresh.length ? opts.limit - seqs.length : 0,
          offset: Math.min(skip, fresh.length),
          placeOf: opts.placeOf,
          corpus,
        });
        if (w === 0) literal = hits.literal;
        seqs.push(...hits.seqs);
        skip = Math.max(0, skip - fresh.length);
      }
      if (rows.length < WINDOW) break;
    }
    return { seqs, literal, ...(total > COUNTED ? { total: COUNTED, atLeast: true } : { total }) };
  };
}
