import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { accessError } from './file-errors.js';

export type LockResult = { ok: true; release: () => void } | { ok: false; owner: number; file: string };

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid in the lock file; undefined when it has gone (released between two steps). */
function readOwner(file: string): number | undefined {
  try {
    return Number.parseInt(readFileSync(file, 'utf8'), 10);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw accessError(file, err, 'lock', 'read');
  }
}

/**
 * One scheduler per store: the lock file holds the owner's pid. A lock whose process is gone
 * (a crash, a kill -9) is stale and taken over. A lock file that cannot be made or read (a
 * folder in its place, a permission) is a StoreError naming it.
 */
export function acquireLock(file: string): LockResult {
  const ours = { ok: true, release: () => releaseIfOurs(file) } as const;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      return ours;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw accessError(file, err, 'lock', 'write');
    }
    const owner = readOwner(file);
    if (owner === undefined) continue;
    if (owner === process.pid) return ours;
    if (Number.isInteger(owner) && owner > 0 && alive(owner)) return { ok: false, owner, file };
    // Stale: replace it in one rename, then check that we, not a racing process, hold it.
    const tmp = `${file}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, `${process.pid}\n`);
      renameSync(tmp, file);
    } catch (err) {
      throw accessError(file, err, 'lock', 'write');
    }
    if (readOwner(file) === process.pid) return ours;
  }
  const owner = readOwner(file) ?? Number.NaN;
  return { ok: false, owner, file };
}

function releaseIfOurs(file: string): void {
  try {
    if (Number.parseInt(readFileSync(file, 'utf8'), 10) === process.pid) unlinkSync(file);
  } catch {
    // already gone
  }
}

/** The pid of a live process holding the lock at `file`, if one does (a stale lock counts as none). */
export function liveLockOwner(file: string): number | undefined {
  const owner = readOwner(file);
  return owner !== undefined && Number.isInteger(owner) && owner > 0 && owner !== process.pid && alive(owner)
    ? owner
    : undefined;
}
