import { describe, expect, it } from 'vitest';
import { TextIndex } from '../../src/search/text-index.js';

function index(
  docs: [key: number, title: string, summary: string, lang: string | null, places?: string[]][],
) {
  const ix = new TextIndex();
  for (const [key, title, summary, lang, places] of docs) ix.add(key, title, summary, lang, places);
  return ix;
}
const keys = (ix: TextIndex, q: string, placeOf?: (p: string) => string[] | null) =>
  ix.search(q, 0, 10, placeOf).hits.map((h) => h.key);

describe('TextIndex', () => {
  it('ranks what meets every idea first, and leaves out what has only a common word of a phrase', () => {
    const ix = index([
      [1, 'Trabajo, trabajo y más trabajo en el campo', 'El trabajo agrícola crece.', 'es'],
      [2, 'Nuevos permisos de trabajo para venezolanos', 'El ministerio los entrega en un mes.', 'es'],
      [3, 'Work permit portal opens in Guyana', 'Applications go online.', 'en'],
      [4, 'Cosecha de café', 'Los permisos y el trabajo de temporada.', 'es'],
    ]);
    const r = ix.search('permisos de trabajo', 0, 10);
    expect(r.hits.map((h) => h.key)).toEqual([2, 4, 3]);
    // 2 and 4 have the words typed; 3 says it in English
    expect(r.literal).toBe(2);
    expect(r.total).toBe(3);
  });

  it('counts the words typed above other words for them, in either language', () => {
    const ix = index([
      [1, 'Trabajadores estacionales llegan a Ontario', '', 'es'],
      [2, 'Seasonal workers arrive in Ontario', '', 'en'],
    ]);
    expect(keys(ix, 'seasonal workers')).toEqual([2, 1]);
    expect(keys(ix, 'trabajadores estacionales')).toEqual([1, 2]);
  });

  it('finds items by the places they are filed under, when the query names one', () => {
    const ix = index([
      [1, 'Hondureños en la frontera', '', 'es', ['HN', 'central-america']],
      [2, 'Remittances to Honduras rise', '', 'en', ['HN', 'central-america']],
      [3, 'Remittances to Mexico fall', '', 'en', ['MX']],
    ]);
    const placeOf = (p: string) => (p === 'honduras' ? ['HN'] : null);
    expect(keys(ix, 'honduras', placeOf)).toEqual([2, 1]);
    expect(keys(ix, 'honduras')).toEqual([2]);
  });

  it('finds a word by its start, for less', () => {
    const ix = index([
      [1, 'Recruitment agencies', '', 'en'],
      [2, 'Recruiters warned', 'recruit', 'en'],
    ]);
    expect(keys(ix, 'recruit')).toEqual([2, 1]);
    expect(keys(ix, 'recr')).toHaveLength(2);
  });

  it('replaces a document added again under its key, and forgets a removed one', () => {
    const ix = index([[1, 'Remesas récord', '', 'es']]);
    ix.add(1, 'Deportaciones desde México', '', 'es');
    expect(keys(ix, 'remesas')).toEqual([]);
    expect(keys(ix, 'deportaciones')).toEqual([1]);
    ix.remove(1);
    expect(ix.search('deportaciones', 0, 10)).toEqual({ total: 0, literal: 0, hits: [] });
    expect(ix.size).toBe(0);
  });

  it('pages: total counts every match, hits hold the page asked for', () => {
    const ix = index(
      Array.from(
        { length: 12 },
        (_, i) => [i + 1, `Remesas ${i}`, '', 'es'] as [number, string, string, string],
      ),
    );
    const r = ix.search('remesas', 10, 5);
    expect(r.total).toBe(12);
    expect(r.hits).toHaveLength(2);
  });
});
