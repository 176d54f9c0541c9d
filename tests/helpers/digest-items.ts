import type { Core } from '../../src/core.js';
import { sendDueDigests } from '../../src/digest/deliver.js';
import type { Notifier, Platform } from '../../src/ports.js';
import { DEFAULT_SCHEDULE, jsonl } from './core.js';
import { silentLog } from './logs.js';

/** When the test chats subscribe: Friday 20 November 2026. */
export const SUBSCRIBED_AT = new Date('2026-11-20T12:00:00Z');
/** After Monday 30 November's 09:00 in Costa Rica (the default schedule): the first digest is due. */
export const FIRST_DIGEST = new Date('2026-11-30T15:00:10Z');

const HEADLINES = [
  (p: string) => `${p} and IOM train labour inspectors on ethical recruitment of seasonal workers`,
  (p: string) => `Returnees in ${p} get job placement support through new municipal employment centres`,
  (p: string) => `Remittances to ${p} reach a record as families invest in small businesses`,
  (p: string) => `${p}: employers sign code of conduct for fair recruitment of migrant workers abroad`,
  (p: string) => `Labour ministry of ${p} opens registry for temporary work programmes in Canada`,
];

/**
 * Items of the kind the sources carry (a headline of 70–100 characters, a summary, a date and a
 * link), `n` of them alternating between Honduras and Guatemala, the last one about both; the
 * newest (highest number) is dated latest.
 */
export function typicalItems(n: number) {
  return Array.from({ length: n }, (_, i) => {
    const both = i === n - 1;
    const place = both ? 'Honduras and Guatemala' : i % 2 ? 'Guatemala' : 'Honduras';
    const day = new Date(Date.UTC(2026, 10, 21) + Math.floor((i * 8) / n) * 86_400_000);
    return {
      title: `${HEADLINES[i % HEADLINES.length](place)} (${i + 1})`,
      summary: `Story ${i + 1}. ${'Workers, employers and the authorities met to agree on next steps. '.repeat(4)}`,
      date: day.toISOString().slice(0, 10),
      url: `https://news.example.org/2026/11/labour-migration-story-number-${i + 1}`,
    };
  });
}

/** Ingests `n` typical items after the chats subscribed. */
export async function addTypical(core: Core, n: number): Promise<void> {
  await core.news.ingestBody(jsonl(typicalItems(n)), 'typical.jsonl', new Date('2026-11-29T00:00:00Z'), {
    format: 'jsonl',
  });
}

/** Sends the digests due at `at` through a platform's real notifier. */
export function sendDigests(core: Core, platform: Platform, notifier: Notifier, at = FIRST_DIGEST) {
  return sendDueDigests(
    {
      store: core.store,
      notifiers: new Map([[platform, notifier]]),
      defaultSchedule: DEFAULT_SCHEDULE,
      sourceLabels: core.sourceLabels,
      log: silentLog(),
    },
    at,
  );
}
