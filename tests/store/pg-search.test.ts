import { afterAll, describe, expect, it } from 'vitest';
import { judgedCorpus, mean, scoreJudged } from '../search/corpus.js';
import { hasPg, pgStores } from '../helpers/pg.js';

describe.skipIf(!hasPg)('search on PostgreSQL', () => {
  const pg = pgStores();
  afterAll(() => pg.close());

  it('answers the judged queries as the memory index does', async () => {
    const mem = await scoreJudged(await judgedCorpus());
    const db = await scoreJudged(await judgedCorpus(await pg.open()));
    const differ = db.filter((s, i) => s.titles.join('\n') !== mem[i].titles.join('\n'));
    console.log(mean(mem.map((s) => s.ndcg)), mean(db.map((s) => s.ndcg)), differ.length);
    for (const d of differ) console.log(d.query, '\n  ', d.titles, '\n  ', mem[db.indexOf(d)].titles);
    expect(differ.map((s) => s.query)).toEqual([]);
  });
});
