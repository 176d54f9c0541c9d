import type { NewsItem } from '../../src/news/item.js';

/** The columns a NewsItem is read from, in the order toItem expects. */
export const ITEM_COLUMNS =
  'seq, id, title, summary, date, url, lang, countries, regions, topics, sources, first_seen_at, updated_at';

export interface ItemRow {
  seq: number;
  id: string;
  title: string;
  summary: string;
  date: string | null;
  url: string | null;
  lang: string | null;
  countries: string[];
  regions: string[];
  topics: string[];
  sources: string[];
  first_seen_at: string;
  updated_at: string;
}

export const toItem = (r: ItemRow): NewsItem => ({
  id: r.id,
  title: r.title,
  summary: r.summary,
  date: r.date,
  url: r.url,
  lang: r.lang,
  countries: r.countries,
  regions: r.regions,
  topics: r.topics,
  sources: r.sources,
  seq: r.seq,
  firstSeenAt: r.first_seen_at,
  updatedAt: r.updated_at,
});

/**
 * A day ('YYYY-MM-DD', or its start as in `since 2020-09`) as a number in the same order:
 * 20200900 for September 2020. What is not a date counts as 0, the oldest.
 */
export function dayNumber(day: string): number {
  const n =
    Number(day.slice(0, 4)) * 10_000 + Number(day.slice(5, 7) || 0) * 100 + Number(day.slice(8, 10) || 0);
  return Number.isFinite(n) ? n : 0;
}

/** The day an item is sorted and filtered by: its own date, else the day it was first seen. */
export const itemDay = (it: Pick<NewsItem, 'date' | 'firstSeenAt'>) =>
  dayNumber(it.date ?? it.firstSeenAt.slice(0, 10));
