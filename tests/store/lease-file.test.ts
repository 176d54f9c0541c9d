/**
 * The lowdb store's scheduler lease (store/lease-file.ts) on the real file system. Two stores
 * opened on one path in this process stand for two processes: the lease never asks which
 * process holds it, so they exclude each other as two processes would.
 */
import { existsSync, mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { NewsStore, SchedulerLease } from '../../src/ports.js';
import { createLeaseFile, LEASE_STALE_MS } from '../../store/lease-file.js';
import { storeFiles } from '../../store/lowdb-store.js';
import { lowdbStore } from '../helpers/stores.js';
import { tempDb } from '../helpers/temp.js';

const leases: SchedulerLease[] = [];
afterEach(async () => {
  for (const l of leases.splice(0)) await l.release();
});

async function open(db: string): Promise<NewsStore> {
  const store = await lowdbStore(db);
  leases.push(store.lease());
  return store;
}

describe('the lowdb scheduler lease', () => {
  it('one holder at a time: the other is told who holds it (pid and host), and gets it once released', async () => {
    const db = tempDb();
    const [a, b] = [await open(db), await open(db)];
    expect(await a.lease().acquire()).toEqual({ ok: true });
    expect(a.lease().held()).toBe(true);
    expect(statSync(storeFiles(db).lock).isDirectory()).toBe(true);

    const refused = await b.lease().acquire();
    expect(refused.ok).toBe(false);
    const holder = `pid ${process.pid} on ${hostname()}, since `;
    expect(!refused.ok && refused.holder).toContain(holder);
    expect(b.lease().held()).toBe(false);
    expect(await b.lease().heldElsewhere()).toContain(holder);
    expect(await a.lease().heldElsewhere()).toBeUndefined();
    // Taking it again while held is no change.
    expect(await a.lease().acquire()).toEqual({ ok: true });

    await a.lease().release();
    expect(a.lease().held()).toBe(false);
    expect(existsSync(storeFiles(db).lock)).toBe(false);
    expect(existsSync(storeFiles(db).lockHolder)).toBe(false);
    expect(await b.lease().heldElsewhere()).toBeUndefined();
    expect(await b.lease().acquire()).toEqual({ ok: true });
    expect(await a.lease().heldElsewhere()).toContain(holder);
  });

  it('a lease its holder stopped renewing (killed, its machine gone) is taken over', async () => {
    const db = tempDb();
    const files = storeFiles(db);
    mkdirSync(files.lock);
    writeFileSync(files.lockHolder, 'pid 1 on another-host, since 2026-11-30T15:00:00.000Z\n');
    const then = new Date(Date.now() - LEASE_STALE_MS - 5_000);
    utimesSync(files.lock, then, then);
    const store = await open(db);
    expect(await store.lease().heldElsewhere()).toBeUndefined();
    expect(await store.lease().acquire()).toEqual({ ok: true });
    expect(readFileSync(files.lockHolder, 'utf8')).toContain(`pid ${process.pid} on ${hostname()}`);
  });

  it('one renewed within the stale time is not, whatever process id its holder line names', async () => {
    const db = tempDb();
    const files = storeFiles(db);
    mkdirSync(files.lock);
    // Our own pid: two containers whose node runs as pid 1 share it, and a pid check would take this as ours.
    writeFileSync(files.lockHolder, `pid ${process.pid} on ${hostname()}, since 2026-11-30T15:00:00.000Z\n`);
    const store = await open(db);
    expect(await store.lease().acquire()).toEqual({
      ok: false,
      holder: `pid ${process.pid} on ${hostname()}, since 2026-11-30T15:00:00.000Z`,
    });
    expect(statSync(files.lock).isDirectory()).toBe(true);
  });

  it('the pid file an earlier version left at the lock path is replaced by the lease', async () => {
    const db = tempDb();
    writeFileSync(storeFiles(db).lock, '2147483000\n');
    const store = await open(db);
    expect(await store.lease().acquire()).toEqual({ ok: true });
    expect(statSync(storeFiles(db).lock).isDirectory()).toBe(true);
  });

  it('a holder whose lease was taken from it (it stalled past the stale time) is told it lost it', async () => {
    const db = tempDb();
    const files = storeFiles(db);
    const lease = createLeaseFile({
      dbPath: db,
      lockPath: files.lock,
      holderPath: files.lockHolder,
      staleMs: 2_000,
      updateMs: 1_000,
    });
    leases.push(lease);
    const lost = new Promise<string>((resolve) => lease.onLost(resolve));
    expect(await lease.acquire()).toEqual({ ok: true });
    // What another process does when it takes over a lease it found stale: a new folder, a new time.
    const later = new Date(Date.now() + 60_000);
    utimesSync(files.lock, later, later);
    expect(await lost).toMatch(/Unable to update lock within the stale threshold/);
    expect(lease.held()).toBe(false);
    // Not ours any more: releasing it leaves the other's folder alone.
    await lease.release();
    expect(existsSync(files.lock)).toBe(true);
  });

  it('the lock path blocked by something the store cannot replace: a StoreError naming it', async () => {
    const db = tempDb();
    const files = storeFiles(db);
    // A folder whose renewal time is fresh but which is no lease: mkdir fails on it, and it is never taken.
    mkdirSync(files.lock);
    writeFileSync(path.join(files.lock, 'inside'), 'x');
    const then = new Date(Date.now() - LEASE_STALE_MS - 5_000);
    utimesSync(files.lock, then, then);
    const store = await open(db);
    const err = await store
      .lease()
      .acquire()
      .then(
        () => undefined,
        (e: Error) => e,
      );
    expect(err?.name).toBe('StoreError');
    expect(err?.message).toContain(`The store file ${files.lock} cannot be opened`);
    expect(readFileSync(path.join(files.lock, 'inside'), 'utf8')).toBe('x');
  });
});
