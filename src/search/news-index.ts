import type { NewsItem } from '../news/item.js';
import { placeKeys } from '../places/match.js';
import { TextIndex } from './text-index.js';

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

/** One page of the newest-first merge of newest-first lists, each item once. */
function mergePage(lists: NewsItem[][], offset: number, limit: number): NewsItem[] {
  const at = lists.map(() => 0);
  const out: NewsItem[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  while (out.length < limit) {
    let pick = -1;
    for (let l = 0; l < lists.length; l++) {
      if (at[l] < lists[l].length && (pick < 0 || newer(lists[l][at[l]], lists[pick][at[pick]]) < 0)) pick = l;
    }
    if (pick < 0) break;
    const it = lists[pick][at[pick]++];
    if (seen.has(it.id)) continue;
    seen.add(it.id);
    if (skipped < offset) skipped++;
    else out.push(it);
  }
  return out;
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
  private readonly text = new TextIndex();

  /** settles when every item given at construction is in the full-text index */
  readonly searchable: Promise<void>;

  /**
   * With `background`, the full-text index of the given items is built in slices between other
   * work, so a large store is ready for every other command at once; a search waits for it.
   */
  constructor(items: readonly NewsItem[] = [], opts: { background?: boolean } = {}) {
    for (const it of items) this.remember(it);
    this.newest.sort(newer);
    for (const list of this.byPlace.values()) list.sort(newer);
    this.searchable = opts.background ? this.indexText(items) : Promise.resolve(this.indexSlice(items, 0, items.length));
  }

  private indexSlice(items: readonly NewsItem[], from: number, to: number): void {
    // An item changed while the build was under way is already in, newer: leave it.
    for (let i = from; i < to; i++) if (!this.text.has(items[i].seq)) this.text.add(items[i].seq, items[i].title, items[i].summary);
  }

  private async indexText(items: readonly NewsItem[]): Promise<void> {
    const slice = 2000;
    for (let from = 0; from < items.length; from += slice) {
      this.indexSlice(items, from, Math.min(items.length, from + slice));
      await new Promise((r) => setImmediate(r));
    }
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
    if (it.seq > this.maxSeq) this.maxSeq = it.seq;
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
    this.text.remove(it.seq);
  }

  /** Adds new items and replaces changed ones (same id). */
  upsert(items: NewsItem[]): void {
    // A big batch is appended and sorted once; a few are inserted in place.
    const bulk = items.length > 64;
    for (const it of items) {
      const old = this.byId.get(it.id);
      if (old) this.forget(old);
      this.remember(it, !bulk);
      this.text.add(it.seq, it.title, it.summary);
    }
    if (bulk) {
      this.newest.sort(newer);
      for (const list of this.byPlace.values()) list.sort(newer);
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
    return { items: mergePage(lists, offset, opts.limit), total: this.unionSize(lists) };
  }

  /** Ranked full-text search: every word must match (by prefix), else the best partial matches. */
  async search(query: string, opts: { limit: number; offset?: number }): Promise<Page> {
    await this.searchable;
    const { total, hits } = this.text.search(query, opts.offset ?? 0, opts.limit);
    return { items: hits.map((h) => this.bySeq.get(h.key)!).filter(Boolean), total };
  }

  private marks = new Uint8Array(0);
  private maxSeq = 0;

  /** How many distinct items the lists hold together, marking seqs rather than building a set. */
  private unionSize(lists: NewsItem[][]): number {
    if (this.marks.length <= this.maxSeq) this.marks = new Uint8Array(this.maxSeq * 2 + 1);
    let n = 0;
    for (const list of lists) for (const it of list) if (this.marks[it.seq] === 0) { this.marks[it.seq] = 1; n++; }
    for (const list of lists) for (const it of list) this.marks[it.seq] = 0;
    return n;
  }

  /** Place keys by how many items they have, most first. */
  placeCounts(): [string, number][] {
    return [...this.byPlace.entries()].map(([k, l]) => [k, l.length] as [string, number]).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  }
}
