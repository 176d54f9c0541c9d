import MiniSearch from 'minisearch';
import type { NewsItem } from '../news/item.js';
import { placeKeys } from '../places/match.js';
import { processTerm, tokenizeText } from './terms.js';

export interface Page {
  items: NewsItem[];
  total: number;
}

/** The date an item is sorted and filtered by: its own, else the day it was first seen. */
export const effectiveDate = (it: NewsItem) => it.date ?? it.firstSeenAt.slice(0, 10);

/** Newest first: by date, then by arrival. */
function newer(a: NewsItem, b: NewsItem): number {
  const da = effectiveDate(a);
  const db = effectiveDate(b);
  if (da !== db) return da < db ? 1 : -1;
  return b.seq - a.seq;
}

function insertSorted(list: NewsItem[], item: NewsItem): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (newer(list[mid], item) < 0) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, item);
}

function removeFrom(list: NewsItem[] | undefined, item: NewsItem): void {
  if (!list) return;
  const i = list.findIndex((x) => x.id === item.id);
  if (i >= 0) list.splice(i, 1);
}

/** Count of items in a newest-first list dated on or after `since`. */
function countSince(list: NewsItem[], since: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (effectiveDate(list[mid]) >= since) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Everything the queries read, kept in memory and up to date with the store: items newest
 * first, the same per place key, and a full-text index.
 */
export class NewsIndex {
  private readonly byId = new Map<string, NewsItem>();
  private readonly bySeq = new Map<number, NewsItem>();
  private readonly newest: NewsItem[] = [];
  private readonly byPlace = new Map<string, NewsItem[]>();
  private readonly text = new MiniSearch<NewsItem>({
    idField: 'seq',
    fields: ['title', 'summary'],
    storeFields: [],
    tokenize: tokenizeText,
    processTerm,
  });

  constructor(items: readonly NewsItem[] = []) {
    for (const it of items) this.remember(it);
    this.newest.sort(newer);
    for (const list of this.byPlace.values()) list.sort(newer);
    this.text.addAll(items as NewsItem[]);
  }

  get size(): number {
    return this.newest.length;
  }

  get(id: string): NewsItem | undefined {
    return this.byId.get(id);
  }

  private remember(it: NewsItem, sorted = false): void {
    this.byId.set(it.id, it);
    this.bySeq.set(it.seq, it);
    const put = (list: NewsItem[]) => (sorted ? insertSorted(list, it) : list.push(it));
    put(this.newest);
    for (const k of placeKeys(it)) {
      let list = this.byPlace.get(k);
      if (!list) this.byPlace.set(k, (list = []));
      put(list);
    }
  }

  private forget(it: NewsItem): void {
    removeFrom(this.newest, it);
    for (const k of placeKeys(it)) removeFrom(this.byPlace.get(k), it);
    this.text.discard(it.seq);
  }

  /** Adds new items and replaces changed ones (same id). */
  upsert(items: NewsItem[]): void {
    for (const it of items) {
      const old = this.byId.get(it.id);
      if (old) this.forget(old);
      this.remember(it, true);
      this.text.add(it);
    }
  }

  latest(limit: number, offset = 0): Page {
    return { items: this.newest.slice(offset, offset + limit), total: this.newest.length };
  }

  /** Items under any of the place keys, newest first, dated on or after `since` if given. */
  byPlaces(keys: string[], opts: { since?: string; limit: number; offset?: number }): Page {
    const offset = opts.offset ?? 0;
    const lists = [...new Set(keys)].map((k) => {
      const list = this.byPlace.get(k) ?? [];
      return opts.since ? list.slice(0, countSince(list, opts.since)) : list;
    });
    if (lists.length === 1) return { items: lists[0].slice(offset, offset + opts.limit), total: lists[0].length };
    const seen = new Set<string>();
    const merged: NewsItem[] = [];
    for (const list of lists) for (const it of list) if (!seen.has(it.id)) { seen.add(it.id); merged.push(it); }
    merged.sort(newer);
    return { items: merged.slice(offset, offset + opts.limit), total: merged.length };
  }

  /** Ranked full-text search: every word must match (by prefix), else the best partial matches. */
  search(query: string, opts: { limit: number; offset?: number }): Page {
    const offset = opts.offset ?? 0;
    const options = { prefix: (t: string) => t.length >= 3, boost: { title: 2 } };
    let hits = this.text.search(query, { ...options, combineWith: 'AND' });
    if (hits.length === 0) hits = this.text.search(query, { ...options, combineWith: 'OR' });
    const items = hits.slice(offset, offset + opts.limit).map((h) => this.bySeq.get(h.id as number)!).filter(Boolean);
    return { items, total: hits.length };
  }

  /** Place keys by how many items they have, most first. */
  placeCounts(): [string, number][] {
    return [...this.byPlace.entries()].map(([k, l]) => [k, l.length] as [string, number]).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  }
}
