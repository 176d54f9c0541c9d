import { identityHashes } from '../news/identity.js';
import { firstAfter, type NewsItem } from '../news/item.js';
import { placeKeys } from '../places/match.js';
import type { MemoryItemIndex } from '../ports.js';
import { NewsIndex, topicKey } from './news-index.js';

/** Above this many items, the full-text index is built after start-up (searchReady), not before. */
const BACKGROUND_FROM = 5000;

/**
 * The item queries of a store that holds its items in memory (lowdb, memory), answered from the
 * core's NewsIndex over the store's own list, which the store keeps in seq order. Identities are
 * remembered from the first ingest on rather than at start-up: a restart with unchanged sources
 * never needs them.
 */
export function createMemoryItems(items: readonly NewsItem[]): MemoryItemIndex {
  const index = new NewsIndex(items, { background: items.length > BACKGROUND_FROM });
  let identities: Map<number, string> | undefined;
  const remember = (ids: Map<number, string>, it: NewsItem) => {
    for (const h of identityHashes(it)) ids.set(h, it.id);
  };
  const known = () => {
    if (!identities) {
      identities = new Map();
      for (const it of items) remember(identities, it);
    }
    return identities;
  };
  return {
    count: async () => index.size,
    lastSeq: async () => (items.length ? items[items.length - 1].seq : 0),
    latest: async (limit, offset = 0) => index.latest(limit, offset),
    byPlaces: async (keys, opts) => index.byPlaces([...keys], opts),
    search: (query, opts) => index.search(query, opts),
    placeCounts: async () => index.placeCounts(),
    get: async (ids) => ids.map((id) => index.get(id)).filter((it): it is NewsItem => it !== undefined),
    async window(afterSeq, toSeq, keys) {
      const wanted = keys ? new Set(keys) : undefined;
      const out: NewsItem[] = [];
      for (let i = firstAfter(items, afterSeq); i < items.length && items[i].seq <= toSeq; i++) {
        const it = items[i];
        if (
          !wanted ||
          placeKeys(it).some((k) => wanted.has(k)) ||
          it.topics.some((t) => wanted.has(topicKey(t)))
        )
          out.push(it);
      }
      return out;
    },
    async findByIdentity(keys) {
      const ids = known();
      const found = new Map<number, string>();
      for (const k of keys) {
        const id = ids.get(k);
        if (id !== undefined) found.set(k, id);
      }
      return found;
    },
    countBySource: async (source) => items.reduce((n, it) => n + (it.sources.includes(source) ? 1 : 0), 0),
    searchReady: () => index.buildText(),
    upsert(changed) {
      index.upsert([...changed]);
      // Keys of an item's earlier title stay: a copy of the story under its old title is still the same story.
      if (identities) for (const it of changed) remember(identities, it);
    },
  };
}
