/**
 * Telegram in webhook mode on the PostgreSQL store, where instances share the request log: an
 * update delivered again is run once, and one whose instance died while answering it is answered
 * by the instance the next delivery reaches.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { makeCore } from '../helpers/core.js';
import { hasPg, pgStores } from '../helpers/pg.js';
import { message, privateChat, setup, users, type TgSetup } from './setup.js';

const HOOK = { path: '/telegram/hook', secret: 'redelivery-secret' };

describe.skipIf(!hasPg)('a Telegram update delivered again, instances sharing a database', () => {
  const stores = pgStores();
  let s: TgSetup | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });
  afterAll(() => stores.close());

  it('is run once when the first delivery was answered', async () => {
    const store = await stores.open();
    s = await setup({ webhook: HOOK, core: await makeCore({ store }) });
    await s.adapter.start();
    const update = message(privateChat(users.dan), users.dan, '/subscribe Honduras');
    expect(await s.fake.deliver(update)).toBe(200);
    expect(await s.fake.deliver(update)).toBe(200);
    expect(s.texts(users.dan.id)).toHaveLength(1);
    expect(s.texts(users.dan.id)[0]).toMatch(/Honduras/);
  });

  it('is answered when the instance that took it died before answering', async () => {
    const store = await stores.open();
    s = await setup({ webhook: HOOK, core: await makeCore({ store }) });
    await s.adapter.start();
    const update = message(privateChat(users.bob), users.bob, '/country honduras');
    // What an instance killed mid-answer leaves: the update taken, not answered, its renewals
    // stopped a minute ago.
    await store.pool.query(
      `INSERT INTO requests (key, seen_at, answering) VALUES ($1, now() - interval '1 minute', true)`,
      [`telegram:update:${update.update_id}`],
    );
    expect(await s.fake.deliver(update)).toBe(200);
    expect(s.texts(users.bob.id)).toHaveLength(1);
    expect(s.texts(users.bob.id)[0]).toMatch(/^News about Honduras/);
    const row = await store.pool.query('SELECT answering FROM requests WHERE key = $1', [
      `telegram:update:${update.update_id}`,
    ]);
    expect(row.rows).toEqual([{ answering: false }]);
  });
});
