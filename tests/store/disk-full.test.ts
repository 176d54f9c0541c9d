/**
 * A full disk, stood in for at the file system's edge: while `disk.full` is set, every write
 * through a file handle or writeFile fails with ENOSPC as a real full disk does: the file is
 * created (an inode is still free), part of what was asked may be written, then the write fails.
 * Everything above (the whole-file writer, the ledger's appends, the store, the commands, the
 * command line) runs as it would.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createConsoleAdapter } from '../../adapters/console/console-adapter.js';
import { renderAnswer } from '../../adapters/console/render-text.js';
import { en } from '../../src/i18n/en.js';
import { es } from '../../src/i18n/es.js';
import { StoreWriteError, type Delivery, type NewsStore } from '../../src/ports.js';
import { storeFiles } from '../../store/lowdb-store.js';
import { makeCore, NOW } from '../helpers/core.js';
import { runInProcess } from '../helpers/run.js';
import { allItems, lowdbStore } from '../helpers/stores.js';
import { tempDir } from '../helpers/temp.js';
import { silentLog } from '../helpers/logs.js';

const disk = { full: false };
const enospc = (p: unknown) =>
  Object.assign(new Error(`ENOSPC: no space left on device, write '${String(p)}'`), {
    code: 'ENOSPC',
    errno: -28,
    syscall: 'write',
  });

vi.mock('node:fs/promises', async (importOriginal) => {
  const fsp = await importOriginal<typeof import('node:fs/promises')>();
  const open = (async (p: unknown, ...rest: unknown[]) => {
    const fh = await (fsp.open as any)(p, ...rest);
    const write = fh.write.bind(fh);
    // Half of what was asked reaches the file, then the disk is full.
    fh.write = async (data: string | Uint8Array) => {
      if (!disk.full) return write(data);
      const half =
        typeof data === 'string' ? data.slice(0, data.length >> 1) : data.subarray(0, data.length >> 1);
      if (half.length) await write(half);
      throw enospc(p);
    };
    return fh;
  }) as typeof fsp.open;
  const writeFile = (async (p: unknown, ...rest: unknown[]) => {
    if (!disk.full) return (fsp.writeFile as any)(p, ...rest);
    await fsp.writeFile(p as string, '');
    throw enospc(p);
  }) as typeof fsp.writeFile;
  return { ...fsp, open, writeFile, default: { ...fsp, open, writeFile } };
});

beforeEach(() => {
  disk.full = false;
});

const dir = () => tempDir('nb-disk-full');
/** Temporary files left behind in a folder. */
const leftovers = (d: string) => readdirSync(d).filter((f) => f.includes('.tmp'));

/** A console over a lowdb store at `db`, as local mode and `newsbot ask` answer. */
async function consoleOver(db: string) {
  const store = await lowdbStore(db);
  const core = await makeCore({ store });
  const console = createConsoleAdapter({
    commands: core.commands,
    input: new PassThrough(),
    output: new PassThrough(),
    log: silentLog(),
  });
  const say = async (text: string) => {
    const { reply, error } = await console.ask(text);
    return { text: renderAnswer(reply), error };
  };
  return { store, say };
}

const chatOnDisk = (db: string) => JSON.parse(readFileSync(db, 'utf8')).chats['console:local'];

describe('a change the store could not write (a full disk)', () => {
  it('is not made: the reply says the disk is full and what to do, and nothing of it shows, now or after the disk frees', async () => {
    const d = dir();
    const db = path.join(d, 'newsbot.json');
    const { store, say } = await consoleOver(db);
    expect((await say('subscribe honduras')).error).toBeUndefined();
    const before = readFileSync(db, 'utf8');

    disk.full = true;
    for (const command of ['subscribe mexico', 'language es', 'unsubscribe all']) {
      const { text, error } = await say(command);
      expect(text, command).toBe(en.storeDiskFull);
      expect(error).toBeInstanceOf(StoreWriteError);
      expect((error as StoreWriteError).code).toBe('disk_full');
      expect((error as Error).message).toContain(
        `The store file ${db} could not be written: the disk is full`,
      );
      expect((error as Error).message).toContain('Free some space on that disk');
    }
    // Neither in memory (what the chat is told) nor on disk, and no temporary file left.
    const shown = (await say('subscriptions')).text;
    expect(shown).toContain('Honduras');
    expect(shown).not.toContain('Mexico');
    expect(shown).not.toMatch(/México|suscri/);
    expect(readFileSync(db, 'utf8')).toBe(before);
    expect(leftovers(d)).toEqual([]);

    // The disk frees: the next change is written, and carries none of the ones refused.
    disk.full = false;
    expect((await say('schedule friday 10:00')).error).toBeUndefined();
    const chat = chatOnDisk(db);
    expect(chat.places.map((p: { code: string }) => p.code)).toEqual(['HN']);
    expect(chat.language).toBe('en');
    expect(chat.schedule).toMatchObject({ weekday: 5, time: '10:00' });
    await store.close();
    const again = await lowdbStore(db);
    expect((await again.chat('console:local'))?.places.map((p) => p.code)).toEqual(['HN']);
    await again.close();
  });

  it('is said in the chat’s language', async () => {
    const { store, say } = await consoleOver(path.join(dir(), 'newsbot.json'));
    await say('idioma es');
    disk.full = true;
    expect((await say('suscribir guatemala')).text).toBe(es.storeDiskFull);
    await store.close();
  });

  it('items that could not be written are neither stored, found nor given seqs; the archive and the index stay as they were', async () => {
    const d = dir();
    const db = path.join(d, 'newsbot.json');
    const files = storeFiles(db);
    const store = await lowdbStore(db);
    const item = (id: string, title: string) => ({
      id,
      title,
      summary: '',
      date: null,
      url: null,
      lang: null,
      countries: ['HN'],
      regions: [],
      topics: [],
      sources: ['x'],
    });
    await store.saveItems({ added: [item('a', 'first item')], updated: [] }, NOW);
    const archive = readFileSync(files.items, 'utf8');
    disk.full = true;
    const err = await store
      .saveItems(
        {
          added: [item('b', 'zanzibar lost')],
          updated: [{ ...(await allItems(store))[0], title: 'edited' }],
        },
        NOW,
      )
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreWriteError);
    expect((err as Error).message).toContain(
      `The store file ${files.items} could not be written: the disk is full`,
    );
    expect((await allItems(store)).map((i) => [i.id, i.title])).toEqual([['a', 'first item']]);
    expect(await store.items.lastSeq()).toBe(1);
    expect((await store.items.search('zanzibar', { limit: 5 })).total).toBe(0);
    expect(readFileSync(files.items, 'utf8')).toBe(archive);
    expect(leftovers(d)).toEqual([]);

    disk.full = false;
    await store.saveItems({ added: [item('c', 'second item')], updated: [] }, NOW);
    const written = JSON.parse(readFileSync(files.items, 'utf8'));
    expect(written.items.map((i: { id: string; seq: number }) => [i.id, i.seq])).toEqual([
      ['a', 1],
      ['c', 2],
    ]);
    await store.close();
  });

  it('a delivery the ledger could not write is not remembered, and the ledger is cut back to its last whole line', async () => {
    const d = dir();
    const db = path.join(d, 'newsbot.json');
    const files = storeFiles(db);
    const store: NewsStore = await lowdbStore(db);
    const delivery = (id: string, state: Delivery['state']): Delivery => ({
      id,
      chatKey: `console:${id}`,
      dueAt: '2026-11-30T15:00:00.000Z',
      fromSeq: 0,
      toSeq: 1,
      itemIds: [],
      more: 0,
      sent: [],
      state,
      createdAt: '',
      updatedAt: '',
    });
    await store.saveDelivery(delivery('a', 'pending'));
    const ledger = readFileSync(files.ledger, 'utf8');
    disk.full = true;
    const err = await store.saveDelivery(delivery('a', 'sent')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreWriteError);
    expect((err as StoreWriteError).code).toBe('disk_full');
    expect((await store.deliveries()).map((x) => x.state)).toEqual(['pending']);
    // Half a line reached the file and was taken back: the ledger opens as before.
    expect(readFileSync(files.ledger, 'utf8')).toBe(ledger);

    disk.full = false;
    await store.saveDelivery(delivery('b', 'pending'));
    await store.close();
    const again = await lowdbStore(db);
    expect((await again.deliveries()).map((x) => [x.id, x.state])).toEqual([
      ['a', 'pending'],
      ['b', 'pending'],
    ]);
    await again.close();
  });
});

describe('the command line on a full disk', () => {
  const env = (db: string) => ({ NEWSBOT_DB: db, NEWS_SOURCES: 'data/sample-items.txt' });

  it('ingest: the store file and the cause, no stack trace, exit 2, no temporary file', async () => {
    const d = dir();
    const db = path.join(d, 'newsbot.json');
    disk.full = true;
    const r = await runInProcess(['ingest'], env(db));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `newsbot: The store file ${storeFiles(db).items} could not be written: the disk is full`,
    );
    expect(r.stderr).not.toMatch(/\n\s+at |ENOSPC:/);
    expect(leftovers(d)).toEqual([]);
  });

  it('ask "subscribe guatemala": the chat’s answer, the cause on standard error, exit 2; nothing changed', async () => {
    const d = dir();
    const db = path.join(d, 'newsbot.json');
    expect((await runInProcess(['ingest'], env(db))).code).toBe(0);
    const before = readFileSync(db, 'utf8');
    disk.full = true;
    const r = await runInProcess(['ask', 'subscribe guatemala'], env(db));
    expect(r.code).toBe(2);
    expect(r.stdout.trim()).toBe(en.storeDiskFull);
    expect(r.stderr).toContain(`newsbot: The store file ${db} could not be written: the disk is full`);
    expect(readFileSync(db, 'utf8')).toBe(before);
    expect(leftovers(d)).toEqual([]);
    disk.full = false;
    const shown = await runInProcess(['ask', 'subscriptions'], env(db));
    expect(shown.stdout).not.toContain('Guatemala');
  });
});
