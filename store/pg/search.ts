import type pg from 'pg';
import type { NewsItem } from '../../src/news/item.js';
import type { ItemFiling, PlaceFinder, SearchCorpus, TermMatch } from '../../src/ports.js';
import { ITEM_COLUMNS, toItem } from './rows.js';
import { termsOf, tsquery } from './term-query.js';

/** Items ranked together: the newest a query finds, then the next as many, and so on. */
const WINDOW = 200;
/** A query's items are counted up to this many; past it the count is a floor ("more than 1000"). */
const COUNTED = 1000;

export interface Found {
  items: NewsItem[];
  total: number;
  atLeast?: boolean;
  literal: number;
}

/**
 * How many items a match finds at least, from the counts alone: an item with any one term of
 * an alternative has it. Items with every one of several terms are not counted so.
 */
function leastFound(m: TermMatch, df: ReadonlyMap<string, number>): number {
  if ('every' in m) return 0;
  if ('any' in m) return Math.max(0, ...m.any.map((part) => leastFound(part, df)));
  if (!m.prefix) return df.get(m.term) ?? 0;
  let most = 0;
  for (const [term, n] of df) if (term.startsWith(m.term) && n > most) most = n;
  return most;
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
        `SELECT ${ITEM_COLUMNS} FROM items WHERE terms @@ $1::tsquery ORDER BY day DESC, seq DESC OFFSET $2 LIMIT $3`,
        [q, offset, WINDOW],
      )
    ).rows.map(toItem);

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

  /** The items `q` finds, counted up to COUNTED: from the counts, the first window, or the index. */
  const total = async (q: string, m: TermMatch, corpus: SearchCorpus, first: NewsItem[]) => {
    if (leastFound(m, corpus.df) > COUNTED) return COUNTED + 1;
    if (first.length < WINDOW) return first.length;
    return countOf(q);
  };

  const rank = (
    query: string,
    items: NewsItem[],
    opts: { limit: number; offset: number; placeOf?: PlaceFinder },
    corpus: SearchCorpus,
  ) => {
    const index = filing.textSearch();
    for (const it of items) index.add(it);
    const bySeq = new Map(items.map((it) => [it.seq, it]));
    const hits = index.search(query, { ...opts, corpus });
    return { items: hits.seqs.map((s) => bySeq.get(s)!), literal: hits.literal };
  };

  return async function search(
    query: string,
    opts: { limit: number; offset?: number; placeOf?: PlaceFinder },
  ): Promise<Found> {
    const none = { items: [], total: 0, literal: 0 };
    const match = filing.searchMatch(query, opts.placeOf);
    if (!match) return none;
    let [every, some] = [tsquery(match.every), tsquery(match.some)];
    // One round of queries for a first page: the counts, the newest that meet every idea, and some.
    const [corpus, first, window0] = await Promise.all([
      corpusFor(match.anyWord),
      every === some ? Promise.resolve([]) : newest(every, 0),
      newest(some, 0),
    ]);
    let found = await total(some, match.some, corpus, window0);
    let windows = [window0];
    if (found === 0) {
      // As the core's index does: when no item meets an idea, those with any word stand in.
      every = some = tsquery(match.anyWord);
      windows = [await newest(some, 0)];
      found = await total(some, match.anyWord, corpus, windows[0]);
      if (found === 0) return none;
    }
    const firstSeqs = new Set(every === some ? [] : first.map((r) => r.seq));

    const items: NewsItem[] = [];
    let literal = 0;
    let skip = opts.offset ?? 0;
    for (let w = 0; w === 0 || items.length < opts.limit; w++) {
      // Window w: the w-th stretch of items that meet some idea, less those the first window ranked.
      const rows = (windows[w] ??= await newest(some, w * WINDOW));
      const fresh = [
        ...(w === 0 && every !== some ? first : []),
        ...rows.filter((r) => !firstSeqs.has(r.seq)),
      ];
      if (fresh.length > 0) {
        // The first window is always ranked: whether any item has the words as typed is read there.
        const page = rank(
          query,
          fresh,
          {
            limit: skip < fresh.length ? opts.limit - items.length : 0,
            offset: Math.min(skip, fresh.length),
            placeOf: opts.placeOf,
          },
          corpus,
        );
        if (w === 0) literal = page.literal;
        items.push(...page.items);
        skip = Math.max(0, skip - fresh.length);
      }
      if (rows.length < WINDOW) break;
    }
    return { items, literal, ...(found > COUNTED ? { total: COUNTED, atLeast: true } : { total: found }) };
  };
}
