import type pg from 'pg';
import type { NewsItem } from '../../src/news/item.js';
import type { ItemChange, ItemFiling } from '../../src/ports.js';
import { itemDay } from './rows.js';
import { TermCounts } from './term-counts.js';

/** Rows written per statement: a 10,000-item body is ten statements, each well under the protocol's limits. */
const CHUNK = 1000;

function chunks<T>(list: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}

/** An item as the row it is written as, with the lists and day it is filed under. */
function asRow(it: NewsItem, filing: ItemFiling) {
  const search = filing.searchTerms(it);
  return {
    seq: it.seq,
    id: it.id,
    title: it.title,
    summary: it.summary,
    date: it.date,
    url: it.url,
    lang: it.lang,
    countries: it.countries,
    regions: it.regions,
    topics: it.topics,
    sources: it.sources,
    first_seen_at: it.firstSeenAt,
    updated_at: it.updatedAt,
    day: itemDay(it),
    lists: [...new Set(filing.keys(it).lists)],
    terms: search.terms,
    words: search.length,
  };
}

const RECORD = `x(seq bigint, id text, title text, summary text, date text, url text, lang text,
  countries text[], regions text[], topics text[], sources text[], first_seen_at text, updated_at text,
  day integer, lists text[], terms text[], words integer)`;

export interface WriteOptions {
  /** for `store copy`: the items keep the seqs and times they have, and the counter is raised to `lastSeq` */
  keepSeqs?: { lastSeq: number };
}

/**
 * Writes new and changed items in the caller's transaction. It takes the item counter's row
 * lock first, so writes from every instance run one at a time and commit in seq order. An item
 * another instance stored meanwhile (the same id) is not added twice; a changed item keeps its
 * seq and first sight. Returns the items added, with their seqs.
 */
export async function writeItems(
  c: pg.ClientBase,
  filing: ItemFiling,
  change: ItemChange | { added: NewsItem[]; updated: NewsItem[] },
  now: Date,
  o: WriteOptions = {},
): Promise<NewsItem[]> {
  const counter = (await c.query('SELECT last_seq FROM item_counter FOR UPDATE')).rows[0] as {
    last_seq: number;
  };
  const at = now.toISOString();

  const wanted = [...change.added.map((a) => a.id), ...change.updated.map((u) => u.id)];
  const stored = new Map<string, { seq: number; lists: string[]; terms: string[] | null; words: number }>();
  for (const part of chunks(wanted)) {
    const r = await c.query(
      'SELECT id, seq, lists, tsvector_to_array(terms) AS terms, words FROM items WHERE id = ANY($1)',
      [part],
    );
    for (const row of r.rows) stored.set(row.id, row);
  }

  let seq = counter.last_seq;
  const added: NewsItem[] = [];
  const taken = new Set<string>();
  for (const a of change.added) {
    if (stored.has(a.id) || taken.has(a.id)) continue;
    taken.add(a.id);
    added.push(o.keepSeqs ? (a as NewsItem) : { ...a, seq: ++seq, firstSeenAt: at, updatedAt: at });
  }
  if (o.keepSeqs) seq = added.reduce((m, a) => Math.max(m, a.seq), Math.max(seq, o.keepSeqs.lastSeq));
  const updated: NewsItem[] = [];
  for (const u of change.updated) {
    const old = stored.get(u.id);
    if (old) updated.push({ ...u, seq: old.seq });
  }
  if (added.length === 0 && updated.length === 0) return [];

  const counts = new Map<string, number>();
  const bump = (keys: readonly string[], by: number) => {
    for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + by);
  };
  const identities = new Map<number, string>();
  const addedRows = added.map((it) => asRow(it, filing));
  const updatedRows = updated.map((it) => asRow(it, filing));
  const terms = new TermCounts();
  for (const r of addedRows) {
    bump(r.lists, 1);
    terms.count({ terms: r.terms, length: r.words }, 1);
  }
  for (const r of updatedRows) {
    const old = stored.get(r.id)!;
    bump(old.lists, -1);
    bump(r.lists, 1);
    // An item not yet given terms (search-backfill.ts) was never counted.
    if (old.terms) terms.count({ terms: old.terms, length: old.words }, -1);
    terms.count({ terms: r.terms, length: r.words }, 1);
  }
  for (const it of [...added, ...updated]) for (const k of filing.keys(it).identity) identities.set(k, it.id);

  for (const part of chunks(addedRows)) {
    await c.query(
      `INSERT INTO items (seq, id, title, summary, date, url, lang, countries, regions, topics, sources,
         first_seen_at, updated_at, day, lists, terms, words)
       SELECT seq, id, title, summary, date, url, lang, countries, regions, topics, sources,
         first_seen_at, updated_at, day, lists, array_to_tsvector(terms), words
       FROM jsonb_to_recordset($1::jsonb) AS ${RECORD}`,
      [JSON.stringify(part)],
    );
  }
  for (const part of chunks(updatedRows)) {
    await c.query(
      `UPDATE items SET title = x.title, summary = x.summary, date = x.date, url = x.url, lang = x.lang,
         countries = x.countries, regions = x.regions, topics = x.topics, sources = x.sources,
         first_seen_at = x.first_seen_at, updated_at = x.updated_at, day = x.day, lists = x.lists,
         terms = array_to_tsvector(x.terms), words = x.words
       FROM jsonb_to_recordset($1::jsonb) AS ${RECORD}
       WHERE items.seq = x.seq`,
      [JSON.stringify(part)],
    );
    await c.query('DELETE FROM item_lists WHERE seq = ANY($1)', [part.map((r) => r.seq)]);
  }
  for (const part of chunks([...addedRows, ...updatedRows])) {
    await c.query(
      `INSERT INTO item_lists (key, day, seq)
       SELECT unnest(x.lists), x.day, x.seq FROM jsonb_to_recordset($1::jsonb) AS x(seq bigint, day integer, lists text[])`,
      [JSON.stringify(part.map((r) => ({ seq: r.seq, day: r.day, lists: r.lists })))],
    );
  }
  const changedCounts = [...counts].filter(([, n]) => n !== 0);
  if (changedCounts.length)
    await c.query(
      `INSERT INTO list_counts (key, n) SELECT * FROM unnest($1::text[], $2::bigint[])
       ON CONFLICT (key) DO UPDATE SET n = list_counts.n + excluded.n`,
      [changedCounts.map(([k]) => k), changedCounts.map(([, n]) => n)],
    );
  for (const part of chunks([...identities])) {
    await c.query(
      `INSERT INTO item_identities (key, item_id) SELECT * FROM unnest($1::bigint[], $2::text[])
       ON CONFLICT (key) DO UPDATE SET item_id = excluded.item_id`,
      [part.map(([k]) => k), part.map(([, id]) => id)],
    );
  }
  await terms.save(c);
  await c.query('UPDATE item_counter SET last_seq = $1, items = items + $2', [seq, added.length]);
  return added;
}
