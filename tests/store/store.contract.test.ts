import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Chat, Delivery, NewsStore } from '../../src/ports.js';
import { openLowdbStore } from '../../store/lowdb-store.js';
import { createMemoryStore } from '../../store/memory-store.js';

const now = new Date('2026-11-28T10:00:00Z');
const tagged = (id: string, title = `Item ${id}`) => ({
  id,
  title,
  summary: 's',
  date: '2026-11-01',
  url: null,
  lang: 'en',
  countries: ['HN'],
  regions: [],
  topics: [],
  sources: ['x'],
});
const chat = (key: string): Chat => ({
  key,
  address: { platform: 'telegram', chatId: key },
  places: [{ code: 'HN', sinceSeq: 0, addedAt: now.toISOString() }],
  state: 'active',
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
});
const delivery = (id: string, state: Delivery['state']): Delivery => ({
  id,
  chatKey: 'c1',
  dueAt: '2026-11-30T15:00:00.000Z',
  fromSeq: 0,
  toSeq: 2,
  itemIds: ['a'],
  more: 0,
  sent: [],
  state,
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
});

const stores: [string, () => Promise<NewsStore>][] = [
  ['memory', async () => createMemoryStore()],
  ['lowdb', async () => openLowdbStore(path.join(mkdtempSync(path.join(tmpdir(), 'nb-')), 'db.json'))],
];

// Every NewsStore implementation must behave the same to the core.
describe.each(stores)('NewsStore contract: %s', (_name, open) => {
  it('gives new items increasing seqs and firstSeenAt, and keeps them on update', async () => {
    const s = await open();
    const added = await s.saveItems({ added: [tagged('a'), tagged('b')], updated: [] }, now);
    expect(added.map((i) => i.seq)).toEqual([1, 2]);
    expect(added[0].firstSeenAt).toBe(now.toISOString());
    const later = new Date(now.getTime() + 60_000);
    const more = await s.saveItems(
      { added: [tagged('c'), tagged('a')], updated: [{ ...added[0], summary: 'edited' }] },
      later,
    );
    expect(more.map((i) => [i.id, i.seq])).toEqual([['c', 3]]);
    const a = s.items().find((i) => i.id === 'a')!;
    expect(a).toMatchObject({ seq: 1, summary: 'edited', firstSeenAt: now.toISOString() });
    expect(s.items().map((i) => i.seq)).toEqual([1, 2, 3]);
  });

  it('saves, finds and deletes chats', async () => {
    const s = await open();
    await s.saveChat(chat('c1'));
    await s.saveChat({ ...chat('c2'), language: 'es' });
    expect(s.chat('c2')?.language).toBe('es');
    expect(
      s
        .chats()
        .map((c) => c.key)
        .sort(),
    ).toEqual(['c1', 'c2']);
    await s.deleteChat('c1');
    expect(s.chat('c1')).toBeUndefined();
  });

  it('keeps the latest state of each delivery', async () => {
    const s = await open();
    await s.saveDelivery(delivery('d1', 'pending'));
    await s.saveDelivery({ ...delivery('d1', 'sent'), sent: ['m1'] });
    expect(s.deliveries()).toEqual([{ ...delivery('d1', 'sent'), sent: ['m1'] }]);
  });

  it('records source health', async () => {
    const s = await open();
    await s.saveSource({ source: 'a', itemCount: 3, failures: 0 });
    await s.saveSource({ source: 'a', itemCount: 4, failures: 1, lastError: 'HTTP 500' });
    expect(s.sources()).toEqual([{ source: 'a', itemCount: 4, failures: 1, lastError: 'HTTP 500' }]);
  });

  it('offers one scheduler lease: taken, held, not held elsewhere, released', async () => {
    const s = await open();
    const lease = s.lease();
    expect(s.lease()).toBe(lease);
    expect(lease.held()).toBe(false);
    expect(await lease.acquire()).toEqual({ ok: true });
    expect(lease.held()).toBe(true);
    expect(await lease.heldElsewhere()).toBeUndefined();
    await lease.release();
    expect(lease.held()).toBe(false);
    expect(await lease.heldElsewhere()).toBeUndefined();
  });
});
