import { readFileSync } from 'node:fs';
import { createCore, type Core } from '../../src/core.js';
import type { NewsStore } from '../../src/ports.js';
import { DEFAULT_SCHEDULE, NOW } from '../helpers/core.js';
import { JUDGED, ndcg, type Judged } from './judged.js';
import { memoryStore } from '../helpers/stores.js';

/**
 * The items the judged queries run over: the bundled sample, the tagging and feed fixtures
 * (English and Spanish items of the region, written for other tests), and items written for
 * search (tests/fixtures/search/items.jsonl: the hard cases, both languages).
 */
const FILES: [string, 'jsonl' | undefined][] = [
  ['data/sample-items.txt', undefined],
  ['tests/fixtures/tagging/heldout-en.jsonl', 'jsonl'],
  ['tests/fixtures/tagging/heldout-es.jsonl', 'jsonl'],
  ['tests/fixtures/tagging/heldout2.jsonl', 'jsonl'],
  ['tests/fixtures/feeds/listing-en-dates.txt', undefined],
  ['tests/fixtures/feeds/listing-es-dates.txt', undefined],
  ['tests/fixtures/feeds/listing-mixed-dates.txt', undefined],
  ['tests/fixtures/feeds/listing-no-dates.txt', undefined],
  ['tests/fixtures/feeds/jsonl-basic.jsonl', 'jsonl'],
  ['tests/fixtures/search/items.jsonl', 'jsonl'],
];

const ROOT = new URL('../../', import.meta.url);

/** A core over a store (a memory store unless given) holding the judged corpus. */
export async function judgedCorpus(store: NewsStore = memoryStore()): Promise<Core> {
  const core = createCore({ store, defaultSchedule: DEFAULT_SCHEDULE, sources: [] });
  for (const [file, format] of FILES) {
    await core.news.ingestBody(readFileSync(new URL(file, ROOT), 'utf8'), file, NOW, { format });
  }
  return core;
}

export interface Scored extends Judged {
  /** the titles of the first page, as the search command answered */
  titles: string[];
  ndcg: number;
}

/** Runs every judged query through the search command (`buscar` for the Spanish ones) and scores its first page. */
export async function scoreJudged(core: Core): Promise<Scored[]> {
  const out: Scored[] = [];
  for (const j of JUDGED) {
    const reply = await core.commands.run(`${j.lang === 'es' ? 'buscar' : 'search'} ${j.query}`, {
      address: { platform: 'console', chatId: `judge-${j.lang}` },
      canManage: true,
      now: NOW,
    });
    const titles = (reply.items ?? []).map((i) => i.title);
    out.push({ ...j, titles, ndcg: ndcg(titles, j.grades) });
  }
  return out;
}

export const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
