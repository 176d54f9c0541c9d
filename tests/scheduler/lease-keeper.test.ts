/**
 * The lease keeper (src/digest/lease-keeper.ts) over real lowdb leases: two leases on one store
 * path in this process stand for two services on one store.
 */
import { rmdirSync, utimesSync } from 'node:fs';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createLeaseKeeper, type LeaseKeeper } from '../../src/digest/lease-keeper.js';
import type { SchedulerLease } from '../../src/ports.js';
import { createLeaseFile } from '../../store/lease-file.js';
import { storeFiles } from '../../store/lowdb-store.js';
import { tempDb } from '../helpers/temp.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

function leaseOn(db: string, quick = false): SchedulerLease {
  const files = storeFiles(db);
  const lease = createLeaseFile({
    dbPath: db,
    lockPath: files.lock,
    holderPath: files.lockHolder,
    ...(quick ? { staleMs: 2_000, updateMs: 1_000 } : {}),
  });
  cleanup.push(() => lease.release());
  return lease;
}

/** A keeper whose work records its starts and stops, and whose log is kept. */
function keeperOn(lease: SchedulerLease) {
  const events: string[] = [];
  const lines: { level: number; msg: string; holder?: string }[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  let starts = 0;
  /** per start, whether it took the work over from another process */
  const takeovers: boolean[] = [];
  const keeper: LeaseKeeper = createLeaseKeeper({
    lease,
    log: pino({ level: 'warn' }, { write: (s: string) => void lines.push(JSON.parse(s)) }),
    retryMs: 20,
    async start({ takeover }) {
      events.push('start');
      takeovers.push(takeover);
      starts++;
      for (const w of waiters.filter((w) => starts >= w.n)) w.resolve();
    },
    async stop() {
      events.push('stop');
    },
  });
  cleanup.push(() => keeper.stop());
  const started = (n: number) => new Promise<void>((resolve) => waiters.push({ n, resolve }));
  return { keeper, events, lines, started, takeovers };
}

describe('the lease keeper', () => {
  it('the first runs the work; the second waits, says who holds it, and takes over once it is released', async () => {
    const db = tempDb();
    const aLease = leaseOn(db);
    const bLease = leaseOn(db);
    const a = keeperOn(aLease);
    const b = keeperOn(bLease);
    await a.keeper.keep();
    expect(a.events).toEqual(['start']);
    expect(a.keeper.waiting()).toBe(false);

    await b.keeper.keep();
    expect(b.events).toEqual([]);
    expect(b.keeper.waiting()).toBe(true);
    expect(b.lines[0].msg).toMatch(/another newsbot sends the digests of this store/);
    expect(b.lines[0].holder).toContain(`pid ${process.pid} on `);

    const takenOver = b.started(1);
    await a.keeper.stop();
    expect(a.events).toEqual(['start', 'stop']);
    await aLease.release();
    await takenOver;
    expect(b.events).toEqual(['start']);
    // the first started at its own start; the second took over, and so reads the sources at once
    expect(a.takeovers).toEqual([false]);
    expect(b.takeovers).toEqual([true]);
    expect(b.keeper.waiting()).toBe(false);
    expect(bLease.held()).toBe(true);
    expect(b.lines.map((l) => l.msg)).toContain(
      'the other newsbot let go of the store: this one now polls the sources and sends the digests',
    );
  });

  it('a lease lost while held stops the work, which starts again once the lease is back', async () => {
    const db = tempDb();
    const lease = leaseOn(db, true);
    const k = keeperOn(lease);
    await k.keeper.keep();
    const again = k.started(2);
    // The lease folder gone (removed by hand, or taken over and released by another): lost.
    rmdirSync(storeFiles(db).lock);
    await again;
    expect(k.events).toEqual(['start', 'stop', 'start']);
    expect(k.lines.map((l) => l.msg)).toContain(
      'this newsbot lost the scheduler lease of its store: it stops sending digests and polling sources, and waits to take it again',
    );
    expect(lease.held()).toBe(true);
  });

  it('while another holds the lease, a lost lease leaves the work stopped and the keeper waiting', async () => {
    const db = tempDb();
    const lease = leaseOn(db, true);
    const k = keeperOn(lease);
    await k.keeper.keep();
    const lost = new Promise<void>((resolve) => lease.onLost(() => resolve()));
    // Another process found it stale and took it: a fresh time that is not the holder's.
    const later = new Date(Date.now() + 60_000);
    utimesSync(storeFiles(db).lock, later, later);
    await lost;
    expect(k.keeper.waiting()).toBe(true);
    await k.keeper.stop();
    expect(k.events).toEqual(['start', 'stop']);
  });

  it('stopped while waiting: asks no more, and never starts the work', async () => {
    const db = tempDb();
    const holder = leaseOn(db);
    expect(await holder.acquire()).toEqual({ ok: true });
    const stopped = counted(leaseOn(db));
    const waiting = counted(leaseOn(db));
    const k = keeperOn(stopped.lease);
    const other = keeperOn(waiting.lease);
    await k.keeper.keep();
    await other.keeper.keep();
    await k.keeper.stop();
    const asked = stopped.calls();
    // Three more asks of the other, on the same 20 ms interval: the stopped one would have asked too.
    await waiting.reach(waiting.calls() + 3);
    expect(stopped.calls()).toBe(asked);
    const takenOver = other.started(1);
    await holder.release();
    await takenOver;
    expect(stopped.calls()).toBe(asked);
    expect(stopped.lease.held()).toBe(false);
    expect(k.events).toEqual([]);
  });
});

/** A lease whose acquire() calls are counted, with a promise for the nth. */
function counted(lease: SchedulerLease) {
  let calls = 0;
  const waiters: { n: number; resolve: () => void }[] = [];
  return {
    lease: {
      ...lease,
      acquire() {
        calls++;
        for (const w of waiters.filter((w) => calls >= w.n)) w.resolve();
        return lease.acquire();
      },
    } satisfies SchedulerLease,
    calls: () => calls,
    reach: (n: number) => new Promise<void>((resolve) => waiters.push({ n, resolve })),
  };
}
