import type pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { Delivery } from '../../src/ports.js';
import { gatheredDeliveryWrites } from '../../store/pg/ledger-writes.js';
import { hasPg, pgStores } from '../helpers/pg.js';

const delivery = (chat: number, state: Delivery['state'] = 'pending'): Delivery => ({
  id: `telegram:${chat}@2026-11-30T15:00:00.000Z`,
  chatKey: `telegram:${chat}`,
  dueAt: '2026-11-30T15:00:00.000Z',
  fromSeq: 0,
  toSeq: 10,
  itemIds: ['a', 'b'],
  more: 0,
  sent: [],
  state,
  createdAt: '2026-11-30T15:00:01.000Z',
  updatedAt: '2026-11-30T15:00:01.000Z',
});

/** The pool, counting the statements sent through it. */
function counted(pool: pg.Pool) {
  const seen = { statements: 0 };
  const query = ((...args: Parameters<pg.Pool['query']>) => {
    seen.statements++;
    return (pool.query as (...a: unknown[]) => unknown)(...args);
  }) as pg.Pool['query'];
  return { pool: { query } as pg.Pool, seen };
}

describe.skipIf(!hasPg)('ledger writes on PostgreSQL', () => {
  const pg = pgStores();
  afterAll(() => pg.close());

  it('gathers the writes of digests under way at once into few statements, each settled once committed', async () => {
    const store = await pg.open();
    const { pool, seen } = counted(store.pool);
    const save = gatheredDeliveryWrites(pool);
    await Promise.all(Array.from({ length: 40 }, (_, i) => save(delivery(i))));
    // the first alone, the 39 that came while it was written together
    expect(seen.statements).toBe(2);
    expect((await store.deliveries()).map((d) => d.chatKey).sort()).toEqual(
      Array.from({ length: 40 }, (_, i) => `telegram:${i}`).sort(),
    );
    expect(await store.deliveries('telegram:7')).toEqual([delivery(7)]);

    // Two writes of one delivery in one statement: the later wins, as one by one.
    await Promise.all([save(delivery(100)), save(delivery(101)), save(delivery(101, 'sent'))]);
    expect((await store.deliveries('telegram:101')).map((d) => d.state)).toEqual(['sent']);
  });

  it('fails every write of a statement that fails, and goes on with the next', async () => {
    const store = await pg.open();
    const save = gatheredDeliveryWrites(store.pool);
    const bad = { ...delivery(1), chatKey: null as unknown as string };
    const first = save(delivery(0));
    const failing = [save(bad), save(delivery(2))];
    await first;
    for (const f of failing) await expect(f).rejects.toThrow(/chat_key/);
    await save(delivery(3));
    expect((await store.deliveries()).map((d) => d.chatKey).sort()).toEqual(['telegram:0', 'telegram:3']);
  });
});
