import { describe, expect, it } from 'vitest';
import { langsOf, stem, termOf } from '../../src/search/terms.js';

describe('terms', () => {
  it('stem a word in its language: Snowball English and Spanish', () => {
    expect(stem('recruitment', 'en')).toBe(stem('recruiting', 'en'));
    expect(stem('trabajadores', 'es')).toBe(stem('trabajadoras', 'es'));
    expect(stem('estacionales', 'es')).toBe(stem('estacional', 'es'));
    // the same letters are different words in each language
    expect(termOf('costs', 'en')).toBe('en:cost');
    expect(termOf('costos', 'es')).toBe('es:cost');
    expect(termOf('costs', 'en')).not.toBe(termOf('costos', 'es'));
  });

  it('read British spellings as American ones', () => {
    expect(stem('labour', 'en')).toBe(stem('labor', 'en'));
    expect(stem('labourers', 'en')).toBe(stem('laborers', 'en'));
    expect(stem('organisation', 'en')).toBe(stem('organization', 'en'));
    expect(stem('recognised', 'en')).toBe(stem('recognized', 'en'));
    expect(stem('programmes', 'en')).toBe(stem('programs', 'en'));
    expect(stem('centre', 'en')).toBe(stem('center', 'en'));
    // and leave alone the words that only look like them
    expect(stem('hours', 'en')).toBe('hour');
    expect(stem('four', 'en')).toBe('four');
  });

  it('leave numbers and the words of place names as written', () => {
    expect(stem('costa', 'es')).toBe('costa');
    expect(stem('costos', 'es')).not.toBe('costa');
    expect(stem('granada', 'es')).toBe('granada');
    expect(stem('honduras', 'en')).toBe('honduras');
    expect(stem('2020', 'es')).toBe('2020');
  });

  it('drop stop words of either language, accents and case', () => {
    expect(termOf('the', 'en')).toBeNull();
    expect(termOf('de', 'en')).toBeNull();
    expect(termOf('Migración', 'es')).toBe(termOf('migracion', 'es'));
  });

  it('read an item in its language, or in both when it has none', () => {
    expect(langsOf('en')).toEqual(['en']);
    expect(langsOf('es-419')).toEqual(['es']);
    expect(langsOf(null)).toEqual(['en', 'es']);
    expect(langsOf('fr')).toEqual(['en', 'es']);
  });
});
