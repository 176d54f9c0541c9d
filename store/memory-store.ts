import type {
  Chat,
  Delivery,
  ItemChange,
  ItemFiling,
  NewsStore,
  SchedulerLease,
  SourceHealth,
} from '../src/ports.js';
import { StoreState } from './state.js';

/**
 * Keeps everything in memory: for tests, and for `parse`, which stores nothing. What it reads out
 * is its own record: read it, never change it (a copy is kept of what is saved).
 */
export function createMemoryStore(filing: ItemFiling): NewsStore {
  const s = new StoreState();
  // No other process can see this store: its lease is this process's for the asking.
  let held = false;
  const lease: SchedulerLease = {
    acquire: async () => ((held = true), { ok: true }),
    release: async () => void (held = false),
    held: () => held,
    onLost: () => {},
    heldElsewhere: async () => undefined,
  };
  const index = filing.index(s.itemsData.items);
  return {
    location: 'memory',
    items: index,
    async saveItems(change: ItemChange, now: Date) {
      const { added, replaced } = s.applyItems(change, now);
      index.upsert([...added, ...replaced]);
      return added;
    },
    chats: async () => Object.values(s.state.chats),
    chat: async (key: string) => s.state.chats[key],
    saveChat: async (chat: Chat) => {
      s.state.chats[chat.key] = structuredClone(chat);
    },
    deleteChat: async (key: string) => {
      delete s.state.chats[key];
    },
    sources: async () => Object.values(s.state.sources),
    saveSource: async (h: SourceHealth) => {
      s.state.sources[h.source] = { ...h };
    },
    deliveries: async (chatKey?: string) => s.deliveries(chatKey),
    saveDelivery: async (d: Delivery) => {
      s.deliveryById.set(d.id, structuredClone(d));
    },
    lease: () => lease,
    close: async () => {},
  };
}
