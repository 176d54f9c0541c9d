import type { NewsItem } from '../../src/news/item.js';
import type { Chat, Delivery, ItemFiling, NewsStore, SourceHealth } from '../../src/ports.js';
import { inTransaction } from './connect.js';
import { writeItems } from './item-writes.js';
import type { PgStore } from './pg-store.js';

/** What is copied, one line each in the report. */
export const COPIED = ['items', 'chats', 'subscriptions', 'ledger', 'sources'] as const;
type Kind = (typeof COPIED)[number];

export interface CopyReport {
  /** per kind: in the source, written now, and in the database after */
  counts: Record<Kind, { source: number; copied: number; target: number }>;
  /** rows the database holds that differ from the source's (or that the source lacks): nothing was written */
  conflicts: { kind: Kind; key: string; why: string }[];
}

/** JSON with its keys sorted at every level: jsonb keeps no key order, and an absent field equals none. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(
          Object.entries(x as Record<string, unknown>)
            .filter(([, y]) => y !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : x,
  );
}

const subscriptions = (chats: Chat[]) => chats.filter((c) => c.places.length > 0).length;

/**
 * Copies a store (the lowdb files) into a PostgreSQL database: items with their seqs and first
 * sight, chats with their subscriptions, the whole delivery ledger and the sources' health, in
 * one transaction. What the database already holds must be the same as the source's (a copy
 * made before, of this store or of less of it): then only what is missing is written, so a
 * second run writes nothing. Anything that differs is reported and nothing is written.
 */
export async function copyStore(from: NewsStore, to: PgStore, filing: ItemFiling, now: Date) {
  const lastSeq = await from.items.lastSeq();
  const items = await from.items.window(0, lastSeq);
  const chats = await from.chats();
  const deliveries = await from.deliveries();
  const sources = await from.sources();

  return inTransaction(to.pool, async (c): Promise<CopyReport> => {
    // One copy at a time, and no instance writing items meanwhile: the counter row is the items' lock.
    await c.query('SELECT 1 FROM item_counter FOR UPDATE');
    const conflicts: CopyReport['conflicts'] = [];

    const had = new Map<string, { seq: number; first_seen_at: string; updated_at: string }>();
    for (const r of (await c.query('SELECT id, seq, first_seen_at, updated_at FROM items')).rows)
      had.set(r.id, r);
    const mine = new Map(items.map((it) => [it.id, it]));
    for (const [id, r] of had) {
      const it = mine.get(id);
      if (!it) conflicts.push({ kind: 'items', key: `seq ${r.seq}`, why: 'not in the source' });
      else if (it.seq !== r.seq || it.firstSeenAt !== r.first_seen_at || it.updatedAt !== r.updated_at)
        conflicts.push({ kind: 'items', key: `seq ${it.seq}`, why: 'stored differently' });
    }
    const counter = (await c.query('SELECT last_seq FROM item_counter')).rows[0].last_seq as number;
    const newItems = items.filter((it) => !had.has(it.id));
    for (const it of newItems)
      if (it.seq <= counter && had.size > 0)
        conflicts.push({
          kind: 'items',
          key: `seq ${it.seq}`,
          why: 'its seq was given to another item there',
        });

    const rowsOf = async (sql: string) =>
      new Map((await c.query(sql)).rows.map((r) => [r.key as string, canonical(r.data)]));
    const compare = <T>(kind: Kind, list: T[], keyOf: (x: T) => string, there: Map<string, string>) => {
      const byKey = new Map(list.map((x) => [keyOf(x), x]));
      for (const [key, data] of there) {
        const x = byKey.get(key);
        if (x === undefined) conflicts.push({ kind, key, why: 'not in the source' });
        else if (canonical(x) !== data) conflicts.push({ kind, key, why: 'stored differently' });
      }
      return list.filter((x) => !there.has(keyOf(x)));
    };
    const newChats = compare('chats', chats, (x) => x.key, await rowsOf('SELECT key, data FROM chats'));
    const newDeliveries = compare(
      'ledger',
      deliveries,
      (x) => x.id,
      await rowsOf('SELECT id AS key, data FROM deliveries'),
    );
    const newSources = compare(
      'sources',
      sources,
      (x) => x.source,
      await rowsOf('SELECT source AS key, data FROM source_health'),
    );

    if (conflicts.length === 0) {
      if (newItems.length || lastSeq > counter)
        await writeItems(c, filing, { added: newItems as NewsItem[], updated: [] }, now, {
          keepSeqs: { lastSeq },
        });
      await insertJson(c, 'chats', ['key'], newChats, (x: Chat) => [x.key]);
      await insertJson(c, 'source_health', ['source'], newSources, (x: SourceHealth) => [x.source]);
      await insertJson(
        c,
        'deliveries',
        ['id', 'chat_key', 'state', 'due_at', 'updated_at'],
        newDeliveries,
        (d: Delivery) => [d.id, d.chatKey, d.state, d.dueAt, d.updatedAt],
      );
    }

    const n = async (sql: string) => Number((await c.query(sql)).rows[0].n);
    const targetChats = (await c.query('SELECT data FROM chats')).rows.map((r) => r.data as Chat);
    const copied = conflicts.length === 0;
    return {
      conflicts,
      counts: {
        items: {
          source: items.length,
          copied: copied ? newItems.length : 0,
          target: await n('SELECT items AS n FROM item_counter'),
        },
        chats: { source: chats.length, copied: copied ? newChats.length : 0, target: targetChats.length },
        subscriptions: {
          source: subscriptions(chats),
          copied: copied ? subscriptions(newChats) : 0,
          target: subscriptions(targetChats),
        },
        ledger: {
          source: deliveries.length,
          copied: copied ? newDeliveries.length : 0,
          target: await n('SELECT count(*) AS n FROM deliveries'),
        },
        sources: {
          source: sources.length,
          copied: copied ? newSources.length : 0,
          target: await n('SELECT count(*) AS n FROM source_health'),
        },
      },
    };
  });
}

/** Rows kept as JSON beside the columns they are looked up by, a thousand a statement. */
async function insertJson<T>(
  c: { query(sql: string, values: unknown[]): Promise<unknown> },
  table: string,
  columns: string[],
  rows: T[],
  keys: (x: T) => unknown[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    const part = rows.slice(i, i + 1000);
    const width = columns.length + 1;
    const values = part.map(
      (_, r) => `(${Array.from({ length: width }, (_v, k) => `$${r * width + k + 1}`).join(', ')})`,
    );
    await c.query(
      `INSERT INTO ${table} (${[...columns, 'data'].join(', ')}) VALUES ${values.join(', ')}`,
      part.flatMap((x) => [...keys(x), JSON.stringify(x)]),
    );
  }
}
