import { describe, expect, it } from 'vitest';
import { planQuery } from '../../src/search/query.js';

const ideas = (q: string, placeOf?: (p: string) => string[] | null) => {
  const plan = planQuery(q, placeOf);
  return plan.ideas.map((i) => ({ words: i.words.map((w) => plan.words[w].text), terms: i.terms }));
};

describe('a query read into ideas', () => {
  it('a run of words that names a concept is one idea, its stop words included', () => {
    expect(ideas('permisos de trabajo')).toEqual([
      { words: ['permisos', 'trabajo'], terms: ['@work-permit'] },
    ]);
    expect(ideas('trata de personas')).toEqual([{ words: ['trata', 'personas'], terms: ['@trafficking'] }]);
    expect(ideas('human trafficking')).toEqual([
      { words: ['human', 'trafficking'], terms: ['@trafficking'] },
    ]);
  });

  it('other words are ideas of their own, with the concepts each names alone', () => {
    const plan = planQuery('remesas Honduras');
    expect(plan.ideas.map((i) => i.words)).toEqual([[0], [1]]);
    expect(plan.words).toEqual([
      { text: 'remesas', terms: ['@remittances'] },
      { text: 'honduras', terms: [] },
    ]);
  });

  it('the longest phrase wins where two overlap', () => {
    // "reclutamiento" alone is recruitment; with "ético" it is ethical recruitment
    expect(ideas('reclutamiento ético')).toEqual([
      { words: ['reclutamiento', 'etico'], terms: ['@ethical-recruitment'] },
    ]);
  });

  it('words too ambiguous in an item still name a concept in a query', () => {
    expect(planQuery('trata').words[0].terms).toEqual(['@trafficking']);
  });

  it('places are asked about in what the glossary leaves, longest first', () => {
    const asked: string[] = [];
    const placeOf = (p: string) => {
      asked.push(p);
      return p === 'costa rica' ? ['CR'] : p === 'hondurenos' ? ['HN'] : null;
    };
    expect(ideas('asylum seekers Costa Rica', placeOf)).toEqual([
      { words: ['asylum', 'seekers'], terms: ['@asylum'] },
      { words: ['costa', 'rica'], terms: ['#CR'] },
    ]);
    expect(asked).not.toContain('asylum seekers');
    expect(planQuery('trabajadores hondureños', placeOf).words[1]).toEqual({
      text: 'hondurenos',
      terms: ['#HN'],
    });
  });

  it('reads eight words at most, each once', () => {
    expect(planQuery('uno dos tres cuatro cinco seis siete ocho nueve diez').words).toHaveLength(8);
    expect(planQuery('remesas remesas').words).toHaveLength(1);
  });
});
