import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import { StoreError, type Chat, type Delivery, type ItemChange, type NewsStore, type SourceHealth } from '../src/ports.js';
import { ItemsFileWriter, readItemsFile } from './items-file.js';
import { LedgerFile } from './ledger-file.js';
import { emptyState, StoreState, type StateData } from './state.js';

/** The three files of a store at `dbPath` (NEWSBOT_DB). */
export function storeFiles(dbPath: string) {
  const base = dbPath.replace(/\.json$/i, '');
  return { state: dbPath, items: `${base}.items.json`, ledger: `${base}.ledger.jsonl`, lock: `${base}.lock` };
}

function parser<T>(file: string, check: (data: any) => string | null) {
  return (text: string): T => {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      throw new StoreError(file, text.trim() ? `it is not valid JSON (${(err as Error).message})` : 'it is empty');
    }
    const problem = check(data);
    if (problem) throw new StoreError(file, problem);
    return data as T;
  };
}

const checkState = (d: any) =>
  !d || typeof d !== 'object' || typeof d.chats !== 'object' || typeof d.sources !== 'object' ? 'it does not hold {"chats", "sources"}' : null;

/**
 * The embedded store on lowdb. Items live apart from chats and sources, so a subscription
 * change rewrites a small file and never the archive; deliveries go to an append-only ledger.
 * Every file is written whole to a temporary file and renamed (lowdb's steno for the state,
 * ItemsFileWriter for the archive), so a crash leaves the old or the new file, never half of one. A file that cannot be read stops the
 * opening with a StoreError, before anything could write over it.
 */
export async function openLowdbStore(dbPath: string): Promise<NewsStore> {
  const files = storeFiles(dbPath);
  await mkdir(path.dirname(path.resolve(dbPath)), { recursive: true });
  const stateDb = new Low<StateData>(new DataFile<StateData>(files.state, { parse: parser<StateData>(files.state, checkState), stringify: (d) => JSON.stringify(d, null, 2) }), emptyState());
  const itemsData = await readItemsFile(files.items);
  await stateDb.read();
  const { ledger, deliveries } = await LedgerFile.open(files.ledger);
  const s = new StoreState(itemsData, stateDb.data, deliveries);
  // The archive is too big for lowdb's one-string write: it is written and read a piece at a time (items-file.ts).
  const archive = new ItemsFileWriter(files.items, () => s.itemsData);

  return {
    location: dbPath,
    items: () => s.itemsData.items,
    async saveItems(change: ItemChange, now: Date) {
      const added = s.applyItems(change, now);
      if (added.length || change.updated.length) await archive.write();
      return added;
    },
    chats: () => Object.values(s.state.chats),
    chat: (key: string) => s.state.chats[key],
    async saveChat(chat: Chat) {
      s.state.chats[chat.key] = structuredClone(chat);
      await stateDb.write();
    },
    async deleteChat(key: string) {
      delete s.state.chats[key];
      await stateDb.write();
    },
    sources: () => Object.values(s.state.sources),
    async saveSource(h: SourceHealth) {
      s.state.sources[h.source] = { ...h };
      await stateDb.write();
    },
    deliveries: () => s.deliveries(),
    async saveDelivery(d: Delivery) {
      // Deliveries are replaced, never changed in place, by the digest layer: a shallow copy is enough.
      s.deliveryById.set(d.id, { ...d });
      await ledger.append(d);
    },
    async close() {
      await ledger.close();
    },
  };
}
