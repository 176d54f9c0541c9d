/** What a parser reads from a source, before normalising and tagging. */
export interface RawItem {
  title: string;
  summary: string;
  /** YYYY-MM-DD, or null when the source gives none */
  date: string | null;
  url?: string | null;
  lang?: string | null;
}

/** A normalised, identified and tagged item, not yet stored. */
export interface TaggedItem {
  id: string;
  title: string;
  summary: string;
  date: string | null;
  url: string | null;
  lang: string | null;
  countries: string[];
  regions: string[];
  topics: string[];
}

/** A stored item: `seq` and `firstSeenAt` are given once, on first sight, and never change. */
export interface NewsItem extends TaggedItem {
  seq: number;
  firstSeenAt: string;
  updatedAt: string;
  sources: string[];
}

/** The first index of `items` (in seq order) whose seq is above `seq`: a binary search. */
export function firstAfter(items: readonly NewsItem[], seq: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].seq <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
