import type { Lang } from '../i18n/index.js';
import { formatShortDay } from '../i18n/dates.js';
import { listOf } from '../i18n/index.js';
import type { NewsItem } from '../news/item.js';
import { itemLink, type SourceLabels } from '../news/source-labels.js';
import { placeName } from '../places/gazetteer.js';
import { shorten, type ItemView } from '../reply.js';

const SUMMARY_CHARS = 280;

/** An item as replies show it; without a link of its own, it links to its source's home page, named. */
export function itemView(item: NewsItem, lang: Lang, labels?: SourceLabels): ItemView {
  return {
    id: item.id,
    title: item.title,
    ...itemLink(item, labels),
    // As the digests say a day, in the reply's language; a date the sources gave in no known shape stays as given.
    date: item.date && /^\d{4}-\d{2}-\d{2}$/.test(item.date) ? formatShortDay(lang, item.date) : item.date,
    places: [
      ...item.countries.map((c) => placeName(c, lang)),
      ...item.regions.map((r) => placeName(r, lang)),
    ],
    summary: shorten(item.summary, SUMMARY_CHARS),
  };
}

export function placeList(codes: string[], lang: Lang): string {
  return listOf(
    lang,
    codes.map((c) => placeName(c, lang)),
  );
}
