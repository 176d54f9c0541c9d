import type { NewsItem } from '../../src/news/item.js';
import type { NewsStore } from '../../src/ports.js';
import { itemFiling } from '../../src/search/filing.js';
import { openLowdbStore } from '../../store/lowdb-store.js';
import { createMemoryStore } from '../../store/memory-store.js';

/** A memory store filed as the app files its stores. */
export const memoryStore = (): NewsStore => createMemoryStore(itemFiling);

/** The lowdb store at `dbPath`, filed as the app files its stores. */
export const lowdbStore = (dbPath: string, opts?: Parameters<typeof openLowdbStore>[2]): Promise<NewsStore> =>
  openLowdbStore(dbPath, itemFiling, opts);

/** Every item of a store, in seq order: for tests, which hold a handful. */
export async function allItems(store: NewsStore): Promise<NewsItem[]> {
  return store.items.window(0, await store.items.lastSeq());
}
