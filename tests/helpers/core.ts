import { readFileSync } from 'node:fs';
import { createCore, type Core } from '../../src/core.js';
import type { NewsStore, Schedule } from '../../src/ports.js';
import { SAMPLE_SOURCE_LABEL, sourceLabels, type SourceEntry } from '../../src/news/source-labels.js';
import { memoryStore } from './stores.js';

export const SAMPLE = readFileSync(new URL('../../data/sample-items.txt', import.meta.url), 'utf8');
export const DEFAULT_SCHEDULE: Schedule = { weekday: 1, time: '09:00', timeZone: 'America/Costa_Rica' };
/** a fixed moment for tests: Saturday 2026-11-28 04:00 UTC */
export const NOW = new Date('2026-11-28T04:00:00Z');

/**
 * A core over a memory store, holding the bundled sample items unless told otherwise.
 * `extra` is JSON Lines text ingested after the sample ({title, summary, date?, url?}).
 */
export async function makeCore(
  opts: { store?: NewsStore; sample?: boolean; jsonl?: string; now?: Date; sources?: SourceEntry[] } = {},
): Promise<Core> {
  const core = createCore({
    store: opts.store ?? memoryStore(),
    // as the service does: a store shared by instances gives its request log
    requests: opts.store?.requests,
    defaultSchedule: DEFAULT_SCHEDULE,
    sources: ['data/sample-items.txt'],
    sourceLabels: sourceLabels([
      { source: 'data/sample-items.txt', ...SAMPLE_SOURCE_LABEL },
      ...(opts.sources ?? []),
    ]),
  });
  const now = opts.now ?? NOW;
  if (opts.sample !== false) await core.news.ingestBody(SAMPLE, 'data/sample-items.txt', now);
  if (opts.jsonl) await core.news.ingestBody(opts.jsonl, 'test.jsonl', now, { format: 'jsonl' });
  return core;
}

/** JSON Lines for items: one {title, summary, date, url} object a line. */
export function jsonl(items: { title: string; summary?: string; date?: string; url?: string }[]): string {
  return items.map((i) => JSON.stringify({ summary: '', ...i })).join('\n');
}
