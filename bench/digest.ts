/**
 * Weekly fan-out: one digest run to many Telegram subscriptions through the real adapter and a
 * fake Bot API on loopback. Runs alone: `npm run bench -- digest`.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import pino from 'pino';
import { createTelegramAdapter } from '../adapters/telegram/index.js';
import { createCore } from '../src/core.js';
import { sendDueDigests } from '../src/digest/deliver.js';
import {
  chatKey,
  type Chat,
  type CoreServices,
  type NewsStore,
  type Notifier,
  type Platform,
} from '../src/ports.js';
import { openLowdbStore } from '../store/lowdb-store.js';
import { FAKE_TOKEN } from '../tests/fakes/telegram-api.js';
import { allCountryCodes } from '../src/places/gazetteer.js';
import { generateItems, toJsonLines } from './generate.js';
import { tempStorePath, type Row } from './lib.js';
import { itemFiling } from '../src/search/filing.js';

const SCHEDULE = { weekday: 1, time: '09:00', timeZone: 'America/Costa_Rica' };
const SUBSCRIBED = new Date('2026-11-20T00:00:00Z');
const MONDAY = new Date('2026-11-30T15:00:30Z');
const log = pino({ level: 'silent' });

/** A store on disk with `chats` Telegram subscriptions over `countries` countries, and a week of new items. */
async function storeWith(
  chats: number,
  countries: string[],
  newItems: number,
): Promise<{ store: NewsStore; core: CoreServices }> {
  const db = tempStorePath('nb-fanout-');
  // Written whole, as a store that grew over months would be, rather than one command at a time.
  const state: Record<string, Chat> = {};
  for (let i = 0; i < chats; i++) {
    const address = { platform: 'telegram' as const, chatId: String(100_000 + i) };
    const key = chatKey(address);
    state[key] = {
      key,
      address,
      places: [{ code: countries[i % countries.length], sinceSeq: 0, addedAt: SUBSCRIBED.toISOString() }],
      state: 'active',
      createdAt: SUBSCRIBED.toISOString(),
      updatedAt: SUBSCRIBED.toISOString(),
    };
  }
  writeFileSync(db, JSON.stringify({ version: 1, chats: state, sources: {} }));
  const store = await openLowdbStore(db, itemFiling);
  const core = createCore({ store, defaultSchedule: SCHEDULE, sources: [] });
  await core.news.ingestBody(
    toJsonLines(generateItems(newItems, 99)),
    'week',
    new Date('2026-11-25T00:00:00Z'),
    { format: 'jsonl' },
  );
  return { store, core: core.services };
}

interface FakeStats {
  rateLimited: number;
  messages: number;
  /** first to last accepted message, at the fake */
  spanMs: number;
  /** chats that got at least one message */
  chats: number;
  /** items numbered in the messages, counted once per chat */
  items: number;
}

/** A fake platform API in its own process: its url, its counts, and a way to stop it. */
async function fakeProcess<Stats = FakeStats>(
  o: { limits?: boolean; rttMs?: number; script?: string; args?: string[] } = {},
): Promise<{
  url: string;
  stats: () => Promise<Stats>;
  close: () => void;
}> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      new URL(o.script ?? './fake-telegram-process.ts', import.meta.url).pathname,
      ...(o.limits ? ['--limits'] : []),
      ...(o.rttMs ? ['--rtt', String(o.rttMs)] : []),
      ...(o.args ?? []),
    ],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout! });
  const next = () => new Promise<string>((r) => lines.once('line', r));
  const url = await next();
  return {
    url,
    stats: async () => {
      child.stdin!.write('stats\n');
      return JSON.parse(await next());
    },
    close: () => child.stdin!.end(),
  };
}

/** Times the store's writes during a run, to give its share. */
function timed(store: NewsStore): { store: NewsStore; ms: () => number } {
  let total = 0;
  const wrap =
    <A extends unknown[]>(f: (...a: A) => Promise<void>) =>
    async (...a: A) => {
      const t0 = performance.now();
      await f(...a);
      total += performance.now() - t0;
    };
  return {
    store: { ...store, saveDelivery: wrap(store.saveDelivery), saveChat: wrap(store.saveChat) },
    ms: () => total,
  };
}

async function fanOut(): Promise<Row[]> {
  const chats = 10_000;
  const countries = allCountryCodes().filter((c) =>
    [
      'HN',
      'GT',
      'MX',
      'SV',
      'NI',
      'CR',
      'PA',
      'HT',
      'VE',
      'JM',
      'CO',
      'DO',
      'CA',
      'US',
      'CU',
      'EC',
      'PE',
      'BZ',
      'GY',
      'BR',
      'AR',
      'CL',
      'BO',
      'UY',
      'PY',
      'TT',
      'BB',
      'BS',
      'SR',
      'ES',
      'PH',
      'IN',
      'NP',
      'BD',
      'LK',
      'ID',
      'UA',
      'SY',
      'NG',
      'GH',
      'SN',
      'MA',
      'QA',
      'IT',
      'DE',
      'FR',
      'PT',
      'ET',
      'KE',
      'AF',
    ].includes(c),
  );
  const fake = await fakeProcess();
  const { store: base, core } = await storeWith(chats, countries, 2000);
  const { store, ms } = timed(base);
  const adapter = createTelegramAdapter({
    settings: { token: FAKE_TOKEN, apiRoot: fake.url },
    core,
    log,
    pacing: false,
  });
  const notifiers = new Map<Platform, Notifier>([['telegram', adapter.notifier]]);
  const t0 = performance.now();
  const report = await sendDueDigests({ store, notifiers, defaultSchedule: SCHEDULE, log }, MONDAY);
  const s = (performance.now() - t0) / 1000;
  fake.close();
  await base.close();
  const atOnce = adapter.notifier.concurrency ?? 16;
  if (report.sent !== chats) throw new Error(`expected ${chats} digests, got ${JSON.stringify(report)}`);
  const rate = chats / s;
  const size = `${chats} subscriptions, ${countries.length} countries, 2000 new items`;
  return [
    {
      section: 'digests',
      measure: 'fan-out: composed, rendered, sent, recorded',
      size,
      value: `${Math.round(rate)} digests/s`,
      target: '>= 1000/s',
      met: rate >= 1000,
    },
    {
      section: 'digests',
      measure: `the store's share of that time (each of the ${atOnce} digests under way waits on ledger and chat writes)`,
      size,
      value: `${((ms() / atOnce / (s * 1000)) * 100).toFixed(1)} %`,
    },
  ];
}

/** The items the run's deliveries hold, summed over chats: what every chat should have received. */
async function itemsDue(store: NewsStore): Promise<number> {
  return (await store.deliveries()).reduce((n, d) => n + d.itemIds.length, 0);
}

/**
 * A weekly run against the fake that keeps Telegram's limits (30 a second overall, 1 a second per
 * chat, 20 a minute per group) with a round trip of `rttMs`: how close to 30 a second it sends.
 */
async function pacedTelegram(rttMs: number): Promise<Row[]> {
  const chats = 1000;
  const fake = await fakeProcess({ limits: true, rttMs });
  const { store, core } = await storeWith(chats, ['HN', 'GT', 'MX'], 400);
  const adapter = createTelegramAdapter({
    settings: { token: FAKE_TOKEN, apiRoot: fake.url },
    core,
    log,
  });
  const notifiers = new Map<Platform, Notifier>([['telegram', adapter.notifier]]);
  const t0 = performance.now();
  const report = await sendDueDigests({ store, notifiers, defaultSchedule: SCHEDULE, log }, MONDAY);
  const wall = (performance.now() - t0) / 1000;
  const f = await fake.stats();
  const due = await itemsDue(store);
  fake.close();
  await store.close();
  if (report.sent !== chats) throw new Error(`expected ${chats} digests, got ${JSON.stringify(report)}`);
  const rate = (f.messages - 1) / (f.spanMs / 1000);
  const ratio = rate / 30;
  const size = `${chats} subscriptions, ${Math.round(due / chats)} new items each, RTT ${rttMs} ms`;
  const at = `Telegram paced, RTT ${rttMs} ms`;
  return [
    {
      section: 'digests',
      measure: `${at}: msg/s at the fake (first to last accepted) / 30`,
      size,
      value: `${rate.toFixed(1)} msg/s = ${ratio.toFixed(2)}`,
      target: '>= 0.95',
      met: ratio >= 0.95,
    },
    {
      section: 'digests',
      measure: `${at}: 429 answers`,
      size,
      value: String(f.rateLimited),
      target: '0',
      met: f.rateLimited === 0,
    },
    {
      section: 'digests',
      measure: `${at}: chats served, items delivered`,
      size,
      value: `${f.chats}/${chats}, ${f.items}/${due}`,
      target: 'all',
      met: f.chats === chats && f.items === due,
    },
    {
      section: 'digests',
      measure: `${at}: messages (per digest), wall time`,
      size,
      value: `${f.messages} (${(f.messages / chats).toFixed(1)}), ${wall.toFixed(0)} s`,
    },
  ];
}

export async function benchDigest(): Promise<Row[]> {
  const rows = await fanOut();
  for (const rtt of [0, 50, 150]) rows.push(...(await pacedTelegram(rtt)));
  return rows;
}
