import type { NewsItem } from '../news/item.js';
import { placeKeys } from '../places/match.js';
import type { PlaceFinder } from './query.js';
import { TextIndex } from './text-index.js';

export interface Page {
  items: NewsItem[];
  total: number;
}

export interface SearchPage extends Page {
  /** how many items have every word typed, not only other words for them */
  literal: number;
}

/** The date an item is sorted and filtered by: its own, else the day it was first seen. */
export const effectiveDate = (it: NewsItem) => it.date ?? it.firstSeenAt.slice(0, 10);

/** Seqs below this keep their place in a rank: 16 million items, and ranks stay exact doubles. */
const SEQ_SPACE = 2 ** 24;

/** 'YYYY-MM-DD' (or its first part, as in `since 2020-09`) as a number in the same order. */
function dayNumber(day: string): number {
  const n =
    Number(day.slice(0, 4)) * 10_000 + Number(day.slice(5, 7) || 0) * 100 + Number(day.slice(8, 10) || 0);
  return Number.isFinite(n) ? n : 0;
}

/** One number per item that orders newest first when larger: by date, then by arrival. */
const rankOf = (it: NewsItem) => dayNumber(effectiveDate(it)) * SEQ_SPACE + it.seq;

/** A newest-first list of seqs. */
type SeqList = number[];

/**
 * Everything the queries read, kept in memory and up to date with the store: items newest
 * first, the same per place key, and a full-text index. The lists hold seqs and are ordered by
 * a rank per seq, so sorting, merging and counting touch numbers rather than items.
 */
/** The list a topic's items are kept in, beside the places' lists: `#remittances`. */
export const topicKey = (topic: string) => `#${topic}`;

/** Every list an item belongs in: its places and its topics. */
function forEachListKey(it: NewsItem, fn: (key: string) => void): void {
  for (const k of placeKeys(it)) fn(k);
  for (const t of it.topics) fn(topicKey(t));
}

export class NewsIndex {
  private readonly byId = new Map<string, NewsItem>();
  private readonly bySeq: NewsItem[] = [];
  private newest: SeqList = [];
  private byPlace = new Map<string, SeqList>();
  private readonly text = new TextIndex();
  /** each item's rankOf, by seq */
  private ranks = new Float64Array(1024);
  /** scratch for unionSize, by seq */
  private marks = new Uint8Array(1024);

  /** items given at construction whose full-text indexing waits for buildText */
  private unindexed: readonly NewsItem[] = [];
  private textBuilt: Promise<void> | null = null;

  /**
   * With `background`, the full-text index of the given items waits for `buildText` (or the
   * first search), so a large store answers every other command at once.
   */
  constructor(items: readonly NewsItem[] = [], opts: { background?: boolean } = {}) {
    for (const it of items) this.remember(it);
    this.rebuildLists();
    if (opts.background) this.unindexed = items;
    else this.indexSlice(items, 0, items.length);
  }

  /**
   * Builds the full-text index of the items given at construction, in slices between other
   * work; the service calls it once it is ready. Settles when every item is searchable.
   */
  buildText(): Promise<void> {
    this.textBuilt ??= this.indexText(this.unindexed).finally(() => {
      this.unindexed = [];
    });
    return this.textBuilt;
  }

  private indexSlice(items: readonly NewsItem[], from: number, to: number): void {
    // An item changed while the build was under way is already in, newer: leave it.
    for (let i = from; i < to; i++)
      if (!this.text.has(items[i].seq))
        this.text.add(items[i].seq, items[i].title, items[i].summary, items[i].lang, placeKeys(items[i]));
  }

  private async indexText(items: readonly NewsItem[]): Promise<void> {
    const slice = 2000;
    for (let from = 0; from < items.length; from += slice) {
      await new Promise((r) => setImmediate(r));
      this.indexSlice(items, from, Math.min(items.length, from + slice));
    }
    this.text.trim();
  }

  get size(): number {
    return this.newest.length;
  }

  get(id: string): NewsItem | undefined {
    return this.byId.get(id);
  }

  private readonly items = (seqs: SeqList) => seqs.map((s) => this.bySeq[s]);

  private remember(it: NewsItem): void {
    this.byId.set(it.id, it);
    this.bySeq[it.seq] = it;
    if (it.seq >= this.ranks.length) {
      const size = Math.max(it.seq + 1, this.ranks.length * 2);
      const r = new Float64Array(size);
      r.set(this.ranks);
      this.ranks = r;
      this.marks = new Uint8Array(size);
    }
    this.ranks[it.seq] = rankOf(it);
  }

  /** Where `seq` goes in a newest-first list. */
  private place(list: SeqList, seq: number): number {
    const r = this.ranks[seq];
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.ranks[list[mid]] > r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private list(it: NewsItem): void {
    this.newest.splice(this.place(this.newest, it.seq), 0, it.seq);
    forEachListKey(it, (k) => {
      let list = this.byPlace.get(k);
      if (!list) this.byPlace.set(k, (list = []));
      list.splice(this.place(list, it.seq), 0, it.seq);
    });
  }

  private unlist(it: NewsItem): void {
    const drop = (list: SeqList | undefined) => {
      const i = list ? list.indexOf(it.seq) : -1;
      if (i >= 0) list!.splice(i, 1);
    };
    drop(this.newest);
    forEachListKey(it, (k) => drop(this.byPlace.get(k)));
  }

  /**
   * Every list again from the items: the newest-first order by sorting ranks, then each
   * place's list by walking it, already in order.
   */
  private rebuildLists(): void {
    const ranks = Float64Array.from(this.byId.values(), (it) => this.ranks[it.seq]).sort();
    const n = ranks.length;
    this.newest = new Array<number>(n);
    for (let i = 0; i < n; i++) this.newest[n - 1 - i] = ranks[i] % SEQ_SPACE;
    this.byPlace = new Map();
    for (const seq of this.newest) {
      forEachListKey(this.bySeq[seq], (k) => {
        const list = this.byPlace.get(k);
        if (list) list.push(seq);
        else this.byPlace.set(k, [seq]);
      });
    }
  }

  /** Adds new items and replaces changed ones (same id). */
  upsert(items: NewsItem[]): void {
    // A big batch is listed by rebuilding the lists once; a few are put in place.
    const bulk = items.length > 64;
    for (const it of items) {
      const old = this.byId.get(it.id);
      if (old && !bulk) this.unlist(old);
      this.remember(it);
      if (!bulk) this.list(it);
      this.text.add(it.seq, it.title, it.summary, it.lang, placeKeys(it));
    }
    if (bulk) this.rebuildLists();
  }

  latest(limit: number, offset = 0): Page {
    return { items: this.items(this.newest.slice(offset, offset + limit)), total: this.newest.length };
  }

  /** How many of a newest-first list are dated on or after `since`. */
  private countSince(list: SeqList, since: string): number {
    const floor = dayNumber(since) * SEQ_SPACE;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.ranks[list[mid]] >= floor) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Items under any of the place keys, newest first, dated on or after `since` if given. */
  byPlaces(keys: string[], opts: { since?: string; limit: number; offset?: number }): Page {
    const offset = opts.offset ?? 0;
    const lists = [...new Set(keys)].map((k) => {
      const list = this.byPlace.get(k) ?? [];
      return { list, length: opts.since ? this.countSince(list, opts.since) : list.length };
    });
    if (lists.length === 1) {
      const { list, length } = lists[0];
      return { items: this.items(list.slice(offset, Math.min(length, offset + opts.limit))), total: length };
    }
    return { items: this.items(this.mergePage(lists, offset, opts.limit)), total: this.unionSize(lists) };
  }

  /** One page of the newest-first merge of newest-first lists (each cut at its length), each seq once. */
  private mergePage(lists: { list: SeqList; length: number }[], offset: number, limit: number): SeqList {
    const at = lists.map(() => 0);
    const out: SeqList = [];
    let last = -1;
    let skipped = 0;
    while (out.length < limit) {
      let pick = -1;
      for (let l = 0; l < lists.length; l++) {
        if (
          at[l] < lists[l].length &&
          (pick < 0 || this.ranks[lists[l].list[at[l]]] > this.ranks[lists[pick].list[at[pick]]])
        )
          pick = l;
      }
      if (pick < 0) break;
      const seq = lists[pick].list[at[pick]++];
      // Equal seqs have equal ranks, so a seq in several lists comes out of them one after another.
      if (seq === last) continue;
      last = seq;
      if (skipped < offset) skipped++;
      else out.push(seq);
    }
    return out;
  }

  /** How many distinct seqs the lists hold together, marking them rather than building a set. */
  private unionSize(lists: { list: SeqList; length: number }[]): number {
    const marks = this.marks;
    let n = 0;
    for (const { list, length } of lists) {
      for (let i = 0; i < length; i++) {
        if (marks[list[i]] === 0) {
          marks[list[i]] = 1;
          n++;
        }
      }
    }
    for (const { list, length } of lists) for (let i = 0; i < length; i++) marks[list[i]] = 0;
    return n;
  }

  /**
   * Ranked full-text search in English and Spanish: items that meet the most ideas of the
   * query first (see TextIndex). `placeOf` says which phrases of the query name a country or
   * region, so that items filed under it are found whatever they call it.
   */
  async search(
    query: string,
    opts: { limit: number; offset?: number; placeOf?: PlaceFinder },
  ): Promise<SearchPage> {
    await this.buildText();
    const { total, literal, hits } = this.text.search(query, opts.offset ?? 0, opts.limit, opts.placeOf);
    return { items: hits.map((h) => this.bySeq[h.key]).filter(Boolean), total, literal };
  }

  /** Place keys by how many items they have, most first. */
  placeCounts(): [string, number][] {
    return [...this.byPlace.entries()]
      .map(([k, l]) => [k, l.length] as [string, number])
      .filter(([k, n]) => n > 0 && !k.startsWith('#'))
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  }
}
