import { identityHashes } from '../news/identity.js';
import { placeKeys } from '../places/match.js';
import type { ItemFiling, TextSearch } from '../ports.js';
import { itemTerms, searchMatch } from './item-terms.js';
import { createMemoryItems } from './memory-items.js';
import { topicKey } from './news-index.js';
import { TextIndex } from './text-index.js';

/** How the core files items, for every store: the lists an item is in, what identifies it, the in-memory index. */
export const itemFiling: ItemFiling = {
  keys: (item) => ({
    lists: [...placeKeys(item), ...item.topics.map(topicKey)],
    identity: identityHashes(item),
  }),
  index: createMemoryItems,
  textSearch(): TextSearch {
    const text = new TextIndex();
    return {
      add: (it) => text.add(it.seq, it.title, it.summary, it.lang, placeKeys(it)),
      search(query, opts) {
        const found = text.search(query, opts.offset ?? 0, opts.limit, opts.placeOf, opts.corpus);
        return { seqs: found.hits.map((h) => h.key), total: found.total, literal: found.literal };
      },
    };
  },
  searchTerms: (item) => itemTerms(item, placeKeys(item)),
  searchMatch,
};
