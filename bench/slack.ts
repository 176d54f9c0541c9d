/**
 * The Slack adapter under load: signed slash-command POSTs over loopback to the running Bolt
 * app (HTTPReceiver on the shared listener), 100,000 stored items, replies through response_url
 * to the fake Web API. Client, service and fake share one process, so the figures include the
 * client's own work; Slack's limit for the acknowledgement is 3,000 ms.
 *
 * Alone: npx tsx -e "import('./bench/slack.ts').then(m=>m.benchSlack()).then(console.log)"
 */
import { randomUUID } from 'node:crypto';
import v8 from 'node:v8';
import vm from 'node:vm';
import { createCore } from '../src/core.js';
import { createMemoryStore } from '../store/memory-store.js';
import { slashForm, startRig, type Rig } from '../tests/helpers/slack-rig.js';
import { generateItems, toJsonLines } from './generate.js';
import { ms, percentile, type Row } from './lib.js';
import { itemFiling } from '../src/search/filing.js';

const SCHEDULE = { weekday: 1, time: '09:00', timeZone: 'America/Costa_Rica' };
const NOW = new Date('2026-11-28T04:00:00Z');
const ITEMS = 100_000;

const COUNTRIES = [
  'costa rica',
  'honduras',
  'mexico',
  'guatemala',
  'haiti',
  'venezuela',
  'jamaica',
  'canada',
  'philippines',
  'caribbean',
];
const WORDS = [
  'recruitment',
  'remesas',
  'ethical recruitment',
  'trabajadoras migrantes',
  'diaspora',
  'seasonal work',
  'labour rights',
];

/** The commands people type most, in turn. */
function commandText(i: number): string {
  switch (i % 4) {
    case 0:
      return `latest ${1 + (i % 10)}`;
    case 1:
      return `country ${COUNTRIES[i % COUNTRIES.length]}`;
    case 2:
      return `search ${WORDS[i % WORDS.length]}`;
    default:
      return `pais ${COUNTRIES[(i + 3) % COUNTRIES.length]} desde 2020-01`;
  }
}

/**
 * Collects the setup's garbage before measuring: parsing and tagging 100,000 items leaves about
 * 250 MB behind, and the one full collection of it would otherwise land on a measured request.
 * The figures are then the steady state, which is what a person typing /news meets.
 */
function settleHeap(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

/** One command: the time to the HTTP acknowledgement and to the respond() call reaching the fake. */
async function timedCommand(rig: Rig, i: number, channel: string): Promise<{ ack: number; respond: number }> {
  const id = `bench-${randomUUID()}`;
  const body = slashForm(commandText(i), rig.fake.responseUrl(id), { channel });
  const t0 = performance.now();
  const r = await rig.post(body);
  const ack = performance.now() - t0;
  if (r.status !== 200) throw new Error(`slash command answered ${r.status}`);
  const response = await rig.fake.waitFor(
    () => rig.fake.responsesTo(id)[0],
    10_000,
    `the answer to "${commandText(i)}"`,
  );
  return { ack, respond: response.at - t0 };
}

export async function benchSlack(): Promise<Row[]> {
  const core = createCore({
    store: createMemoryStore(itemFiling),
    defaultSchedule: SCHEDULE,
    sources: ['bench'],
  });
  await core.news.ingestBody(toJsonLines(generateItems(ITEMS)), 'bench', NOW, { format: 'jsonl' });
  const rig = await startRig({ core });
  const size = `${ITEMS.toLocaleString('en')} items`;
  try {
    for (let i = 0; i < 30; i++) await timedCommand(rig, i, 'C0WARM');
    settleHeap();

    // Latency: one command at a time, as a person would.
    const acks: number[] = [];
    const responds: number[] = [];
    for (let i = 0; i < 400; i++) {
      const t = await timedCommand(rig, i, `C0LAT${i % 8}`);
      acks.push(t.ack);
      responds.push(t.respond);
    }

    // Throughput: 16 commands in flight from many channels, for 2,000 commands.
    const total = 2000;
    const inFlight = 16;
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < total) {
          const i = next++;
          await timedCommand(rig, i, `C0TP${i % 50}`);
        }
      }),
    );
    const perSecond = total / ((performance.now() - t0) / 1000);

    const ack99 = percentile(acks, 99);
    const respond99 = percentile(responds, 99);
    return [
      {
        section: 'slack',
        measure: 'slash command → HTTP ack p50 / p99',
        size,
        value: `${ms(percentile(acks, 50))} / ${ms(ack99)}`,
        target: 'p99 <= 100 ms',
        met: ack99 <= 100,
      },
      {
        section: 'slack',
        measure: 'slash command → respond() at the fake p50 / p99',
        size,
        value: `${ms(percentile(responds, 50))} / ${ms(respond99)}`,
        target: 'p99 <= 200 ms',
        met: respond99 <= 200,
      },
      {
        section: 'slack',
        measure: `commands answered per second (${inFlight} in flight)`,
        size,
        value: `${Math.round(perSecond)} /s`,
      },
    ];
  } finally {
    await rig.close();
  }
}
