import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Chat, Delivery, NewsStore } from '../../src/ports.js';
import { itemFiling } from '../../src/search/filing.js';
import { hasPg, pgStores } from '../helpers/pg.js';
import { memoryStore, lowdbStore, allItems } from '../helpers/stores.js';
import { tempDir } from '../helpers/temp.js';

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

const pg = pgStores();
afterAll(() => pg.close());

const stores: [string, () => Promise<NewsStore>][] = [
  ['memory', async () => memoryStore()],
  ['lowdb', async () => lowdbStore(path.join(tempDir('nb'), 'db.json'))],
  // Skipped, loudly, only on a machine where no PostgreSQL answers (CI requires one: .ci/run).
  ...(hasPg ? [['postgres', () => pg.open()] as [string, () => Promise<NewsStore>]] : []),
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
    const a = (await allItems(s)).find((i) => i.id === 'a')!;
    expect(a).toMatchObject({ seq: 1, summary: 'edited', firstSeenAt: now.toISOString() });
    expect((await allItems(s)).map((i) => i.seq)).toEqual([1, 2, 3]);
  });

  it('saves, finds and deletes chats', async () => {
    const s = await open();
    await s.saveChat(chat('c1'));
    await s.saveChat({ ...chat('c2'), language: 'es' });
    expect((await s.chat('c2'))?.language).toBe('es');
    expect((await s.chats()).map((c) => c.key).sort()).toEqual(['c1', 'c2']);
    await s.deleteChat('c1');
    expect(await s.chat('c1')).toBeUndefined();
  });

  it('keeps the latest state of each delivery', async () => {
    const s = await open();
    await s.saveDelivery(delivery('d1', 'pending'));
    await s.saveDelivery({ ...delivery('d1', 'sent'), sent: ['m1'] });
    expect(await s.deliveries()).toEqual([{ ...delivery('d1', 'sent'), sent: ['m1'] }]);
    await s.saveDelivery({ ...delivery('d2', 'pending'), chatKey: 'c2' });
    expect((await s.deliveries()).map((d) => d.id).sort()).toEqual(['d1', 'd2']);
    expect((await s.deliveries('c2')).map((d) => d.id)).toEqual(['d2']);
    expect(await s.deliveries('c3')).toEqual([]);
  });

  it('records source health', async () => {
    const s = await open();
    await s.saveSource({ source: 'a', itemCount: 3, failures: 0 });
    await s.saveSource({ source: 'a', itemCount: 4, failures: 1, lastError: 'HTTP 500' });
    expect(await s.sources()).toEqual([{ source: 'a', itemCount: 4, failures: 1, lastError: 'HTTP 500' }]);
  });
  describe('item queries', () => {
    /** Five items arriving in two batches; `e` has no date and is filed by the day it was first seen. */
    const news = [
      { ...tagged('a', 'Remittances to Honduras grow'), date: '2026-11-01', topics: ['remittances'] },
      { ...tagged('b', 'Guatemala opens a labour office'), date: '2026-11-03', countries: ['GT'] },
      {
        ...tagged('c', 'Honduras and Guatemala sign a labour accord'),
        date: '2026-10-20',
        countries: ['GT', 'HN'],
      },
    ];
    const later = [
      {
        ...tagged('d', 'Jamaica farm workers'),
        date: '2026-11-03',
        countries: ['JM'],
        regions: ['caribbean'],
        sources: ['y'],
      },
      {
        ...tagged('e', 'Central America seasonal work'),
        date: null,
        countries: [],
        regions: ['central-america'],
      },
    ];
    const filled = async () => {
      const s = await open();
      await s.saveItems({ added: news, updated: [] }, now);
      await s.saveItems({ added: later, updated: [] }, new Date('2026-11-29T10:00:00Z'));
      return s;
    };
    const ids = (p: { items: { id: string }[] }) => p.items.map((i) => i.id);

    it('counts and gives the last seq', async () => {
      const s = await open();
      expect(await s.items.count()).toBe(0);
      expect(await s.items.lastSeq()).toBe(0);
      const f = await filled();
      expect(await f.items.count()).toBe(5);
      expect(await f.items.lastSeq()).toBe(5);
      expect(await f.items.countBySource('x')).toBe(4);
      expect(await f.items.countBySource('y')).toBe(1);
      expect(await f.items.countBySource('z')).toBe(0);
    });

    it('lists the latest by date, then by arrival, a page at a time', async () => {
      const s = await filled();
      // e is dated by its first sight, 2026-11-29; d and b share a date, d came later
      expect(await s.items.latest(10)).toMatchObject({ total: 5 });
      expect(ids(await s.items.latest(10))).toEqual(['e', 'd', 'b', 'a', 'c']);
      expect(ids(await s.items.latest(2, 1))).toEqual(['d', 'b']);
    });

    it('finds items by place, region and topic, since a date, a page at a time', async () => {
      const s = await filled();
      expect(await s.items.byPlaces(['HN'], { limit: 10 })).toMatchObject({ total: 2 });
      expect(ids(await s.items.byPlaces(['HN'], { limit: 10 }))).toEqual(['a', 'c']);
      // a region holds its countries' items, and those naming the region alone
      expect(ids(await s.items.byPlaces(['central-america'], { limit: 10 }))).toEqual(['e', 'b', 'a', 'c']);
      expect(ids(await s.items.byPlaces(['HN', 'GT'], { limit: 10 }))).toEqual(['b', 'a', 'c']);
      expect(await s.items.byPlaces(['HN', 'GT'], { limit: 1, offset: 1 })).toEqual({
        items: [expect.objectContaining({ id: 'a' })],
        total: 3,
      });
      expect(await s.items.byPlaces(['HN', 'GT'], { since: '2026-11-01', limit: 10 })).toMatchObject({
        total: 2,
        items: [{ id: 'b' }, { id: 'a' }],
      });
      expect(await s.items.byPlaces(['HN'], { since: '2026-11', limit: 10 })).toMatchObject({ total: 1 });
      expect(ids(await s.items.byPlaces(['#remittances'], { limit: 10 }))).toEqual(['a']);
      expect(await s.items.byPlaces(['PA'], { limit: 10 })).toEqual({ items: [], total: 0 });
    });

    it('counts items per place, most first, without topics', async () => {
      const s = await filled();
      const counts = new Map(await s.items.placeCounts());
      expect(counts.get('HN')).toBe(2);
      expect(counts.get('GT')).toBe(2);
      expect(counts.get('central-america')).toBe(4);
      expect(counts.get('caribbean')).toBe(1);
      expect([...counts.keys()].some((k) => k.startsWith('#'))).toBe(false);
      const list = await s.items.placeCounts();
      expect(list[0]).toEqual(['central-america', 4]);
      expect(list.findIndex(([k]) => k === 'GT')).toBeLessThan(list.findIndex(([k]) => k === 'HN'));
    });

    it('searches titles and summaries, ranked', async () => {
      const s = await filled();
      await s.items.searchReady();
      const labour = await s.items.search('labour', { limit: 10 });
      expect(labour.total).toBe(2);
      expect(ids(labour).sort()).toEqual(['b', 'c']);
      expect(ids(await s.items.search('remittances honduras', { limit: 10 }))[0]).toBe('a');
      expect((await s.items.search('nothing like it', { limit: 10 })).total).toBe(0);
    });

    it('gets items by id, gives a window of seqs, and finds items by identity', async () => {
      const s = await filled();
      expect((await s.items.get(['c', 'zz', 'a'])).map((i) => i.id).sort()).toEqual(['a', 'c']);
      expect((await s.items.window(1, 4)).map((i) => i.id)).toEqual(['b', 'c', 'd']);
      expect((await s.items.window(0, 5, ['HN'])).map((i) => i.id)).toEqual(['a', 'c']);
      expect((await s.items.window(0, 5, ['caribbean', '#remittances'])).map((i) => i.id)).toEqual([
        'a',
        'd',
      ]);
      expect(await s.items.window(5, 5)).toEqual([]);
      const [a] = await s.items.get(['a']);
      const keys = itemFiling.keys(a).identity;
      const found = await s.items.findByIdentity([...keys, 12345]);
      expect([...found.entries()]).toEqual(keys.map((k) => [k, 'a']));
    });

    it('an updated item is found by its new words and place, and keeps its seq', async () => {
      const s = await filled();
      const [b] = await s.items.get(['b']);
      await s.saveItems(
        { added: [], updated: [{ ...b, title: 'Belize opens a labour office', countries: ['BZ'] }] },
        now,
      );
      expect(ids(await s.items.byPlaces(['BZ'], { limit: 10 }))).toEqual(['b']);
      expect(await s.items.byPlaces(['GT'], { limit: 10 })).toMatchObject({ total: 1 });
      await s.items.searchReady();
      expect(ids(await s.items.search('belize', { limit: 10 }))).toEqual(['b']);
      expect((await s.items.get(['b']))[0]).toMatchObject({ seq: 2, title: 'Belize opens a labour office' });
      expect(await s.items.count()).toBe(5);
    });
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
