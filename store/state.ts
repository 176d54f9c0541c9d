import type { Chat, Delivery, ItemChange, SourceHealth } from '../src/ports.js';
import type { NewsItem } from '../src/news/item.js';

export interface ItemsData {
  lastSeq: number;
  items: NewsItem[];
}

export interface StateData {
  version: 1;
  chats: Record<string, Chat>;
  sources: Record<string, SourceHealth>;
}

export const emptyItems = (): ItemsData => ({ lastSeq: 0, items: [] });
export const emptyState = (): StateData => ({ version: 1, chats: {}, sources: {} });

/**
 * What every store holds in memory. Stores differ only in where they persist it; this is the
 * memory store's whole job and the file store's working copy.
 */
export class StoreState {
  readonly byId = new Map<string, number>();
  readonly deliveryById = new Map<string, Delivery>();

  constructor(
    readonly itemsData: ItemsData = emptyItems(),
    readonly state: StateData = emptyState(),
    deliveries: Delivery[] = [],
  ) {
    itemsData.items.forEach((it, i) => this.byId.set(it.id, i));
    for (const d of deliveries) this.deliveryById.set(d.id, d);
  }

  /** The items added (with their seqs) and those replaced. */
  applyItems(change: ItemChange, now: Date): { added: NewsItem[]; replaced: NewsItem[] } {
    const at = now.toISOString();
    const added: NewsItem[] = [];
    const replaced: NewsItem[] = [];
    for (const u of change.updated) {
      const i = this.byId.get(u.id);
      if (i !== undefined) {
        this.itemsData.items[i] = u;
        replaced.push(u);
      }
    }
    for (const a of change.added) {
      if (this.byId.has(a.id)) continue;
      const item: NewsItem = { ...a, seq: ++this.itemsData.lastSeq, firstSeenAt: at, updatedAt: at };
      this.byId.set(item.id, this.itemsData.items.length);
      this.itemsData.items.push(item);
      added.push(item);
    }
    return { added, replaced };
  }

  deliveries(chatKey?: string): Delivery[] {
    const all = [...this.deliveryById.values()];
    return chatKey === undefined ? all : all.filter((d) => d.chatKey === chatKey);
  }
}
