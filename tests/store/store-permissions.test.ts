/**
 * Permission denied on a store file. The tests run as root, which reads any file whatever its
 * mode, so the file system's answer is stood in for: reads and writes of the paths in `denied`
 * fail with EACCES, as they would for a user without the right.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { StoreError } from '../../src/ports.js';
import { storeFiles } from '../../store/lowdb-store.js';
import { lowdbStore } from '../helpers/stores.js';
import { tempDir } from '../helpers/temp.js';

const denied = new Set<string>();
const eacces = (p: unknown, syscall = 'open') =>
  Object.assign(new Error(`EACCES: permission denied, ${syscall} '${String(p)}'`), {
    code: 'EACCES',
    errno: -13,
    syscall,
    path: String(p),
  });

vi.mock('node:fs/promises', async (importOriginal) => {
  const fsp = await importOriginal<typeof import('node:fs/promises')>();
  const readFile = ((p: unknown, ...rest: unknown[]) =>
    denied.has(String(p))
      ? Promise.reject(eacces(p))
      : (fsp.readFile as any)(p, ...rest)) as typeof fsp.readFile;
  return { ...fsp, readFile, default: { ...fsp, readFile } };
});

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const createReadStream = ((p: unknown, ...rest: unknown[]) => {
    if (!denied.has(String(p))) return (fs.createReadStream as any)(p, ...rest);
    // As fs does: the stream is made, and fails when it opens the file.
    const r = new Readable({ read() {} });
    process.nextTick(() => r.destroy(eacces(p)));
    return r;
  }) as typeof fs.createReadStream;
  const guard =
    (f: (...a: any[]) => any) =>
    (p: unknown, ...rest: unknown[]) => {
      if (denied.has(String(p))) throw eacces(p);
      return f(p, ...rest);
    };
  const readFileSync = guard(fs.readFileSync) as typeof fs.readFileSync;
  // proper-lockfile, which the scheduler lease stands on, calls the callback forms.
  const guardCb =
    (f: (...a: any[]) => any, syscall: string) =>
    (p: unknown, ...rest: any[]) => {
      if (!denied.has(String(p))) return f(p, ...rest);
      const cb = rest[rest.length - 1];
      process.nextTick(() => cb(eacces(p, syscall)));
    };
  const mkdir = guardCb(fs.mkdir, 'mkdir') as typeof fs.mkdir;
  const stat = guardCb(fs.stat, 'stat') as typeof fs.stat;
  // Creating a file that is there already fails as there (EEXIST) before any permission is asked.
  const writeFileSync = ((p: unknown, ...rest: any[]) =>
    rest[1]?.flag === 'wx' && fs.existsSync(p as string)
      ? (fs.writeFileSync as any)(p, ...rest)
      : guard(fs.writeFileSync)(p, ...rest)) as typeof fs.writeFileSync;
  return {
    ...fs,
    createReadStream,
    readFileSync,
    writeFileSync,
    mkdir,
    stat,
    default: { ...fs, createReadStream, readFileSync, writeFileSync, mkdir, stat },
  };
});

beforeEach(() => denied.clear());

const dir = () => tempDir('nb-store-perm');

describe('a store file the service may not read', () => {
  it.each([
    ['state file', 'state', '{"version":1,"chats":{},"sources":{}}'],
    ['item archive (one item a line)', 'items', '{"lastSeq":0,"items":[\n]}\n'],
    ['item archive (one document)', 'items', '{"lastSeq":0,"items":[]}'],
    ['delivery ledger', 'ledger', '{"id":"a"}\n'],
  ] as const)(
    'the %s: a StoreError naming it, saying permission denied and what to do; nothing written',
    async (_what, which, text) => {
      const d = dir();
      const db = path.join(d, 'newsbot.json');
      const file = storeFiles(db)[which];
      writeFileSync(file, text);
      denied.add(file);
      const err = await lowdbStore(db).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(StoreError);
      const message = (err as Error).message;
      expect(message).toContain(`The store file ${file} cannot be opened: permission denied to read it.`);
      expect(message).toMatch(
        /Fix the permissions of the file and its folder.*, or set NEWSBOT_DB to a file path elsewhere/,
      );
      expect(message).not.toMatch(/EACCES/);
      denied.clear();
      expect(readdirSync(d)).toEqual([path.basename(file)]);
      expect(readFileSync(file, 'utf8')).toBe(text);
    },
  );

  it('the scheduler lease: a StoreError naming it, whether it cannot be made or read', async () => {
    const db = path.join(dir(), 'newsbot.json');
    const lock = storeFiles(db).lock;
    const store = await lowdbStore(db);
    const failure = (p: Promise<unknown>) =>
      p.then(
        () => {
          throw new Error('the lease was answered');
        },
        (e: Error) => e,
      );
    denied.add(lock);
    const cannotMake = await failure(store.lease().acquire());
    expect(cannotMake).toBeInstanceOf(StoreError);
    expect(cannotMake.message).toContain(
      `The store file ${lock} cannot be opened: permission denied to write it.`,
    );
    // Held by a process of another user: there, but not readable.
    denied.clear();
    mkdirSync(lock);
    denied.add(lock);
    const cannotRead = await failure(store.lease().heldElsewhere());
    expect(cannotRead).toBeInstanceOf(StoreError);
    expect(cannotRead.message).toContain(
      `The store file ${lock} cannot be opened: permission denied to read it.`,
    );
    denied.clear();
    expect(statSync(lock).isDirectory()).toBe(true);
  });
});
