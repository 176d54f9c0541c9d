import { describe, expect, it } from 'vitest';
import type { Chat, Delivery } from '../../src/ports.js';
import { lowdbStore } from '../helpers/stores.js';
import { tempDb } from '../helpers/temp.js';

const now = new Date('2026-11-28T10:00:00Z');
const item = (id: string) => ({
  id,
  title: `Honduras item ${id}`,
  summary: '',
  date: '2026-11-27',
  url: null,
  lang: 'en',
  countries: ['HN'],
  regions: [],
  topics: [],
  sources: ['x'],
});
const chat = (id: string): Chat => ({
  key: `telegram:${id}`,
  address: { platform: 'telegram', chatId: id },
  places: [{ code: 'HN', sinceSeq: 0, addedAt: now.toISOString() }],
  state: 'active',
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
});
const sent = (chatKey: string): Delivery => ({
  id: `${chatKey}@2026-11-30`,
  chatKey,
  dueAt: '2026-11-30T15:00:00.000Z',
  fromSeq: 0,
  toSeq: 2,
  itemIds: ['a', 'b'],
  more: 0,
  sent: ['m1'],
  state: 'sent',
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
});

describe('lowdb store: taking the lease over from another process', () => {
  it('sees what the other wrote while it held the lease, and writes without losing any of it', async () => {
    const db = tempDb('nb-takeover');
    const first = await lowdbStore(db);
    expect((await first.lease().acquire()).ok).toBe(true);
    // A second service opens the store while the first holds the lease: it reads the files as they are.
    const second = await lowdbStore(db);
    expect((await second.lease().acquire()).ok).toBe(false);

    // Meanwhile the first polls, gets a subscription and sends a digest.
    await first.saveItems({ added: [item('a'), item('b')], updated: [] }, now);
    await first.saveChat(chat('1'));
    await first.saveDelivery(sent('telegram:1'));
    expect(await second.chat('telegram:1')).toBeUndefined();
    await first.lease().release();
    await first.close();

    // The second takes over: the first's writes are there, items searchable by their places.
    expect((await second.lease().acquire()).ok).toBe(true);
    expect(await second.chat('telegram:1')).toMatchObject({ places: [{ code: 'HN' }] });
    expect((await second.deliveries('telegram:1')).map((d) => d.state)).toEqual(['sent']);
    expect(await second.items.lastSeq()).toBe(2);
    expect((await second.items.byPlaces(['HN'], { limit: 5 })).items.map((i) => i.id).sort()).toEqual([
      'a',
      'b',
    ]);

    // Its own writes keep the first's.
    await second.saveChat(chat('2'));
    await second.saveItems({ added: [item('c')], updated: [] }, now);
    await second.lease().release();
    await second.close();
    const reopened = await lowdbStore(db);
    expect((await reopened.chats()).map((c) => c.key).sort()).toEqual(['telegram:1', 'telegram:2']);
    expect(await reopened.items.lastSeq()).toBe(3);
    expect(await reopened.deliveries('telegram:1')).toHaveLength(1);
    await reopened.close();
  });

  it('asked again while it holds the lease, keeps its own changes, even one still being written', async () => {
    const db = tempDb('nb-takeover');
    const store = await lowdbStore(db);
    expect((await store.lease().acquire()).ok).toBe(true);
    await store.saveChat(chat('1'));
    const pending = store.saveChat({ ...chat('1'), language: 'es' });
    // The lease keeper asks again every few seconds: the files changed, but by this process.
    expect((await store.lease().acquire()).ok).toBe(true);
    await pending;
    expect((await store.chat('telegram:1'))?.language).toBe('es');
    await store.lease().release();
    await store.close();
    const reopened = await lowdbStore(db);
    expect((await reopened.chat('telegram:1'))?.language).toBe('es');
    await reopened.close();
  });
});
