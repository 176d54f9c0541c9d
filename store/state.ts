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

/** A change of the items, worked out but not yet made: the seqs it gives, what it adds and replaces. */
export interface ItemsPlan {
  lastSeq: number;
  added: NewsItem[];
  replaced: NewsItem[];
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
    const plan = this.planItems(change, now);
    this.commitItems(plan);
    return plan;
  }

  /**
   * What `change` would make of the items, leaving them as they are: a store that writes them
   * first applies the plan (commitItems) only once it is on disk.
   */
  planItems(change: ItemChange, now: Date): ItemsPlan {
    const at = now.toISOString();
    let lastSeq = this.itemsData.lastSeq;
    const added: NewsItem[] = [];
    const replaced: NewsItem[] = [];
    for (const u of change.updated) if (this.byId.has(u.id)) replaced.push(u);
    const adding = new Set<string>();
    for (const a of change.added) {
      if (this.byId.has(a.id) || adding.has(a.id)) continue;
      adding.add(a.id);
      added.push({ ...a, seq: ++lastSeq, firstSeenAt: at, updatedAt: at });
    }
    return { lastSeq, added, replaced };
  }

  /** The items as they would be after `plan`, for writing; the items in memory unchanged. */
  itemsAfter(plan: ItemsPlan): ItemsData {
    const items = this.itemsData.items.slice();
    for (const u of plan.replaced) items[this.byId.get(u.id)!] = u;
    for (const a of plan.added) items.push(a);
    return { lastSeq: plan.lastSeq, items };
  }

  commitItems(plan: ItemsPlan): void {
    const { items } = this.itemsData;
    for (const u of plan.replaced) items[this.byId.get(u.id)!] = u;
    for (const a of plan.added) {
      this.byId.set(a.id, items.length);
      items.push(a);
    }
    this.itemsData.lastSeq = plan.lastSeq;
  }

  deliveries(chatKey?: string): Delivery[] {
    const all = [...this.deliveryById.values()];
    return chatKey === undefined ? all : all.filter((d) => d.chatKey === chatKey);
  }
}
