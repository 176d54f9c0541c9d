import {
  mkdirSync,
  readFileSync,
  rmdirSync,
  statSync,
  writeFileSync,
  existsSync,
  appendFileSync,
} from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreError, StoreWriteError, type Chat, type Delivery } from '../../src/ports.js';
import { storeFiles } from '../../store/lowdb-store.js';
import { lowdbStore, allItems } from '../helpers/stores.js';
import { tempDir } from '../helpers/temp.js';

const now = new Date('2026-11-28T10:00:00Z');
const dir = () => tempDir('nb-store');
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
  key: 'telegram:1',
  address: { platform: 'telegram', chatId: '1' },
  places: [],
  state: 'active',
  createdAt: '',
  updatedAt: '',
};

describe('lowdb store on disk', () => {
  it('keeps everything across a reopen', async () => {
    const db = path.join(dir(), 'newsbot.json');
    const s = await lowdbStore(db);
    await s.saveItems({ added: [item('a'), item('b')], updated: [] }, now);
    await s.saveChat(chat);
    await s.saveDelivery({
      id: 'd',
      chatKey: chat.key,
      dueAt: 'x',
      fromSeq: 0,
      toSeq: 2,
      itemIds: [],
      more: 0,
      sent: ['1'],
      state: 'sent',
      createdAt: '',
      updatedAt: '',
    });
    await s.close();
    const again = await lowdbStore(db);
    expect((await allItems(again)).map((i) => [i.id, i.seq])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    expect(await again.chat(chat.key)).toEqual(chat);
    expect((await again.deliveries()).map((d) => d.id)).toEqual(['d']);
    const next = await again.saveItems({ added: [item('c')], updated: [] }, now);
    expect(next[0].seq).toBe(3);
  });

  it('writes a subscription change without rewriting the item archive', async () => {
    const db = path.join(dir(), 'newsbot.json');
    const s = await lowdbStore(db);
    await s.saveItems({ added: [item('a')], updated: [] }, now);
    const files = storeFiles(db);
    const before = statSync(files.items).mtimeMs;
    const archive = readFileSync(files.items, 'utf8');
    await new Promise((r) => setTimeout(r, 20));
    await s.saveChat(chat);
    expect(statSync(files.items).mtimeMs).toBe(before);
    expect(readFileSync(files.items, 'utf8')).toBe(archive);
    expect(JSON.parse(readFileSync(files.state, 'utf8')).chats[chat.key]).toEqual(chat);
  });

  it.each([
    ['truncated JSON', '{"version":1,"chats":{', /not valid JSON/],
    ['an empty file', '', /it is empty/],
    ['the wrong shape', '[1,2,3]', /does not hold/],
  ])('stops on %s in the state file, naming it, and leaves it untouched', async (_what, content, problem) => {
    const db = path.join(dir(), 'newsbot.json');
    writeFileSync(db, content);
    const err = await lowdbStore(db).catch((e) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect(err.message).toContain(db);
    expect(err.message).toMatch(problem);
    expect(err.message).toMatch(/backup|move it aside/);
    expect(readFileSync(db, 'utf8')).toBe(content);
  });

  it('stops on a corrupt item archive and never writes over it', async () => {
    const db = path.join(dir(), 'newsbot.json');
    const files = storeFiles(db);
    writeFileSync(files.items, '{"lastSeq": 3, "items": [{"id":');
    const err = await lowdbStore(db).catch((e) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect(err.message).toContain(files.items);
    expect(readFileSync(files.items, 'utf8')).toBe('{"lastSeq": 3, "items": [{"id":');
    expect(existsSync(db)).toBe(false);
  });

  it('writes the archive as JSON with one item a line, and reads it back; the one-line form opens too', async () => {
    const db = path.join(dir(), 'newsbot.json');
    const s = await lowdbStore(db);
    await s.saveItems({ added: [item('a'), item('b, with a comma\nand a newline')], updated: [] }, now);
    const files = storeFiles(db);
    const text = readFileSync(files.items, 'utf8');
    expect(text.split('\n').slice(0, 2)).toEqual([
      '{"lastSeq":2,"items":[',
      expect.stringMatching(/^\{"id":"a".*\},$/),
    ]);
    const parsed = JSON.parse(text);
    expect(parsed.items.map((i: { id: string }) => i.id)).toEqual(['a', 'b, with a comma\nand a newline']);
    expect(await allItems(await lowdbStore(db))).toEqual(parsed.items);
    // As a person or an older version might have written it: one line, spaces.
    writeFileSync(files.items, JSON.stringify(parsed, null, 1));
    expect((await allItems(await lowdbStore(db))).map((i) => i.id)).toEqual([
      'a',
      'b, with a comma\nand a newline',
    ]);
  });

  it.each([
    ['a broken item line', (t: string) => t.replace('"id":"a"', '"id":"a')],
    ['a cut-off archive', (t: string) => t.slice(0, t.length - 10)],
  ])('stops on %s in the item archive, naming it, and leaves it untouched', async (_what, spoil) => {
    const db = path.join(dir(), 'newsbot.json');
    const s = await lowdbStore(db);
    await s.saveItems({ added: [item('a'), item('b'), item('c')], updated: [] }, now);
    const files = storeFiles(db);
    const bad = spoil(readFileSync(files.items, 'utf8'));
    writeFileSync(files.items, bad);
    const err = await lowdbStore(db).catch((e) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect(err.message).toContain(files.items);
    expect(err.message).toMatch(/not valid JSON/);
    expect(readFileSync(files.items, 'utf8')).toBe(bad);
  });

  it('drops a half-written last ledger line (a crash mid-append) but stops on corruption inside', async () => {
    const db = path.join(dir(), 'newsbot.json');
    const files = storeFiles(db);
    const line = (id: string) =>
      JSON.stringify({
        id,
        chatKey: `chat-${id}`,
        dueAt: 'x',
        fromSeq: 0,
        toSeq: 1,
        itemIds: [],
        more: 0,
        sent: [],
        state: 'sent',
        createdAt: '',
        updatedAt: '',
      });
    writeFileSync(files.ledger, `${line('a')}\n${line('b')}\n{"id":"c","cha`);
    const warnings: { detail: Record<string, unknown>; message: string }[] = [];
    const log = {
      warn: (detail: object, message: string) => warnings.push({ detail: { ...detail }, message }),
    };
    const s = await lowdbStore(db, { log });
    expect((await s.deliveries()).map((d) => d.id)).toEqual(['a', 'b']);
    // Dropped, but said: which file, which line, and what it held.
    expect(warnings).toHaveLength(1);
    expect(warnings[0].message).toContain(
      `The delivery ledger ${files.ledger} ended in a half-written line 3`,
    );
    expect(warnings[0].message).toMatch(/dropped/);
    expect(warnings[0].detail).toMatchObject({ file: files.ledger, line: 3, dropped: '{"id":"c","cha' });
    await s.saveDelivery(JSON.parse(line('d')));
    await s.close();
    expect(
      readFileSync(files.ledger, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).id),
    ).toEqual(['a', 'b', 'd']);

    // A ledger that ends whole says nothing.
    await (await lowdbStore(db, { log })).close();
    expect(warnings).toHaveLength(1);

    appendFileSync(files.ledger, 'garbage\n' + line('e') + '\n');
    const err = await lowdbStore(db).catch((e) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect(err.message).toContain(files.ledger);
    expect(err.message).toMatch(/line 4/);
  });

  it("writes a delivery's later changes as patches of what changed, and reads them back whole", async () => {
    const db = path.join(dir(), 'newsbot.json');
    const files = storeFiles(db);
    const first: Delivery = {
      id: 'd1',
      chatKey: 'telegram:1',
      dueAt: '2026-11-30T15:00:00.000Z',
      fromSeq: 0,
      toSeq: 9,
      itemIds: Array.from({ length: 20 }, (_, i) => `item-${i}`),
      more: 0,
      sent: [],
      state: 'failed',
      error: 'unavailable: HTTP 502',
      createdAt: '2026-11-30T15:00:00.000Z',
      updatedAt: '2026-11-30T15:00:00.000Z',
    };
    const attempted = { ...first, state: 'pending' as const, attempted: 1 };
    const done = { ...attempted, sent: ['m1'], state: 'sent' as const, error: undefined };
    const s = await lowdbStore(db);
    for (const d of [first, attempted, done]) await s.saveDelivery(d);
    await s.close();
    const lines = readFileSync(files.ledger, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[1])).toEqual({ id: 'd1', patch: true, state: 'pending', attempted: 1 });
    expect(JSON.parse(lines[2])).toEqual({ id: 'd1', patch: true, sent: ['m1'], state: 'sent', error: null });
    const { error: _gone, ...whole } = done;
    expect(await (await lowdbStore(db)).deliveries()).toEqual([whole]);
  });

  it('a failed ledger write fails only the deliveries that shared it; the next one is written', async () => {
    const db = path.join(dir(), 'newsbot.json');
    const files = storeFiles(db);
    const line = (id: string) =>
      JSON.parse(
        JSON.stringify({
          id,
          chatKey: `chat-${id}`,
          dueAt: 'x',
          fromSeq: 0,
          toSeq: 1,
          itemIds: [],
          more: 0,
          sent: [],
          state: 'sent',
          createdAt: '',
          updatedAt: '',
        }),
      );
    const s = await lowdbStore(db);
    // A folder where the ledger should be: the append cannot open it.
    mkdirSync(files.ledger);
    const err = await s.saveDelivery(line('a')).catch((e) => e);
    expect(err).toBeInstanceOf(StoreWriteError);
    expect(err.message).toContain(`The store file ${files.ledger} could not be written: it is a folder`);
    expect(await s.deliveries()).toEqual([]);
    rmdirSync(files.ledger);
    await s.saveDelivery(line('b'));
    // the next change of 'a' is written whole: the line it would patch never made it
    await s.saveDelivery({ ...line('a'), state: 'failed' });
    await s.close();
    const written = readFileSync(files.ledger, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(written.map((l) => l.id)).toEqual(['b', 'a']);
    expect(written[1]).toMatchObject({ chatKey: 'chat-a', state: 'failed' });
    expect((await (await lowdbStore(db)).deliveries()).map((d) => d.id)).toEqual(['b', 'a']);
  });

  it('writes files whole: no temporary file is left behind and the JSON always parses', async () => {
    const d = dir();
    const db = path.join(d, 'newsbot.json');
    const s = await lowdbStore(db);
    await Promise.all(Array.from({ length: 20 }, (_, i) => s.saveChat({ ...chat, key: `telegram:${i}` })));
    const state = JSON.parse(readFileSync(db, 'utf8'));
    expect(Object.keys(state.chats)).toHaveLength(20);
    expect(existsSync(path.join(d, '.newsbot.json.tmp'))).toBe(false);
  });

  it('writes the archive in pieces: item saves that overlap a write all land, in seq order, with no temporary file left', async () => {
    const d = dir();
    const db = path.join(d, 'newsbot.json');
    const files = storeFiles(db);
    const s = await lowdbStore(db);
    // Enough items for many pieces, then saves that arrive while that write is under way.
    const first = s.saveItems(
      { added: Array.from({ length: 2000 }, (_, i) => item(`bulk-${i}`)), updated: [] },
      now,
    );
    const more = Array.from({ length: 10 }, (_, i) =>
      s.saveItems({ added: [item(`late-${i}`)], updated: [] }, now),
    );
    await Promise.all([first, ...more]);
    const written = JSON.parse(readFileSync(files.items, 'utf8'));
    expect(written.lastSeq).toBe(2010);
    expect(written.items.map((i: { seq: number }) => i.seq)).toEqual(
      Array.from({ length: 2010 }, (_, i) => i + 1),
    );
    expect(existsSync(path.join(d, '.newsbot.items.json.tmp'))).toBe(false);
    const again = await lowdbStore(db);
    expect(await allItems(again)).toHaveLength(2010);
  });
});
