/**
 * `npm run bench -- store`: the PostgreSQL store at 100,000 and 1,000,000 items beside lowdb at
 * 100,000: ingest rate, the p95 of `latest`, `country` and `search` through the command service,
 * and `npm start` on that store: start-up to ready and resident memory once a search has
 * answered. Each PostgreSQL size runs in a database the bench makes and drops
 * (NEWSBOT_BENCH_PG names the server; default the local one). `--sizes 100000` runs fewer. Last,
 * the digest fan-out of the digest section with the ledger in PostgreSQL (`--fan-out` runs only it).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createCore, type Core } from '../src/core.js';
import type { CommandContext } from '../src/commands/context.js';
import type { NewsStore } from '../src/ports.js';
import { itemFiling } from '../src/search/filing.js';
import { openLowdbStore } from '../store/lowdb-store.js';
import { openPgStore, type PgStore } from '../store/pg/pg-store.js';
import { FAN_OUT_SIZE, fanOut } from './fan-out.js';
import { generateItems, toJsonLines } from './generate.js';
import { ms, percentile, tempStorePath, timeRuns, type Row } from './lib.js';
import { startLocal } from './start-local.js';

const SERVER = process.env.NEWSBOT_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SCHEDULE = { weekday: 1, time: '09:00', timeZone: 'America/Costa_Rica' };
const NOW = new Date('2026-11-28T04:00:00Z');
const BATCH = 20_000;
const ctx: CommandContext = { address: { platform: 'console', chatId: 'bench' }, canManage: true, now: NOW };

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: SERVER });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** Fills the store with `n` generated items through the core (parsed, tagged, stored), in batches; returns items a second. */
async function fill(core: Core, n: number): Promise<number> {
  const t0 = performance.now();
  for (let from = 0; from < n; from += BATCH) {
    const items = generateItems(Math.min(BATCH, n - from), 42 + from, from);
    await core.news.ingestBody(toJsonLines(items), 'bench', NOW, { format: 'jsonl' });
  }
  return n / ((performance.now() - t0) / 1000);
}

async function queries(core: Core, label: string, size: string, targets: boolean): Promise<Row[]> {
  const countries = [
    'costa rica',
    'honduras',
    'mexico',
    'guatemala',
    'haiti',
    'jamaica',
    'canada',
    'caribbean',
  ];
  const words = [
    'recruitment',
    'remesas',
    'ethical recruitment',
    'trabajadoras migrantes',
    'seasonal work',
    'labour rights',
  ];
  const cases: [string, (i: number) => string, number][] = [
    ['latest', (i) => `latest ${1 + (i % 20)}`, 10],
    ['country <name>', (i) => `country ${countries[i % countries.length]}`, 10],
    ['search <words>', (i) => `search ${words[i % words.length]}`, 25],
  ];
  await core.store.items.searchReady();
  const rows: Row[] = [];
  for (const [name, cmd, target] of cases) {
    const t = await timeRuns(200, (i) => core.commands.run(cmd(i), ctx));
    const p95 = percentile(t, 95);
    rows.push({
      section: 'store',
      measure: `${label}: ${name} p50 / p95`,
      size,
      value: `${ms(percentile(t, 50))} / ${ms(p95)}`,
      ...(targets ? { target: `p95 <= ${target} ms`, met: p95 <= target } : {}),
    });
  }
  return rows;
}

/** `npm start` in local mode on the store: ready is its banner; memory is read after a search answered. */
async function startUp(db: string, label: string, size: string, targets: boolean): Promise<Row[]> {
  const { readyS, rssMb } = await startLocal(db);
  return [
    {
      section: 'store',
      measure: `${label}: start-up to ready (npm start, local mode)`,
      size,
      value: `${readyS.toFixed(2)} s`,
      ...(targets ? { target: '<= 3 s', met: readyS <= 3 } : {}),
    },
    {
      section: 'store',
      measure: `${label}: resident memory after the first search`,
      size,
      value: `${Math.round(rssMb)} MB`,
      ...(targets ? { target: '<= 400 MB', met: rssMb <= 400 } : {}),
    },
  ];
}

async function measure(
  open: () => Promise<NewsStore>,
  db: string,
  label: string,
  n: number,
  targets: boolean,
) {
  const size = `${n} items`;
  const store = await open();
  const core = createCore({ store, defaultSchedule: SCHEDULE, sources: ['bench'] });
  const rate = await fill(core, n);
  // What autovacuum does within a minute or two of a bulk load, and a database in service has
  // had: without it each row's first reader checks its transaction and sets its hint bits, the
  // GIN index's pending entries are scanned whole, and the planner has no statistics.
  if ('pool' in store) await (store as PgStore).pool.query('VACUUM (ANALYZE) items, item_lists, term_counts');
  const rows: Row[] = [
    {
      section: 'store',
      measure: `${label}: ingest (parse + tag + store, batches of ${BATCH})`,
      size,
      value: `${Math.round(rate)} items/s`,
    },
    ...(await queries(core, label, size, targets)),
  ];
  await store.close();
  rows.push(...(await startUp(db, label, size, targets)));
  return rows;
}

/** `fn` on a database of its own on the server, made for it and dropped after. */
async function inDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const name = `newsbot_bench_${randomBytes(5).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(SERVER);
    url.pathname = `/${name}`;
    return await fn(url.toString());
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

/**
 * The digest section's fan-out with the ledger in PostgreSQL: every delivery recorded, and the
 * ledger read, in the database. Its chats are saved one by one, as commands would have.
 */
function pgFanOut(): Promise<Row[]> {
  return inDatabase(async (url) => {
    const r = await fanOut(async (chats) => {
      const store = await openPgStore(url, itemFiling);
      for (let i = 0; i < chats.length; i += 100)
        await Promise.all(chats.slice(i, i + 100).map((c) => store.saveChat(c)));
      return store;
    });
    const label = 'PostgreSQL: digest fan-out (the ledger in the database)';
    return [
      {
        section: 'store',
        measure: `${label}: composed, rendered, sent, recorded`,
        size: FAN_OUT_SIZE,
        value: `${Math.round(r.rate)} digests/s`,
        target: '>= 1000/s',
        met: r.rate >= 1000,
      },
      {
        section: 'store',
        measure: `${label}: the store's share of that time (${r.atOnce} digests under way)`,
        size: FAN_OUT_SIZE,
        value: `${(r.storeShare * 100).toFixed(1)} %`,
      },
    ];
  });
}

export async function benchStore(): Promise<Row[]> {
  if (process.argv.includes('--fan-out')) return pgFanOut();
  const arg = process.argv.indexOf('--sizes');
  const sizes = arg > 0 ? process.argv[arg + 1].split(',').map(Number) : [100_000, 1_000_000];
  const rows: Row[] = [];
  const lowdb = tempStorePath('nb-bench-store-');
  rows.push(...(await measure(() => openLowdbStore(lowdb, itemFiling), lowdb, 'lowdb', 100_000, false)));
  for (const n of sizes)
    rows.push(
      ...(await inDatabase((url) =>
        measure(() => openPgStore(url, itemFiling), url, 'PostgreSQL', n, n >= 1_000_000),
      )),
    );
  rows.push(...(await pgFanOut()));
  return rows;
}
