import { describe, expect, it } from 'vitest';
import { judgedCorpus, mean, scoreJudged } from './corpus.js';
import { JUDGED } from './judged.js';
import { allItems } from '../helpers/stores.js';

describe('the judged queries', () => {
  it('are 15 in English and 15 in Spanish, each graded on items the corpus holds', async () => {
    expect(JUDGED.filter((j) => j.lang === 'en')).toHaveLength(15);
    expect(JUDGED.filter((j) => j.lang === 'es')).toHaveLength(15);
    const titles = new Set((await allItems((await judgedCorpus()).store)).map((i) => i.title));
    const missing = JUDGED.flatMap((j) => Object.keys(j.grades).filter((t) => !titles.has(t)));
    expect(missing).toEqual([]);
  });

  // The figure itself is in `npm run bench -- search`; this keeps it from sliding back.
  it('score nDCG@5 of 0.9 or more through the search command', async () => {
    const scored = await scoreJudged(await judgedCorpus());
    expect(scored).toHaveLength(30);
    expect(mean(scored.map((s) => s.ndcg))).toBeGreaterThanOrEqual(0.9);
    // no query is left with nothing relevant on its first page
    expect(scored.filter((s) => s.ndcg < 0.5).map((s) => s.query)).toEqual([]);
  });
});
