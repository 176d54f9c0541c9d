/**
 * The archive reader checks each item by hand (isItem, for speed) and explains a bad one with the
 * zod schema (itemProblem): the two must agree on every item, or a bad item would be read as
 * good, or a good one stop the store with no problem to show.
 */
import { describe, expect, it } from 'vitest';
import { isItem, itemProblem } from '../../store/shapes.js';

const good = {
  id: 'a1',
  title: 'Title',
  summary: 'Summary',
  firstSeenAt: '2026-11-30T10:00:00.000Z',
  updatedAt: '2026-11-30T10:00:00.000Z',
  seq: 3,
  date: '2026-11-29',
  url: 'https://example.org/a',
  lang: 'es',
  countries: ['HN'],
  regions: ['central-america'],
  topics: [],
  sources: ['feed'],
};

const values: unknown[] = [undefined, null, 0, -1, 1.5, 7, '', 'x', true, [], ['x'], [1], {}, { a: 1 }];

describe('the item check by hand and the item schema', () => {
  it('both take a stored item, with its optional fields null or absent, and extra fields', () => {
    const variants = [
      good,
      { ...good, date: null, url: null, lang: null },
      { ...good, date: undefined, url: undefined, lang: undefined },
      { ...good, extra: 'kept' },
    ];
    for (const v of variants) {
      expect(isItem(v)).toBe(true);
      expect(itemProblem(v)).toBeNull();
    }
  });

  it('agree on every field set to every kind of value, and on values that are no object', () => {
    let bad = 0;
    for (const field of Object.keys(good)) {
      for (const value of values) {
        const v = { ...good, [field]: value };
        const problem = itemProblem(v);
        expect({ field, value, fast: isItem(v) }).toEqual({ field, value, fast: problem === null });
        if (problem) {
          bad++;
          expect(problem).toMatch(
            new RegExp(`^(no ${field}|${field}(\\[\\d+\\])? is not .* \\(it is .*\\))$`),
          );
        }
      }
    }
    expect(bad).toBeGreaterThan(100);
    for (const v of [null, 5, 'item', [good]]) {
      expect(isItem(v)).toBe(false);
      expect(itemProblem(v)).toMatch(/^it is /);
    }
  });
});
