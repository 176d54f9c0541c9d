import type { Lang } from '../i18n/index.js';
import { listOf } from '../i18n/index.js';
import type { NewsItem } from '../news/item.js';
import { placeName } from '../places/gazetteer.js';
import { shorten, type ItemView } from '../reply.js';

const SUMMARY_CHARS = 280;

export function itemView(item: NewsItem, lang: Lang): ItemView {
  return {
    id: item.id,
    title: item.title,
    url: item.url,
    date: item.date,
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
