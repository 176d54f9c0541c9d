/**
 * The shared request log (store/pg/requests.ts) between instances on one database: a repeat of
 * an answered request is dropped; a repeat of one still being answered waits, then is dropped
 * once it is answered, or taken over once the instance answering it has died.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { hasPg, pgStores } from '../helpers/pg.js';

// Short, so a test waits well under a second for an abandoned request; renewals come often enough
// that a live instance never looks dead.
const REQUESTS = { renewMs: 50, abandonedMs: 600, checkMs: 20 };

describe.skipIf(!hasPg)('the shared request log', () => {
  const stores = pgStores();
  afterAll(() => stores.close());

  const row = async (key: string) => {
    const store = await stores.again();
    const r = await store.pool.query('SELECT answering, seen_at FROM requests WHERE key = $1', [key]);
    await store.close();
    return r.rows[0] as { answering: boolean; seen_at: Date } | undefined;
  };

  it('takes a request once, whichever instance it reaches, and drops the repeats once it is answered', async () => {
    const a = await stores.open({ requests: REQUESTS });
    const b = await stores.again({ requests: REQUESTS });
    expect(await a.requests!.firstTime('telegram:update:1')).toBe(true);
    await a.requests!.answered('telegram:update:1');
    expect(await b.requests!.firstTime('telegram:update:1')).toBe(false);
    expect(await a.requests!.firstTime('telegram:update:1')).toBe(false);
    expect(await row('telegram:update:1')).toMatchObject({ answering: false });
    // a key older than the window is a new request
    const later = new Date(Date.now() + 11 * 60_000);
    expect(await b.requests!.firstTime('telegram:update:1', later)).toBe(true);
  });

  it('holds a repeat while the first is answered, however long it takes, then drops it', async () => {
    const a = await stores.open({ requests: REQUESTS });
    const b = await stores.again({ requests: REQUESTS });
    expect(await a.requests!.firstTime('slack:command:slow')).toBe(true);
    const taken = (await row('slack:command:slow'))!.seen_at.getTime();
    let settled = false;
    const repeat = b.requests!.firstTime('slack:command:slow').finally(() => (settled = true));
    // The first answer goes on past the abandoned time, its instance renewing it meanwhile.
    for (;;) {
      const now = await row('slack:command:slow');
      if (now!.seen_at.getTime() > taken + 2 * REQUESTS.abandonedMs) break;
      await a.pool.query('SELECT pg_sleep(0.05)');
    }
    expect(settled).toBe(false);
    await a.requests!.answered('slack:command:slow');
    expect(await repeat).toBe(false);
  });

  it('drops a repeat once it has waited its longest for an answer that never ends', async () => {
    const a = await stores.open({ requests: REQUESTS });
    const b = await stores.again({ requests: { ...REQUESTS, maxWaitMs: 2 * REQUESTS.abandonedMs } });
    expect(await a.requests!.firstTime('telegram:update:stuck')).toBe(true);
    // a is alive and renews it all along, so it is never abandoned
    expect(await b.requests!.firstTime('telegram:update:stuck')).toBe(false);
    expect(await row('telegram:update:stuck')).toMatchObject({ answering: true });
    await a.requests!.answered('telegram:update:stuck');
  });

  it('gives a request whose instance died before answering to the next delivery of it', async () => {
    const a = await stores.open({ requests: REQUESTS });
    const b = await stores.again({ requests: REQUESTS });
    expect(await a.requests!.firstTime('telegram:update:7')).toBe(true);
    // Killed mid-answer: its renewals stop, and its row stays as it was.
    await a.close();
    expect(await b.requests!.firstTime('telegram:update:7')).toBe(true);
    expect(await row('telegram:update:7')).toMatchObject({ answering: true });
    await b.requests!.answered('telegram:update:7');
    expect(await b.requests!.firstTime('telegram:update:7')).toBe(false);
  });
});
