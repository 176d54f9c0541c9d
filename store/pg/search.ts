import type pg from 'pg';
import type { NewsItem } from '../../src/news/item.js';
import type { ItemFiling, PlaceFinder, SearchCorpus, TermMatch } from '../../src/ports.js';
import { ITEM_COLUMNS, toItem } from './rows.js';
import { termsOf, tsquery } from './term-query.js';

/** Items ranked together: the latest a query finds, then the next as many, and so on. */
const WINDOW = 200;
/** A match the counts say finds at most this many items is looked up whole through the GIN index. */
const FEW = 5000;
/** A query's items are counted up to this many; past it the count is a floor ("more than 1000"). */
const COUNTED = 1000;
/** Each stretch of items read for a common match is this many times the last. */
const GROWTH = 8;

export interface Found {
  items: NewsItem[];
  total: number;
  atLeast?: boolean;
  literal: number;
}

/** The counts a search reads: the store's, for the terms the query names or starts. */
interface Counts extends SearchCorpus {
  lastSeq: number;
}

/** How many items have the terms a prefix starts, by the counts: the most of any, and all summed. */
function started(prefix: string, df: ReadonlyMap<string, number>): { most: number; sum: number } {
  let most = 0;
  let sum = 0;
  for (const [term, n] of df)
    if (term.startsWith(prefix)) {
      most = Math.max(most, n);
      sum += n;
    }
  return { most, sum };
}

const dfOf = (m: { term: string; prefix?: boolean }, df: ReadonlyMap<string, number>) =>
  m.prefix ? started(m.term, df).sum : (df.get(m.term) ?? 0);

/**
 * How many items a match finds at least, from the counts alone: an item with any one term of
 * an alternative has it. Items with every one of several terms are not counted so.
 */
function leastFound(m: TermMatch, df: ReadonlyMap<string, number>): number {
  if ('every' in m) return 0;
  if ('any' in m) return Math.max(0, ...m.any.map((part) => leastFound(part, df)));
  return m.prefix ? started(m.term, df).most : (df.get(m.term) ?? 0);
}

/** How many items a match finds at most, from the counts alone. */
function mostFound(m: TermMatch, df: ReadonlyMap<string, number>): number {
  if ('every' in m) return Math.min(...m.every.map((part) => mostFound(part, df)));
  if ('any' in m) return m.any.reduce((n, part) => n + mostFound(part, df), 0);
  return dfOf(m, df);
}

/** The share of items a match is expected to find, its terms taken as independent of each other. */
function shareFound(m: TermMatch, df: ReadonlyMap<string, number>, docs: number): number {
  if ('every' in m) return m.every.reduce((p, part) => p * shareFound(part, df, docs), 1);
  if ('any' in m) return 1 - m.any.reduce((p, part) => p * (1 - shareFound(part, df, docs)), 1);
  return Math.min(1, dfOf(m, df) / Math.max(docs, 1));
}

/** A query for the store: its tsquery, and what the counts say of how many items it finds. */
interface Lookup {
  q: string;
  least: number;
  most: number;
  share: number;
}

/**
 * Full-text search in the database. An item's terms (the core's, migration 002) are found
 * through a GIN index; the core's index then ranks the latest a query finds against the counts
 * of all items (term_counts), so each ranks as it would among all. Ranking every item a common
 * word is in would take seconds at a million, so items are ranked a window at a time: first the
 * latest that meet every idea of the query with the latest that meet some, then each next
 * stretch of those that meet some. Pages follow one order, each item in it once. "Latest" is by
 * arrival (seq): that is what lets a common word's items be read a stretch of seqs at a time.
 */
export function createPgSearch(
  pool: pg.Pool,
  filing: ItemFiling,
  /** for tests: the same paths at a small store's sizes */
  sizes = { window: WINDOW, few: FEW },
) {
  const { window: win, few } = sizes;
  const lookup = (m: TermMatch, c: Counts): Lookup => ({
    q: tsquery(m),
    least: leastFound(m, c.df),
    most: mostFound(m, c.df),
    share: shareFound(m, c.df, c.docs),
  });

  /**
   * Reads up to `n` of what `l` finds below seq `below`, latest first: `read` takes a stretch of
   * seqs and how many are still wanted, and says how many it found. A match the counts say is
   * rare is one read through the GIN index; a common one is read a stretch of seqs at a time,
   * each as long as should hold what is wanted and growing when it held less, so no read walks
   * a million rows to find a few. (The reads order by `seq + 0`: ordering by seq itself lets the
   * planner walk the primary key backwards for a match it guesses common, which is that walk.)
   */
  const stretches = async (
    l: Lookup,
    c: Counts,
    n: number,
    below: number,
    read: (from: number, to: number, want: number) => Promise<number>,
  ): Promise<void> => {
    if (l.most === 0 || n <= 0) return;
    if (l.most <= few) {
      await read(0, below, n);
      return;
    }
    const share = Math.max(l.share, l.least / Math.max(c.docs, 1), 1 / Math.max(c.docs, 1));
    let span = Math.max(2 * win, Math.ceil((2 * n) / share));
    for (let to = below, got = 0; got < n && to > 0; span *= GROWTH) {
      const from = Math.max(0, to - span);
      got += await read(from, to, n - got);
      to = from;
    }
  };

  /** Up to a window of the latest items `l` finds below seq `below`. */
  const latest = async (l: Lookup, c: Counts, below: number) => {
    const out: NewsItem[] = [];
    await stretches(l, c, win, below, async (from, to, want) => {
      const r = await pool.query(
        `SELECT ${ITEM_COLUMNS} FROM items WHERE terms @@ $1::tsquery AND seq > $2 AND seq < $3
         ORDER BY seq + 0 DESC LIMIT $4`,
        [l.q, from, to, want],
      );
      out.push(...r.rows.map(toItem));
      return r.rows.length;
    });
    return out;
  };

  /** How many items `l` finds below seq `below`, up to `n`. */
  const countBelow = async (l: Lookup, c: Counts, n: number, below: number) => {
    let found = 0;
    await stretches(l, c, n, below, async (from, to, want) => {
      const r = await pool.query(
        `SELECT count(*)::int AS n FROM (SELECT 1 FROM items
           WHERE terms @@ $1::tsquery AND seq > $2 AND seq < $3 LIMIT $4) m`,
        [l.q, from, to, want],
      );
      found += r.rows[0].n as number;
      return r.rows[0].n as number;
    });
    return found;
  };

  /** The counts a query's items are ranked against: every item's, for the terms the query names or starts. */
  const countsFor = async (m: TermMatch): Promise<Counts> => {
    const { terms, starts } = termsOf(m);
    const [counter, df] = await Promise.all([
      pool.query('SELECT items, words, last_seq FROM item_counter'),
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
      lastSeq: counter.rows[0].last_seq,
      df: new Map(df.rows.map((r) => [r.term as string, r.n as number])),
    };
  };

  /** The items `l` finds, counted up to COUNTED (and one): from the counts, the first window, or the index. */
  const total = async (l: Lookup, c: Counts, first: NewsItem[]) => {
    if (l.least > COUNTED) return COUNTED + 1;
    if (first.length < win) return first.length;
    return first.length + (await countBelow(l, c, COUNTED + 1 - first.length, first[first.length - 1].seq));
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
    const counts = await countsFor(match.anyWord);
    const top = counts.lastSeq + 1;
    let every = lookup(match.every, counts);
    let some = lookup(match.some, counts);
    // The latest that meet every idea and those that meet some, at once.
    const [first, window0] = await Promise.all([
      every.q === some.q ? [] : latest(every, counts, top),
      latest(some, counts, top),
    ]);
    let found = await total(some, counts, window0);
    const windows = [window0];
    if (found === 0) {
      // As the core's index does: when no item meets an idea, those with any word stand in.
      every = some = lookup(match.anyWord, counts);
      windows[0] = await latest(some, counts, top);
      found = await total(some, counts, windows[0]);
      if (found === 0) return none;
    }
    const ranksFirst = every.q !== some.q;
    const firstSeqs = new Set(ranksFirst ? first.map((r) => r.seq) : []);

    const items: NewsItem[] = [];
    let literal = 0;
    let skip = opts.offset ?? 0;
    for (let w = 0; w === 0 || items.length < opts.limit; w++) {
      // Window w: the w-th stretch of items that meet some idea, less those the first window ranked.
      const rows = (windows[w] ??= await latest(some, counts, windows[w - 1][win - 1].seq));
      const fresh = [...(w === 0 && ranksFirst ? first : []), ...rows.filter((r) => !firstSeqs.has(r.seq))];
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
          counts,
        );
        if (w === 0) literal = page.literal;
        items.push(...page.items);
        skip = Math.max(0, skip - fresh.length);
      }
      if (rows.length < win) break;
    }
    return { items, literal, ...(found > COUNTED ? { total: COUNTED, atLeast: true } : { total: found }) };
  };
}
