/**
 * What the digest benchmarks share: a store of many subscriptions with a week of new items, and
 * a fake platform API in a process of its own (a real API does not spend the bot's CPU).
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createCore } from '../src/core.js';
import { chatKey, type ChatAddress, type Chat, type CoreServices, type NewsStore } from '../src/ports.js';
import { itemFiling } from '../src/search/filing.js';
import { openLowdbStore } from '../store/lowdb-store.js';
import { generateItems, toJsonLines } from './generate.js';
import { tempStorePath } from './lib.js';

export const SCHEDULE = { weekday: 1, time: '09:00', timeZone: 'America/Costa_Rica' };
const SUBSCRIBED = new Date('2026-11-20T00:00:00Z');
export const MONDAY = new Date('2026-11-30T15:00:30Z');

/** Opens the store a run works on, holding `chats` and nothing else. */
export type OpenWithChats = (chats: Chat[]) => Promise<NewsStore>;

/** A lowdb store on disk, written whole, as a store that grew over months would be, rather than one command at a time. */
const lowdbWith: OpenWithChats = async (chats) => {
  const db = tempStorePath('nb-fanout-');
  const state = Object.fromEntries(chats.map((c) => [c.key, c]));
  writeFileSync(db, JSON.stringify({ version: 1, chats: state, sources: {} }));
  return openLowdbStore(db, itemFiling);
};

/**
 * A store with a subscription to one of `countries` for each address, and a week of new items:
 * the lowdb store on disk unless `open` gives another.
 */
export async function storeWith(
  addresses: ChatAddress[],
  countries: string[],
  newItems: number,
  open: OpenWithChats = lowdbWith,
): Promise<{ store: NewsStore; core: CoreServices }> {
  const chats = addresses.map((address, i): Chat => {
    const key = chatKey(address);
    return {
      key,
      address,
      places: [{ code: countries[i % countries.length], sinceSeq: 0, addedAt: SUBSCRIBED.toISOString() }],
      state: 'active',
      createdAt: SUBSCRIBED.toISOString(),
      updatedAt: SUBSCRIBED.toISOString(),
    };
  });
  const store = await open(chats);
  const core = createCore({ store, defaultSchedule: SCHEDULE, sources: [] });
  await core.news.ingestBody(
    toJsonLines(generateItems(newItems, 99)),
    'week',
    new Date('2026-11-25T00:00:00Z'),
    { format: 'jsonl' },
  );
  return { store, core: core.services };
}

/** `n` Telegram private chats. */
export const telegramChats = (n: number): ChatAddress[] =>
  Array.from({ length: n }, (_, i) => ({ platform: 'telegram', chatId: String(100_000 + i) }));

/** The items the run's deliveries hold, summed over chats: what every chat should have received. */
export async function itemsDue(store: NewsStore): Promise<number> {
  return (await store.deliveries()).reduce((n, d) => n + d.itemIds.length, 0);
}

/** What a fake process counts of the messages it accepted. */
export interface FakeStats {
  rateLimited: number;
  messages: number;
  /** first to last accepted message, at the fake */
  spanMs: number;
  /** chats that got at least one message */
  chats: number;
  /** items numbered in the messages, counted once per chat */
  items: number;
  /** the messages' characters as the reader sees them, summed */
  chars: number;
  /** summed over chats with two messages or more: their messages after the first, and first to last */
  perChat: { after: number; spanMs: number };
}

/** A fake platform API in its own process (a script of bench/): its url, its counts, and a way to stop it. */
export async function fakeProcess(
  script: string,
  args: string[] = [],
): Promise<{ url: string; stats: () => Promise<FakeStats>; close: () => void }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', new URL(script, import.meta.url).pathname, ...args],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout });
  const next = () => new Promise<string>((r) => lines.once('line', r));
  const url = await next();
  return {
    url,
    stats: async () => {
      child.stdin.write('stats\n');
      return JSON.parse(await next()) as FakeStats;
    },
    close: () => child.stdin.end(),
  };
}

/** Per chat, the messages a fake accepted: when, and the items they numbered ("3. …" at a line's start). */
export function tally() {
  const chats = new Map<string, { first: number; last: number; messages: number; items: Set<number> }>();
  let chars = 0;
  return {
    add(chatId: string, text: string, t: number) {
      let c = chats.get(chatId);
      if (!c) chats.set(chatId, (c = { first: t, last: t, messages: 0, items: new Set() }));
      c.messages++;
      c.last = t;
      chars += text.length;
      for (const x of text.matchAll(/^(\d+)\. /gm)) c.items.add(Number(x[1]));
    },
    stats(rateLimited: number): FakeStats {
      let items = 0;
      let messages = 0;
      let first = Infinity;
      let last = -Infinity;
      const perChat = { after: 0, spanMs: 0 };
      for (const c of chats.values()) {
        items += c.items.size;
        messages += c.messages;
        first = Math.min(first, c.first);
        last = Math.max(last, c.last);
        if (c.messages > 1) {
          perChat.after += c.messages - 1;
          perChat.spanMs += c.last - c.first;
        }
      }
      return {
        rateLimited,
        messages,
        spanMs: messages ? last - first : 0,
        chats: chats.size,
        items,
        chars,
        perChat,
      };
    },
  };
}

/** Answers the bench's "stats" lines on standard input with `stats()`, and exits when the input ends. */
export function serveStats(stats: () => FakeStats, close: () => Promise<void>): void {
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (line) => {
    if (String(line).trim() === 'stats') process.stdout.write(`${JSON.stringify(stats())}\n`);
  });
  process.stdin.on('end', () => void close().then(() => process.exit(0)));
}
