import { identityHashes } from '../news/identity.js';
import { placeKeys } from '../places/match.js';
import type { ItemFiling } from '../ports.js';
import { createMemoryItems } from './memory-items.js';
import { topicKey } from './news-index.js';

/** How the core files items, for every store: the lists an item is in, what identifies it, the in-memory index. */
export const itemFiling: ItemFiling = {
  keys: (item) => ({
    lists: [...placeKeys(item), ...item.topics.map(topicKey)],
    identity: identityHashes(item),
  }),
  index: createMemoryItems,
};
