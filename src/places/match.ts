import type { NewsItem } from '../news/item.js';
import { gazetteer } from './gazetteer.js';

/** region id -> the regions a country belongs to, built once */
const regionsOf = new Map<string, string[]>();
for (const [id, r] of Object.entries(gazetteer.regions)) {
  for (const c of r.countries) regionsOf.set(c, [...(regionsOf.get(c) ?? []), id]);
}

function regionsOfCountry(code: string): string[] {
  return regionsOf.get(code) ?? [];
}

/** the same tags give the same keys: a hundred thousand items share a few hundred combinations */
const keysOfTags = new Map<string, string[]>();

/**
 * The keys an item is found under. A country key holds what names that country; a region key
 * holds what names the region or any country in it. So a country subscription never gets a
 * region-only item, and a region subscription gets its countries' news too. The array is
 * shared between items: read it, never change it.
 */
export function placeKeys(item: Pick<NewsItem, 'countries' | 'regions'>): readonly string[] {
  const tags = item.regions.length
    ? `${item.countries.join(',')}|${item.regions.join(',')}`
    : item.countries.join(',');
  let keys = keysOfTags.get(tags);
  if (!keys) {
    if (keysOfTags.size > 50_000) keysOfTags.clear();
    keysOfTags.set(tags, (keys = computePlaceKeys(item)));
  }
  return keys;
}

function computePlaceKeys(item: Pick<NewsItem, 'countries' | 'regions'>): string[] {
  const keys = new Set<string>([...item.countries, ...item.regions]);
  for (const c of item.countries) for (const r of regionsOfCountry(c)) keys.add(r);
  return [...keys];
}
