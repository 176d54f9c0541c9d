/**
 * The digest fan-out: a weekly run to 10,000 Telegram chats with no platform limits, timed from
 * finding the digests due to the last one recorded in the ledger. The digest section runs it on
 * the lowdb store, the store section on PostgreSQL.
 */
import { createTelegramAdapter } from '../adapters/telegram/index.js';
import { sendDueDigests } from '../src/digest/deliver.js';
import { allCountryCodes } from '../src/places/gazetteer.js';
import type { NewsStore, Notifier, Platform } from '../src/ports.js';
import { FAKE_TOKEN } from '../tests/fakes/telegram-api.js';
import { silentLog } from '../tests/helpers/logs.js';
import {
  fakeProcess,
  MONDAY,
  SCHEDULE,
  storeWith,
  telegramChats,
  type OpenWithChats,
} from './digest-setup.js';

const log = silentLog();

const CHATS = 10_000;
const NEW_ITEMS = 2000;
const COUNTRIES = allCountryCodes().filter((c) =>
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

/** The run's size, as the rows say it. */
export const FAN_OUT_SIZE = `${CHATS} subscriptions, ${COUNTRIES.length} countries, ${NEW_ITEMS} new items`;

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

export interface FanOut {
  chats: number;
  /** digests composed, rendered, sent and recorded a second */
  rate: number;
  /** messages and their characters, as the fake Telegram counted them */
  messages: number;
  chars: number;
  /** digests under way at once */
  atOnce: number;
  /** the ledger's and chats' writes, summed over every digest under way, as a share of the wall time */
  storeShare: number;
}

/** The fan-out on the store `open` gives (the lowdb store when absent), which it closes. */
export async function fanOut(open?: OpenWithChats): Promise<FanOut> {
  const fake = await fakeProcess('./fake-telegram-process.ts');
  const { store: base, core } = await storeWith(telegramChats(CHATS), COUNTRIES, NEW_ITEMS, open);
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
  const seen = await fake.stats();
  fake.close();
  await base.close();
  if (report.sent !== CHATS) throw new Error(`expected ${CHATS} digests, got ${JSON.stringify(report)}`);
  const atOnce = adapter.notifier.concurrency ?? 16;
  return {
    chats: CHATS,
    rate: CHATS / s,
    messages: seen.messages,
    chars: seen.chars,
    atOnce,
    storeShare: ms() / atOnce / (s * 1000),
  };
}
