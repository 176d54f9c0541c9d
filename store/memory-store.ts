import type { Chat, Delivery, ItemChange, NewsStore, SchedulerLease, SourceHealth } from '../src/ports.js';
import { StoreState } from './state.js';

/** Keeps everything in memory: for tests, and for `parse`, which stores nothing. */
export function createMemoryStore(): NewsStore {
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
  return {
    location: 'memory',
    items: () => s.itemsData.items,
    saveItems: async (change: ItemChange, now: Date) => s.applyItems(change, now),
    chats: () => Object.values(s.state.chats),
    chat: (key: string) => s.state.chats[key],
    saveChat: async (chat: Chat) => {
      s.state.chats[chat.key] = structuredClone(chat);
    },
    deleteChat: async (key: string) => {
      delete s.state.chats[key];
    },
    sources: () => Object.values(s.state.sources),
    saveSource: async (h: SourceHealth) => {
      s.state.sources[h.source] = { ...h };
    },
    deliveries: () => s.deliveries(),
    saveDelivery: async (d: Delivery) => {
      s.deliveryById.set(d.id, structuredClone(d));
    },
    lease: () => lease,
    close: async () => {},
  };
}
