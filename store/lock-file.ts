import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';

export type LockResult = { ok: true; release: () => void } | { ok: false; owner: number; file: string };

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One scheduler per store: the lock file holds the owner's pid. A lock whose process is gone
 * (a crash, a kill -9) is stale and taken over.
 */
export function acquireLock(file: string): LockResult {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      return { ok: true, release: () => releaseIfOurs(file) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let owner = NaN;
    try {
      owner = Number.parseInt(readFileSync(file, 'utf8'), 10);
    } catch {
      continue;
    }
    if (owner === process.pid) return { ok: true, release: () => releaseIfOurs(file) };
    if (Number.isInteger(owner) && owner > 0 && alive(owner)) return { ok: false, owner, file };
    // Stale: replace it in one rename, then check that we, not a racing process, hold it.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${process.pid}\n`);
    renameSync(tmp, file);
    if (Number.parseInt(readFileSync(file, 'utf8'), 10) === process.pid) return { ok: true, release: () => releaseIfOurs(file) };
  }
  const owner = Number.parseInt(readFileSync(file, 'utf8'), 10);
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
  let owner: number;
  try {
    owner = Number.parseInt(readFileSync(file, 'utf8'), 10);
  } catch {
    return undefined;
  }
  return Number.isInteger(owner) && owner > 0 && owner !== process.pid && alive(owner) ? owner : undefined;
}
