import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  StoreError,
  type Chat,
  type Delivery,
  type ItemChange,
  type ItemFiling,
  type NewsStore,
  type SchedulerLease,
  type SourceHealth,
} from '../src/ports.js';
import { accessError, StoreAccessError } from './file-errors.js';
import { itemAt, readItemsFile, writeItemsFile } from './items-file.js';
import { createLeaseFile } from './lease-file.js';
import { LedgerFile, type StoreLog } from './ledger-file.js';
import { duplicateIdProblem, stateProblem } from './shapes.js';
import { emptyState, StoreState, type StateData } from './state.js';
import { StateWrites } from './state-writes.js';
import { readWhole, writeWhole } from './whole-file.js';

/** The files of a store at `dbPath` (NEWSBOT_DB): its data, and its scheduler lease (lease-file.ts). */
export function storeFiles(dbPath: string) {
  const base = dbPath.replace(/\.json$/i, '');
  return {
    state: dbPath,
    items: `${base}.items.json`,
    ledger: `${base}.ledger.jsonl`,
    lock: `${base}.lock`,
    lockHolder: `${base}.lock.holder`,
  };
}

/** The size and modification time of each file, in one string: what changes when another process writes them. */
async function fileStamps(files: ReturnType<typeof storeFiles>): Promise<string> {
  const stamp = async (f: string) => {
    try {
      const st = await stat(f);
      return `${st.size}@${st.mtimeMs}`;
    } catch {
      return '-';
    }
  };
  return (await Promise.all([files.state, files.items, files.ledger].map(stamp))).join(' ');
}

/**
 * The chats and sources at `file`, checked (shapes.ts); an empty state when there is no file.
 * Read here rather than by lowdb, so that a file that cannot be read is a StoreError too.
 */
async function readStateFile(file: string): Promise<StateData> {
  const text = await readWhole(file, 'state');
  if (text === undefined) return emptyState();
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new StoreError(
      file,
      text.trim() ? `it is not valid JSON (${(err as Error).message})` : 'it is empty',
    );
  }
  const problem = stateProblem(data);
  if (problem) throw new StoreError(file, problem);
  return data as StateData;
}

/**
 * The embedded store, in files of its own (it began on lowdb, whose JSON layout the state file keeps). Items live apart from chats and sources, so a subscription
 * change rewrites a small file and never the archive; deliveries go to an append-only ledger.
 * Every file is written whole to a temporary file and renamed (whole-file.ts), so a crash leaves the old or
 * the new file, never half of one. A change takes effect in memory only once it is on disk: one that could not be
 * written (a full disk) is a StoreWriteError and changes nothing. A file that cannot be read, or holds data of the
 * wrong shape (shapes.ts), stops the opening with a StoreError naming it and what to do, before anything could
 * write over it.
 */
export async function openLowdbStore(
  dbPath: string,
  filing: ItemFiling,
  opts: { log?: StoreLog } = {},
): Promise<NewsStore> {
  const files = storeFiles(dbPath);
  if (/[\\/]$/.test(dbPath))
    throw new StoreAccessError(
      dbPath,
      'it names a folder, not a file',
      `NEWSBOT_DB names a folder; set it to a file path such as ${path.join(dbPath, 'newsbot.json')}.`,
    );
  try {
    await mkdir(path.dirname(path.resolve(dbPath)), { recursive: true });
  } catch (err) {
    throw accessError(dbPath, err, 'state', 'mkdir');
  }
  const itemsData = await readItemsFile(files.items);
  const stateData = await readStateFile(files.state);
  const s = new StoreState(itemsData, stateData);
  const stateWrites = new StateWrites(s.state, (d) =>
    writeWhole(files.state, [JSON.stringify(d, null, 2)], 'state'),
  );
  // Two items with one id: the map of ids is short of an entry. Checked before the ledger, which opening may compact.
  if (s.byId.size !== itemsData.items.length)
    throw new StoreError(files.items, duplicateIdProblem(itemsData.items, itemAt) ?? 'two items have one id');
  const opened = await LedgerFile.open(files.ledger, opts.log);
  let ledger = opened.ledger;
  for (const d of opened.deliveries) s.deliveryById.set(d.id, d);
  // Item saves one after another: each is planned against the items as the last one left them.
  let itemsTail: Promise<unknown> = Promise.resolve();
  const leaseFile = createLeaseFile({ dbPath, lockPath: files.lock, holderPath: files.lockHolder });
  const index = filing.index(s.itemsData.items);

  // What the files were when this process read them: another process that held the lease since
  // may have written them (sent digests, new subscriptions, new items).
  let readAs = await fileStamps(files);
  /** Reads the files again, in place, so the index and everyone holding this store see the new data. */
  async function reread(): Promise<void> {
    await stateWrites.idle();
    await itemsTail;
    const items = await readItemsFile(files.items);
    const state = await readStateFile(files.state);
    const again = await LedgerFile.open(files.ledger, opts.log);
    const known = new Map(s.itemsData.items.map((it) => [it.id, it.updatedAt]));
    const changed = items.items.filter((it) => known.get(it.id) !== it.updatedAt);
    s.itemsData.items.length = 0;
    for (const it of items.items) s.itemsData.items.push(it);
    s.itemsData.lastSeq = items.lastSeq;
    s.byId.clear();
    s.itemsData.items.forEach((it, i) => s.byId.set(it.id, i));
    s.state.chats = state.chats;
    s.state.sources = state.sources;
    s.deliveryById.clear();
    for (const d of again.deliveries) s.deliveryById.set(d.id, d);
    await ledger.close();
    ledger = again.ledger;
    index.upsert(changed);
    readAs = await fileStamps(files);
  }
  // Taking the lease over from another process is when its writes must be seen: this one is
  // about to send digests and write, and would otherwise send again what the other sent and
  // write over what it wrote.
  const lease: SchedulerLease = {
    ...leaseFile,
    async acquire() {
      // Asked again while held (the keeper renews its claim), the files changed by this process's own writes.
      const takingOver = !leaseFile.held();
      const got = await leaseFile.acquire();
      if (got.ok && takingOver && (await fileStamps(files)) !== readAs) {
        opts.log?.warn(
          { store: dbPath },
          'taking over the store from another process: its files are read again',
        );
        await reread();
      }
      return got;
    },
  };

  return {
    location: dbPath,
    items: index,
    saveItems(change: ItemChange, now: Date) {
      const run = itemsTail.then(async () => {
        const plan = s.planItems(change, now);
        if (!plan.added.length && !plan.replaced.length) return [];
        // On disk first: a save that could not be written leaves the items and the index as they were.
        await writeItemsFile(files.items, s.itemsAfter(plan));
        s.commitItems(plan);
        index.upsert([...plan.added, ...plan.replaced]);
        return plan.added;
      });
      itemsTail = run.catch(() => {});
      return run;
    },
    chats: async () => Object.values(s.state.chats),
    chat: async (key: string) => s.state.chats[key],
    saveChat: (chat: Chat) =>
      stateWrites.commit((d) => {
        d.chats[chat.key] = structuredClone(chat);
      }),
    deleteChat: (key: string) =>
      stateWrites.commit((d) => {
        delete d.chats[key];
      }),
    sources: async () => Object.values(s.state.sources),
    saveSource: (h: SourceHealth) =>
      stateWrites.commit((d) => {
        d.sources[h.source] = { ...h };
      }),
    deliveries: async (chatKey?: string) => s.deliveries(chatKey),
    async saveDelivery(d: Delivery) {
      // Deliveries are replaced, never changed in place, by the digest layer: a shallow copy is enough.
      const copy = { ...d };
      // In memory once on file: two saves of one delivery resolve in the order they were asked.
      await ledger.append(copy);
      s.deliveryById.set(d.id, copy);
    },
    lease: () => lease,
    async close() {
      await stateWrites.idle();
      await itemsTail;
      await ledger.close();
    },
  };
}
