/**
 * Weekly digest runs through the real adapters, against fake platform APIs in processes of their
 * own: the fan-out with no limits, then Telegram and Slack at the pace they allow (Slack's run is
 * in digest-slack.ts). Runs alone: `npm run bench -- digest`.
 */
import { createTelegramAdapter } from '../adapters/telegram/index.js';
import { TELEGRAM_IN_FLIGHT } from '../adapters/telegram/pipeline.js';
import { sendDueDigests } from '../src/digest/deliver.js';
import type { Notifier, Platform } from '../src/ports.js';
import { FAKE_TOKEN } from '../tests/fakes/telegram-api.js';
import { fakeProcess, itemsDue, MONDAY, SCHEDULE, storeWith, telegramChats } from './digest-setup.js';
import { pacedSlack } from './digest-slack.js';
import { FAN_OUT_SIZE, fanOut } from './fan-out.js';
import type { Row } from './lib.js';
import { silentLog } from '../tests/helpers/logs.js';

const log = silentLog();

async function fanOutRows(): Promise<Row[]> {
  const r = await fanOut();
  const size = FAN_OUT_SIZE;
  return [
    {
      section: 'digests',
      measure: 'fan-out: composed, rendered, sent, recorded',
      size,
      value: `${Math.round(r.rate)} digests/s`,
      target: '>= 1000/s',
      met: r.rate >= 1000,
    },
    {
      section: 'digests',
      measure: 'fan-out: Telegram messages per digest (one whenever it fits)',
      size,
      value: (r.messages / r.chats).toFixed(2),
      target: '1.00',
      met: r.messages === r.chats,
    },
    {
      section: 'digests',
      measure: 'fan-out: characters per digest, as the reader sees them',
      size,
      value: `${Math.round(r.chars / r.chats)}`,
    },
    {
      section: 'digests',
      measure: `the store's share of that time (each of the ${r.atOnce} digests under way waits on ledger and chat writes)`,
      size,
      value: `${(r.storeShare * 100).toFixed(1)} %`,
    },
  ];
}

/**
 * A weekly run against the fake that keeps Telegram's limits (30 a second overall, 1 a second per
 * chat, 20 a minute per group) with a round trip of `rttMs`: how close to 30 a second it sends.
 */
async function pacedTelegram(rttMs: number): Promise<Row[]> {
  const chats = 1000;
  const fake = await fakeProcess('./fake-telegram-process.ts', ['--limits', '--rtt', String(rttMs)]);
  const { store, core } = await storeWith(telegramChats(chats), ['HN', 'GT', 'MX'], 400);
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
  const size = `${chats} subscriptions, ${Math.round(due / chats)} new items each, K ${TELEGRAM_IN_FLIGHT}`;
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
  const rows = await fanOutRows();
  for (const rtt of [0, 50, 150]) rows.push(...(await pacedTelegram(rtt)));
  for (const rtt of [0, 150]) rows.push(...(await pacedSlack(rtt)));
  return rows;
}
