import type { NewsItem } from './item.js';
import { identityKeys } from './normalise.js';

/** Two 32-bit FNV-1a passes with different offsets, joined into a number that fits a double exactly. */
function hash52(s: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0) * 0x100000 + (b >>> 12);
}

/**
 * What identifies a story: the same one from two sources shares its URL, or its title and date.
 * The keys are held as 52-bit hashes: as strings, a hundred thousand titles cost some 30 MB, and
 * a database indexes a number in a quarter of the room. Two keys sharing a hash is as unlikely
 * as two items sharing an id, which is a hash too. The URL's key, when there is one, comes first.
 */
export function identityHashes(item: Pick<NewsItem, 'title' | 'date' | 'url'>): number[] {
  const k = identityKeys(item);
  const title = hash52(`t:${k.titleKey}`);
  return k.urlKey ? [hash52(`u:${k.urlKey}`), title] : [title];
}
