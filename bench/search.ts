/**
 * Search: how well it finds what people mean (nDCG@5 of the judged queries in
 * tests/search/judged.ts) and what the full-text index costs at a hundred thousand items.
 */
import { NewsIndex } from '../src/search/news-index.js';
import type { CommandContext } from '../src/commands/context.js';
import { judgedCorpus, mean, scoreJudged } from '../tests/search/corpus.js';
import { JUDGED } from '../tests/search/judged.js';
import { coreWithItems } from './core.js';
import { ms, percentile, timeRuns, type Row } from './lib.js';

const TARGET = 0.9;

async function quality(): Promise<Row[]> {
  const core = await judgedCorpus();
  const scored = await scoreJudged(core);
  const size = `${await core.store.items.count()} items, ${scored.length} queries`;
  const row = (measure: string, xs: number[]): Row => {
    const v = mean(xs);
    return {
      section: 'search',
      measure,
      size,
      value: v.toFixed(3),
      target: `>= ${TARGET}`,
      met: v >= TARGET,
    };
  };
  return [
    row(
      'nDCG@5, judged queries, all',
      scored.map((s) => s.ndcg),
    ),
    row(
      'nDCG@5, judged queries, English',
      scored.filter((s) => s.lang === 'en').map((s) => s.ndcg),
    ),
    row(
      'nDCG@5, judged queries, Spanish',
      scored.filter((s) => s.lang === 'es').map((s) => s.ndcg),
    ),
  ];
}

async function atScale(): Promise<Row[]> {
  const n = 100_000;
  const size = `${n} items`;
  const { core } = await coreWithItems(n);
  const items = await core.store.items.window(0, await core.store.items.lastSeq());
  const builds: number[] = [];
  for (let i = 0; i < 3; i++) {
    const index = new NewsIndex(items, { background: true });
    const t0 = performance.now();
    await index.buildText();
    builds.push(performance.now() - t0);
  }
  const ctx: CommandContext = {
    address: { platform: 'console', chatId: 'bench' },
    canManage: true,
    now: new Date(),
  };
  const t = await timeRuns(300, (i) => {
    const j = JUDGED[i % JUDGED.length];
    return core.commands.run(`${j.lang === 'es' ? 'buscar' : 'search'} ${j.query}`, ctx);
  });
  return [
    {
      section: 'search',
      measure: 'full-text index build (best of 3)',
      size,
      value: `${(Math.min(...builds) / 1000).toFixed(2)} s`,
    },
    {
      section: 'search',
      measure: 'search <judged queries> p50 / p95',
      size,
      value: `${ms(percentile(t, 50))} / ${ms(percentile(t, 95))}`,
      target: 'p95 <= 5 ms',
      met: percentile(t, 95) <= 5,
    },
  ];
}

export async function benchSearch(): Promise<Row[]> {
  return [...(await quality()), ...(await atScale())];
}
