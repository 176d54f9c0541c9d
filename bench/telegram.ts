/**
 * The Telegram adapter under load, against the fake Bot API on loopback: `/country <name>`
 * updates handled per second, and the time from an update coming in to its sendMessage reaching
 * the Bot API, with 100,000 stored items. Runs alone:
 *   npx tsx -e "import('./bench/telegram.ts').then(m=>m.benchTelegram()).then(console.log)"
 */
import type { Update } from 'telegraf/types';
import { createTelegramAdapter, type TelegramAdapter } from '../adapters/telegram/index.js';
import { createCore } from '../src/core.js';
import { createHttpListener } from '../src/http.js';
import { createMemoryStore } from '../store/memory-store.js';
import { startFakeTelegram, type FakeTelegramApi } from '../tests/fakes/telegram-api.js';
import { generateItems, toJsonLines } from './generate.js';
import { ms, percentile, type Row } from './lib.js';
import { itemFiling } from '../src/search/filing.js';
import { silentLog } from '../tests/helpers/logs.js';

const ITEMS = 100_000;
const NOW = new Date('2026-11-28T04:00:00Z');
const COUNTRIES = [
  'costa rica',
  'honduras',
  'méxico',
  'guatemala',
  'el salvador',
  'nicaragua',
  'panamá',
  'haiti',
  'venezuela',
  'jamaica',
  'colombia',
  'república dominicana',
  'canada',
  'estados unidos',
  'cuba',
  'ecuador',
  'peru',
  'belize',
  'guyana',
  'brasil',
  'caribbean',
  'central america',
];

interface Run {
  rate: number;
  p50: number;
  p99: number;
  n: number;
}

/** Private chats, one per update, so a sendMessage names the update it answers. */
function countryUpdate(i: number, base: number): Update {
  const chatId = base + i;
  const from = { id: chatId, is_bot: false, first_name: 'Bench', language_code: i % 2 ? 'es' : 'en' };
  const text = `/${i % 2 ? 'pais' : 'country'} ${COUNTRIES[i % COUNTRIES.length]}`;
  return {
    update_id: chatId,
    message: {
      message_id: 1,
      date: Math.floor(NOW.getTime() / 1000),
      chat: { id: chatId, type: 'private', first_name: 'Bench' },
      from,
      text,
      entities: [{ type: 'bot_command', offset: 0, length: text.indexOf(' ') }],
    },
  } as Update;
}

/**
 * Feeds `n` updates with at most `concurrency` in flight through `deliver`, and times each from
 * hand-over to its sendMessage arriving at the fake.
 */
async function drive(
  fake: FakeTelegramApi,
  n: number,
  concurrency: number,
  base: number,
  deliver: (u: Update) => Promise<unknown>,
): Promise<Run> {
  const startedAt = new Map<number, number>();
  const latencies: number[] = [];
  const off = fake.onCall((c) => {
    if (c.method !== 'sendMessage') return;
    const t0 = startedAt.get(Number(c.params.chat_id));
    if (t0 !== undefined) latencies.push(c.t - t0);
  });
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < n) {
      const i = next++;
      startedAt.set(base + i, performance.now());
      await deliver(countryUpdate(i, base));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - t0) / 1000;
  off();
  if (latencies.length !== n) throw new Error(`expected ${n} replies, the fake received ${latencies.length}`);
  return { rate: n / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), n };
}

export async function benchTelegram(): Promise<Row[]> {
  const fake = await startFakeTelegram({ record: false });
  const store = createMemoryStore(itemFiling);
  const core = createCore({
    store,
    defaultSchedule: { weekday: 1, time: '09:00', timeZone: 'America/Costa_Rica' },
    sources: ['bench'],
  });
  await core.news.ingestBody(toJsonLines(generateItems(ITEMS)), 'bench', NOW, { format: 'jsonl' });
  await core.store.items.searchReady();
  const log = silentLog();
  const http = createHttpListener(log);
  const port = await http.listen(0, '127.0.0.1');
  const secret = 'bench-secret';
  const adapter: TelegramAdapter = createTelegramAdapter({
    settings: {
      token: fake.token,
      apiRoot: fake.url,
      webhook: { url: `http://127.0.0.1:${port}/telegram`, secret },
    },
    core: core.services,
    http,
    log,
    // The handling capacity: the fake keeps no limits, so neither does the pipeline (the real
    // Telegram takes about 30 messages a second from a bot, replies included).
    pacing: false,
    now: () => NOW,
  });
  const rows: Row[] = [];
  const size = `${ITEMS} items`;
  try {
    await adapter.start();
    const direct = (u: Update) => adapter.bot.handleUpdate(u);
    const webhook = (u: Update) => fake.deliver(u as Record<string, any>);
    // warm up the JIT, the sockets and the index
    await drive(fake, 500, 16, 1_000_000, direct);

    const results: [string, Run][] = [
      ['handleUpdate, 16 in flight', await drive(fake, 4_000, 16, 2_000_000, direct)],
      ['webhook (HTTP), 16 in flight', await drive(fake, 4_000, 16, 3_000_000, webhook)],
      ['handleUpdate, one at a time', await drive(fake, 1_000, 1, 4_000_000, direct)],
    ];
    for (const [how, r] of results) {
      rows.push({
        section: 'telegram',
        measure: `/country updates handled (${how})`,
        size,
        value: `${Math.round(r.rate)} updates/s`,
        target: '>= 500/s',
        met: r.rate >= 500,
      });
      rows.push({
        section: 'telegram',
        measure: `update in -> sendMessage at the API p50 / p99 (${how})`,
        size,
        value: `${ms(r.p50)} / ${ms(r.p99)}`,
        target: 'p99 <= 50 ms',
        met: r.p99 <= 50,
      });
    }
  } finally {
    await adapter.stop();
    await http.close();
    await fake.close();
  }
  return rows;
}
