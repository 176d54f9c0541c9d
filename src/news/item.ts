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
