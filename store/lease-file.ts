import fs from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import type { SchedulerLease } from '../src/ports.js';
import { accessError } from './file-errors.js';

/**
 * How long a lease may go unrenewed before it counts as abandoned (its holder was killed, or its
 * machine went away), and how often the holder renews it. Twenty seconds is four missed renewals:
 * a holder whose event loop stalls (a first start indexing 100,000 items takes 2–3 s, a busy
 * shared machine more) keeps its lease, while a service waiting for a dead holder takes over
 * within half a minute (it asks every LEASE_RETRY_MS), inside the minute the README promises.
 */
export const LEASE_STALE_MS = 20_000;
const LEASE_UPDATE_MS = 5_000;

export interface LeaseFileOptions {
  /** the store's main file: the lease is its */
  dbPath: string;
  /** the lock folder (`newsbot.lock`) */
  lockPath: string;
  /** a line naming the holder (pid, host, since when), for the messages of those refused */
  holderPath: string;
  /** LEASE_STALE_MS and LEASE_UPDATE_MS unless a test needs a lease lost sooner (at least 2,000 and 1,000) */
  staleMs?: number;
  updateMs?: number;
}

/**
 * The lowdb store's scheduler lease, on proper-lockfile: a folder made with an atomic mkdir
 * (one process wins, on one machine or on a shared volume), whose modification time the holder
 * renews; one not renewed within LEASE_STALE_MS is taken over. No process id is trusted: two
 * containers whose node runs as pid 1 on one volume, or a pid reused by another program, cannot
 * both hold it. Process ids appear only in the holder line, to tell a person which one to stop.
 */
export function createLeaseFile(o: LeaseFileOptions): SchedulerLease {
  const opts = {
    lockfilePath: path.resolve(o.lockPath),
    // The state file need not exist yet (a new store): proper-lockfile's realpath would fail on it.
    realpath: false,
    stale: o.staleMs ?? LEASE_STALE_MS,
    // node:fs rather than proper-lockfile's graceful-fs, so that the tests' stand-in for a
    // permission the system would refuse (tests/store/store-permissions.test.ts) reaches it too.
    fs,
  };
  let release: (() => Promise<void>) | undefined;
  const lostListeners: ((reason: string) => void)[] = [];

  const holder = (): string => {
    try {
      const line = fs.readFileSync(o.holderPath, 'utf8').trim();
      if (line) return line;
    } catch {
      // not written yet, or already gone: the lock folder still says someone holds it
    }
    return `its lease ${o.lockPath} was renewed in the last ${opts.stale / 1000} s`;
  };

  // Versions before the lease kept a pid in a plain file at the lock's path; mkdir would fail
  // on it for ever. It is removed: stop a service of such a version before starting this one.
  const removeOldPidFile = () => {
    try {
      if (fs.lstatSync(o.lockPath).isFile()) fs.unlinkSync(o.lockPath);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
        throw accessError(o.lockPath, err, 'lock', 'write');
    }
  };

  return {
    async acquire() {
      if (release) return { ok: true };
      removeOldPidFile();
      try {
        release = await lockfile.lock(o.dbPath, {
          ...opts,
          update: o.updateMs ?? LEASE_UPDATE_MS,
          onCompromised: (err) => {
            release = undefined;
            for (const l of lostListeners) l(err.message);
          },
        });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ELOCKED') return { ok: false, holder: holder() };
        throw accessError(o.lockPath, err, 'lock', 'write');
      }
      try {
        fs.writeFileSync(
          o.holderPath,
          `pid ${process.pid} on ${hostname()}, since ${new Date().toISOString()}\n`,
        );
      } catch {
        // only the messages of those refused lose their detail
      }
      return { ok: true };
    },
    async release() {
      const r = release;
      if (!r) return;
      release = undefined;
      try {
        fs.rmSync(o.holderPath, { force: true });
      } catch {
        // a stale line is only a detail of a message, and the next holder writes its own
      }
      await r().catch(() => {
        // already lost (ECOMPROMISED) or removed: either way no longer ours
      });
    },
    held: () => release !== undefined,
    onLost(listener) {
      lostListeners.push(listener);
    },
    async heldElsewhere() {
      if (release) return undefined;
      let locked: boolean;
      try {
        locked = await lockfile.check(o.dbPath, opts);
      } catch (err) {
        throw accessError(o.lockPath, err, 'lock', 'read');
      }
      return locked ? holder() : undefined;
    },
  };
}
