import { open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { StoreError } from '../src/ports.js';
import { accessError, StoreAccessError, writeError, type StoreFileRole } from './file-errors.js';

/** The temporary file a store file is written to before it takes the file's place: `.name.tmp` beside it. */
const tempOf = (file: string) => path.join(path.dirname(file), `.${path.basename(file)}.tmp`);

/**
 * Writes `file` whole: its pieces to a temporary file beside it, then renamed over it, so that a
 * crash leaves the old file or the new, never half of one. A failure (a full disk) removes the
 * temporary file, leaves the old file as it was, and is a StoreWriteError naming the file.
 */
export async function writeWhole(file: string, pieces: Iterable<string>, role: StoreFileRole): Promise<void> {
  const tmp = tempOf(file);
  try {
    const fh = await open(tmp, 'w');
    try {
      for (const piece of pieces) await fh.write(piece);
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => {});
    throw writeError(file, err, role);
  }
}

/**
 * The most of a file the store reads as one string (the state file, the ledger, an archive
 * written by hand). The service's own files stay far below it (chats and sources take a few MB
 * for thousands of chats; the ledger is compacted): a larger one is not one it wrote, and
 * reading it would run out of memory, or past the longest string JavaScript holds (512 MB).
 */
export const MAX_READ_BYTES = 128 * 1024 * 1024;
/** The most of an item archive the store reads a line at a time: 100,000 items take about 100 MB. */
export const MAX_ARCHIVE_BYTES = 512 * 1024 * 1024;

const mb = (bytes: number) => `${Math.round(bytes / (1024 * 1024)).toLocaleString('en')} MB`;

/** What is wrong with a file of `bytes` for a limit of `limit`, or undefined when it is within it. Pure. */
export function sizeProblem(bytes: number, limit: number): string | undefined {
  if (bytes <= limit) return undefined;
  return `it is ${mb(bytes)}, more than the ${mb(limit)} the store reads`;
}

/**
 * Refuses, before reading anything, a store file the service cannot read whole: one larger than
 * `limit`. A missing file is left to the read, which knows what that means.
 */
export async function checkSize(file: string, role: StoreFileRole, limit: number): Promise<void> {
  let size: number;
  try {
    const st = await stat(file);
    if (!st.isFile()) return;
    size = st.size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw accessError(file, err, role);
  }
  const problem = sizeProblem(size, limit);
  if (problem)
    throw new StoreAccessError(
      file,
      problem,
      'A file that large is not one the service wrote: restore it from a backup, or move it aside to start with an empty store. ' +
        'A store that large belongs in PostgreSQL (NEWSBOT_DB=postgres://…).',
    );
}

/**
 * The text of a store file read whole, or undefined when there is none. Anything that stops the
 * read (too large, a folder, a permission, a read error) is a StoreError naming the file.
 */
export async function readWhole(file: string, role: StoreFileRole): Promise<string | undefined> {
  await checkSize(file, role, MAX_READ_BYTES);
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw unreadable(file, err, role);
  }
}

/** A read that failed, as a StoreError naming the file, whatever the failure (a RangeError of a huge file too). */
export function unreadable(file: string, err: unknown, role: StoreFileRole): unknown {
  if (err instanceof StoreError) return err;
  const mapped = accessError(file, err, role);
  if (mapped !== err) return mapped;
  return new StoreAccessError(
    file,
    `it could not be read (${(err as Error)?.message ?? String(err)})`,
    'Restore it from a backup, or move it aside to start with an empty store.',
  );
}
