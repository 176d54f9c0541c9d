/**
 * A store file that cannot be opened (a folder in its place, a file where its folder should be,
 * a permission), or that holds JSON of the wrong shape, stops the opening with a StoreError that
 * names the file and says what to do; the file is left byte for byte as it was.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreError, StoreWriteError, type Chat, type SourceHealth } from '../../src/ports.js';
import { accessError, StoreAccessError, writeError } from '../../store/file-errors.js';
import { storeFiles } from '../../store/lowdb-store.js';
import { startupFailure } from '../helpers/run.js';
import { lowdbStore, allItems } from '../helpers/stores.js';
import { tempDir } from '../helpers/temp.js';

const now = new Date('2026-11-28T10:00:00Z');
const dir = () => tempDir('nb-store-files');
const item = (id: string) => ({
  id,
  title: id,
  summary: '',
  date: null,
  url: null,
  lang: null,
  countries: [],
  regions: [],
  topics: [],
  sources: ['x'],
});
const chat: Chat = {
  key: 'console:local',
  address: { platform: 'console', chatId: 'local' },
  language: 'es',
  schedule: { weekday: 1, time: '09:00', timeZone: 'America/Costa_Rica' },
  places: [{ code: 'HN', sinceSeq: 0, addedAt: '2026-11-01T00:00:00.000Z' }],
  state: 'paused',
  pausedReason: 'blocked',
  pausedAt: '2026-11-02T00:00:00.000Z',
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-02T00:00:00.000Z',
};
const health: SourceHealth = {
  source: 'https://example.org/feed',
  lastFetchAt: 'x',
  lastSuccessAt: 'x',
  itemCount: 3,
  failures: 1,
  nextTryAt: 'y',
  etag: '"e"',
  lastModified: 'z',
};

async function openError(db: string): Promise<StoreError> {
  const err = await lowdbStore(db).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StoreError);
  return err as StoreError;
}

/** Every file under `d`, with its bytes, so a test can check nothing was written. */
function snapshot(d: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(d, { recursive: true }) as string[]) {
    const p = path.join(d, name);
    out[name] = statSync(p).isDirectory() ? '<folder>' : readFileSync(p, 'latin1');
  }
  return out;
}

describe('store files that cannot be opened', () => {
  it('NEWSBOT_DB naming a folder: a StoreError naming it and saying to set a file path', async () => {
    const d = dir();
    const db = path.join(d, 'store');
    mkdirSync(db);
    const before = snapshot(d);
    const err = await openError(db);
    expect(err.message).toContain(db);
    expect(err.message).toMatch(
      /NEWSBOT_DB names a folder; set it to a file path such as .*store\/newsbot\.json/,
    );
    expect(err.message).not.toMatch(/EISDIR|TextFile/);
    expect(snapshot(d)).toEqual(before);
  });

  it('NEWSBOT_DB ending in a slash names a folder too, whether or not it exists', async () => {
    const d = dir();
    const err = await openError(path.join(d, 'nothing-yet') + '/');
    expect(err.message).toMatch(/NEWSBOT_DB names a folder/);
    expect(readdirSync(d)).toEqual([]);
  });

  it.each([
    ['a file where its folder should be (EEXIST from mkdir)', 'newsbot.json'],
    ['a file further up its path (ENOTDIR)', 'sub/newsbot.json'],
  ])('%s: a StoreError naming the store file and the file in the way', async (_what, rest) => {
    const d = dir();
    const blocker = path.join(d, 'data');
    writeFileSync(blocker, 'not a folder\n');
    const db = path.join(blocker, rest);
    const err = await openError(db);
    expect(err).toBeInstanceOf(StoreAccessError);
    expect(err.message).toContain(db);
    expect(err.message).toContain(`${blocker} is a file, not a folder`);
    expect(err.message).toMatch(/Move that file aside, or set NEWSBOT_DB to a file path in a folder/);
    expect(err.message).not.toMatch(/EEXIST|ENOTDIR/);
    expect(readFileSync(blocker, 'utf8')).toBe('not a folder\n');
  });

  it.each([
    ['item archive', 'items'],
    ['delivery ledger', 'ledger'],
  ] as const)('the %s being a folder: a StoreError naming it', async (_what, which) => {
    const d = dir();
    const db = path.join(d, 'newsbot.json');
    writeFileSync(db, JSON.stringify({ version: 1, chats: { [chat.key]: chat }, sources: {} }));
    mkdirSync(storeFiles(db)[which]);
    writeFileSync(path.join(storeFiles(db)[which], 'inside'), 'x');
    const before = snapshot(d);
    const err = await openError(db);
    expect(err.message).toContain(storeFiles(db)[which]);
    expect(err.message).toMatch(
      /is a folder, where the store keeps .* in a file\. Nothing has been written to it\. Move that folder aside/,
    );
    expect(snapshot(d)).toEqual(before);
  });

  it('the service stops on a folder as NEWSBOT_DB with the message and no stack trace (exit 2)', async () => {
    const d = dir();
    const r = await startupFailure({ NEWSBOT_DB: d });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^newsbot: The store file ${d} cannot be opened: it is a folder`));
    expect(r.stderr).toMatch(/NEWSBOT_DB names a folder/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(d)).toEqual([]);
  });
});

describe('accessError: what each file-system error says (as root, permissions cannot be shown on disk)', () => {
  const fsError = (code: string) => Object.assign(new Error(`${code}: something, open 'x'`), { code });
  it.each([
    [
      'EACCES',
      'read',
      /cannot be opened: permission denied to read it\. Nothing has been written to it\. Fix the permissions of the file and its folder.*or set NEWSBOT_DB/,
    ],
    ['EPERM', 'write', /permission denied to write it\..*Fix the permissions/],
    ['EACCES', 'mkdir', /its folder .* cannot be created: permission denied\..*Create that folder/],
    ['EROFS', 'write', /read-only file system.*Set NEWSBOT_DB/],
    ['ENOSPC', 'mkdir', /the disk is full \(no space left to mkdir it\)\..*Free some space on that disk/],
    ['ELOOP', 'read', /loop of symbolic links/],
    ['EIO', 'read', /EIO: something.*Check the file and its folder/],
  ] as const)('%s (%s)', (code, op, message) => {
    const err = accessError('/srv/newsbot/newsbot.json', fsError(code), 'state', op);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as Error).message).toContain('The store file /srv/newsbot/newsbot.json cannot be opened');
    expect((err as Error).message).toMatch(message);
  });

  it.each([
    [
      'ENOSPC',
      'disk_full',
      /could not be written: the disk is full \(no space left on the device holding \/srv\/newsbot\) while writing the chats and sources\. The change was not made, in memory or on disk\. Free some space/,
    ],
    ['EDQUOT', 'disk_full', /disk quota of the user .* is spent.*raise the quota/],
    [
      'EACCES',
      'store_write',
      /permission denied to write the chats and sources.*Let the service write to \/srv\/newsbot/,
    ],
    ['EROFS', 'store_write', /its disk is now read-only/],
    ['EIO', 'store_write', /EIO: something, open 'x' \(writing the chats and sources\).*Check the disk/],
  ] as const)('writeError: %s is %s', (code, kind, message) => {
    const err = writeError('/srv/newsbot/newsbot.json', fsError(code), 'state');
    expect(err).toBeInstanceOf(StoreWriteError);
    expect((err as StoreWriteError).code).toBe(kind);
    expect((err as Error).message).toContain('The store file /srv/newsbot/newsbot.json could not be written');
    expect((err as Error).message).toMatch(message);
  });

  it("gives back errors that are not the file system's as they are", () => {
    const bug = new TypeError('x is undefined');
    expect(accessError('/f', bug, 'items')).toBe(bug);
    const se = new StoreError('/f', 'it is empty');
    expect(accessError('/f', se, 'items')).toBe(se);
  });
});

describe('store files of the wrong shape', () => {
  it('every schedule the schedule command makes opens again: daily (weekday 0), UTC, Etc/GMT offsets, "-03:30"', async () => {
    const db = path.join(dir(), 'newsbot.json');
    const s = await lowdbStore(db);
    const schedules = [
      { weekday: 0, time: '08:00', timeZone: 'America/New_York' },
      { weekday: 5, time: '20:00', timeZone: 'UTC' },
      { weekday: 5, time: '20:00', timeZone: 'Etc/GMT+6' },
      { weekday: 1, time: '09:00', timeZone: '-03:30' },
    ];
    for (const [i, schedule] of schedules.entries())
      await s.saveChat({
        ...chat,
        key: `console:${i}`,
        address: { platform: 'console', chatId: `${i}` },
        schedule,
      });
    await s.close();
    const again = await lowdbStore(db);
    expect(
      await Promise.all(schedules.map(async (_, i) => (await again.chat(`console:${i}`))?.schedule)),
    ).toEqual(schedules);
  });

  it('a real store with every kind of field opens again: the checks pass what the store writes', async () => {
    const db = path.join(dir(), 'newsbot.json');
    const s = await lowdbStore(db);
    await s.saveItems(
      {
        added: [
          {
            ...item('a'),
            date: '2026-01-02',
            url: 'https://x/a',
            lang: 'es',
            countries: ['HN'],
            regions: ['central-america'],
            topics: ['remittances'],
          },
          item('b'),
        ],
        updated: [],
      },
      now,
    );
    await s.saveChat(chat);
    await s.saveChat({
      key: 'slack:T1:C1',
      address: { platform: 'slack', teamId: 'T1', chatId: 'C1' },
      places: [],
      state: 'active',
      createdAt: 'x',
      updatedAt: 'x',
    });
    await s.saveSource(health);
    await s.saveSource({ source: 'data/local.jsonl', itemCount: 0, failures: 0 });
    await s.saveDelivery({
      id: 'd',
      chatKey: chat.key,
      dueAt: 'x',
      fromSeq: 0,
      toSeq: 2,
      itemIds: ['a'],
      more: 0,
      sent: ['1'],
      parts: 1,
      state: 'failed',
      error: 'unavailable: 502',
      attempts: 2,
      createdAt: 'x',
      updatedAt: 'x',
    });
    await s.close();
    const again = await lowdbStore(db);
    expect(await allItems(again)).toHaveLength(2);
    expect(await again.chat(chat.key)).toEqual(chat);
    expect(await again.sources()).toHaveLength(2);
    expect(await again.deliveries()).toHaveLength(1);
  });

  const state = (chats: unknown, sources: unknown = {}) =>
    JSON.stringify({ version: 1, chats, sources }, null, 2);
  it.each([
    [
      'a chat that is a number',
      state({ 'console:local': 5 }),
      'chats["console:local"] is not a chat: it is 5',
    ],
    [
      'a chat without an address',
      state({ 'console:local': { ...chat, address: undefined } }),
      'chats["console:local"] is not a chat: no address',
    ],
    [
      'an address without a chat id',
      state({ 'console:local': { ...chat, address: { platform: 'console' } } }),
      'no address.chatId',
    ],
    [
      'an unknown platform',
      state({ 'console:local': { ...chat, address: { platform: 'irc', chatId: 'x' } } }),
      'address.platform is not telegram, slack or console (it is "irc")',
    ],
    [
      'places that are not a list',
      state({ 'console:local': { ...chat, places: 'HN' } }),
      'places is not a list (it is "HN")',
    ],
    [
      'a place without a code',
      state({ 'console:local': { ...chat, places: [{ sinceSeq: 0, addedAt: 'x' }] } }),
      'no places[0].code',
    ],
    [
      'a place whose sinceSeq is text',
      state({ 'console:local': { ...chat, places: [{ code: 'HN', sinceSeq: '3', addedAt: 'x' }] } }),
      'places[0].sinceSeq is not a whole number (it is "3")',
    ],
    [
      'an unknown state',
      state({ 'console:local': { ...chat, state: 'on' } }),
      'state is not "active" or "paused" (it is "on")',
    ],
    [
      'a chat kept under another key',
      state({ 'console:local': { ...chat, key: 'console:other' } }),
      'its key is "console:other", not the key it is kept under',
    ],
    [
      'a schedule with an unknown zone',
      state({
        'console:local': { ...chat, schedule: { weekday: 1, time: '09:00', timeZone: 'Mars/Olympus' } },
      }),
      'schedule.timeZone is not a time zone',
    ],
    [
      'a schedule with an offset past any zone',
      state({
        'console:local': { ...chat, schedule: { weekday: 1, time: '09:00', timeZone: '-23:30' } },
      }),
      'schedule.timeZone is not a time zone',
    ],
    [
      'an unknown language',
      state({ 'console:local': { ...chat, language: 'fr' } }),
      'language is not "en" or "es" (it is "fr")',
    ],
    [
      'a source health that is a string',
      state({}, { feed: 'ok' }),
      'sources["feed"] is not a source\'s health: it is "ok"',
    ],
    [
      'a source health without its source',
      state({}, { feed: { itemCount: 1, failures: 0 } }),
      'sources["feed"] is not a source\'s health: no source',
    ],
    [
      'chats that are a list',
      JSON.stringify({ chats: [], sources: {} }),
      'it does not hold {"chats", "sources"}',
    ],
  ])(
    'the state file with %s: a StoreError naming the file and the entry; the file untouched',
    async (_what, text, problem) => {
      const d = dir();
      const db = path.join(d, 'newsbot.json');
      writeFileSync(db, text);
      const err = await openError(db);
      expect(err.message).toContain(db);
      expect(err.message).toContain(problem);
      expect(err.message).toMatch(/backup|move it aside/);
      expect(readFileSync(db, 'utf8')).toBe(text);
      expect(readdirSync(d)).toEqual(['newsbot.json']);
    },
  );

  /** An archive in the store's own layout, one item a line, as the store writes it. */
  const lined = (lastSeq: number, items: unknown[]) =>
    `{"lastSeq":${lastSeq},"items":[\n${items.map((i) => JSON.stringify(i)).join(',\n')}\n]}\n`;
  const stored = (id: string, seq: number) => ({ ...item(id), seq, firstSeenAt: 'x', updatedAt: 'x' });
  it.each([
    [
      'items that are not objects (one document)',
      '{"lastSeq":3,"items":[1,2,"x"]}',
      'items[0] is not a news item: it is 1',
    ],
    [
      'an item without an id (one item a line)',
      lined(3, [stored('a', 1), stored('b', 2), { ...stored('c', 3), id: undefined }]),
      'items[2] (line 4) is not a news item: no id',
    ],
    [
      'an item whose countries are not strings',
      lined(2, [stored('a', 1), { ...stored('b', 2), countries: [1] }]),
      'items[1] (line 3) is not a news item: countries[0] is not a string (it is 1)',
    ],
    [
      'an item without a seq',
      lined(2, [stored('a', 1), { ...stored('b', 2), seq: undefined }]),
      'items[1] (line 3) is not a news item: no seq',
    ],
    [
      'an item with a null title (pretty-printed)',
      JSON.stringify({ lastSeq: 1, items: [{ ...stored('a', 1), title: null }] }, null, 2),
      'items[0] is not a news item: title is not a string (it is null)',
    ],
    [
      'seqs out of order',
      lined(5, [stored('a', 1), stored('b', 4), stored('c', 3)]),
      'items[2] (line 4) has seq 3, but the item before it has 4',
    ],
    [
      'a seq above lastSeq',
      lined(2, [stored('a', 1), stored('b', 7)]),
      "items[1] (line 3) has seq 7, above the archive's lastSeq 2",
    ],
    [
      'two items with one id',
      lined(3, [stored('a', 1), stored('b', 2), stored('a', 3)]),
      'items[2] has the id "a" of items[0]',
    ],
    [
      'a lastSeq that is not a whole number',
      '{"lastSeq":1.5,"items":[]}',
      'its lastSeq, 1.5, is not a whole number',
    ],
  ])(
    'the item archive with %s: a StoreError naming the file and the item; the file untouched',
    async (_what, text, problem) => {
      const d = dir();
      const db = path.join(d, 'newsbot.json');
      const files = storeFiles(db);
      writeFileSync(files.items, text);
      writeFileSync(files.ledger, '');
      const before = snapshot(d);
      const err = await openError(db);
      expect(err.message).toContain(files.items);
      expect(err.message).toContain(problem);
      expect(snapshot(d)).toEqual(before);
      expect(existsSync(db)).toBe(false);
    },
  );

  it('a ledger record of the wrong shape: a StoreError naming the file and the line; the file untouched', async () => {
    const d = dir();
    const db = path.join(d, 'newsbot.json');
    const { ledger } = storeFiles(db);
    const good = {
      id: 'a',
      chatKey: 'c',
      dueAt: 'x',
      fromSeq: 0,
      toSeq: 1,
      itemIds: [],
      more: 0,
      sent: [],
      state: 'sent',
      createdAt: '',
      updatedAt: '',
    };
    const text = `${JSON.stringify(good)}\n${JSON.stringify({ ...good, id: 'b', sent: 'm1' })}`;
    writeFileSync(ledger, text);
    const err = await openError(db);
    expect(err.message).toContain(ledger);
    expect(err.message).toContain(
      'line 2 is not a delivery record: sent is not a list of strings (it is "m1")',
    );
    expect(readFileSync(ledger, 'utf8')).toBe(text);
  });
});

describe("a corrupt file's bytes in the message", () => {
  const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

  it.each([
    ['not JSON, with a terminal escape and a NUL', 'state', '\u001b[2J\u001b[31m\u0000garbage'],
    [
      'JSON whose chat key holds a C1 control (CSI)',
      'state',
      '{"version":1,"chats":{"k":{"key":"\u009b2J"}},"sources":{}}',
    ],
    ['an item archive that is not JSON', 'items', '\u001b]0;owned\u0007{'],
  ] as const)('%s: shown escaped (\\xNN), never raw', async (_what, which, text) => {
    const d = dir();
    const db = path.join(d, 'newsbot.json');
    writeFileSync(storeFiles(db)[which], text, 'utf8');
    const err = await openError(db);
    expect(err.message).not.toMatch(RAW_CONTROL);
    expect(err.message).toMatch(/\\x(1b|9b)/);
    expect(err.problem).not.toMatch(RAW_CONTROL);
  });

  it('the service prints it so, and exits 2', async () => {
    const d = dir();
    const db = path.join(d, 'newsbot.json');
    writeFileSync(db, '\u001b[31mred\u001b[0m', 'utf8');
    const r = await startupFailure({ NEWSBOT_DB: db });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`newsbot: The store file ${db} cannot be read: it is not valid JSON`);
    expect(r.stderr).toContain('\\x1b[31m');
    expect(r.stderr).not.toMatch(RAW_CONTROL);
  });
});
