/**
 * A store file larger than the store reads: refused by its size before a byte is read. The files
 * are sparse (truncated to their size), so a 600 MB one costs no disk and no time.
 */
import { readdirSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../src/ports.js';
import { storeFiles } from '../../store/lowdb-store.js';
import { MAX_ARCHIVE_BYTES, MAX_READ_BYTES, sizeProblem, unreadable } from '../../store/whole-file.js';
import { startupFailure } from '../helpers/run.js';
import { lowdbStore } from '../helpers/stores.js';
import { tempDir } from '../helpers/temp.js';

const MB = 1024 * 1024;
const dir = () => tempDir('nb-too-large');
const sparse = (file: string, bytes: number) => {
  writeFileSync(file, '');
  truncateSync(file, bytes);
};

describe('sizeProblem', () => {
  it('passes a file up to the limit, and refuses one byte more, saying both sizes', () => {
    expect(sizeProblem(0, MAX_READ_BYTES)).toBeUndefined();
    expect(sizeProblem(MAX_READ_BYTES, MAX_READ_BYTES)).toBeUndefined();
    expect(sizeProblem(MAX_READ_BYTES + 1, MAX_READ_BYTES)).toBe(
      'it is 128 MB, more than the 128 MB the store reads',
    );
    expect(sizeProblem(600 * MB, MAX_READ_BYTES)).toBe('it is 600 MB, more than the 128 MB the store reads');
  });
});

describe('a store file too large to read', () => {
  it.each([
    ['state file', 'state', 600 * MB, 'it is 600 MB, more than the 128 MB the store reads'],
    ['item archive', 'items', MAX_ARCHIVE_BYTES + MB, 'it is 513 MB, more than the 512 MB the store reads'],
    ['delivery ledger', 'ledger', MAX_READ_BYTES + MB, 'it is 129 MB, more than the 128 MB the store reads'],
  ] as const)(
    'the %s: a StoreError naming it, its size and what to do; nothing written',
    async (_what, which, bytes, problem) => {
      const d = dir();
      const db = path.join(d, 'newsbot.json');
      const file = storeFiles(db)[which];
      sparse(file, bytes);
      const err = await lowdbStore(db).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(StoreError);
      expect((err as Error).message).toContain(`The store file ${file} cannot be opened: ${problem}.`);
      expect((err as Error).message).toMatch(/restore it from a backup, or move it aside.*PostgreSQL/);
      expect(readdirSync(d)).toEqual([path.basename(file)]);
      expect(statSync(file).size).toBe(bytes);
    },
  );

  it('the service stops on a 600 MB newsbot.json with that message, no stack trace, exit 2', async () => {
    const d = dir();
    const db = path.join(d, 'newsbot.json');
    sparse(db, 600 * MB);
    const r = await startupFailure({ NEWSBOT_DB: db });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(`^newsbot: The store file ${db} cannot be opened: it is 600 MB, more than the 128 MB`),
    );
    expect(r.stderr).not.toMatch(/\n\s+at |RangeError/);
    expect(statSync(db).size).toBe(600 * MB);
  });
});

describe('unreadable: a read that failed, whatever the failure', () => {
  it('is a StoreError naming the file, a RangeError of a string too long included', () => {
    const err = unreadable('/data/newsbot.json', new RangeError('Invalid string length'), 'state');
    expect(err).toBeInstanceOf(StoreError);
    expect((err as Error).message).toContain(
      'The store file /data/newsbot.json cannot be opened: it could not be read (Invalid string length).',
    );
    const eio = Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });
    expect((unreadable('/data/newsbot.json', eio, 'state') as Error).message).toContain(
      'The store file /data/newsbot.json cannot be opened: EIO: i/o error, read.',
    );
    const already = new StoreError('/data/newsbot.json', 'it is empty');
    expect(unreadable('/data/newsbot.json', already, 'state')).toBe(already);
  });
});
