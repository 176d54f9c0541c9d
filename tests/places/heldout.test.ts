import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createTagger } from '../../src/places/tagger.js';

/**
 * Held-out evaluation of the place tagger. Each line of a fixture is a news item with the countries and
 * regions it names, written by hand by the rule "every country the text names, by name, place, demonym or
 * alias, is tagged and nothing else" before the gazetteer was expanded. The bar is micro-averaged precision
 * and recall of at least 0.95, per file and language and overall, for countries and for regions.
 */

interface Item {
  /** heldout2 mixes languages and says which one each item is in */
  lang?: 'en' | 'es';
  title: string;
  summary: string;
  countries: string[];
  regions: string[];
}

interface Score {
  tp: number;
  fp: number;
  fn: number;
}

const BAR = 0.95;
const dir = fileURLToPath(new URL('../fixtures/tagging/', import.meta.url));

function load(file: string): Item[] {
  return readFileSync(dir + file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Item);
}

const tagger = createTagger();
const empty = (): Score => ({ tp: 0, fp: 0, fn: 0 });
const precision = (s: Score) => (s.tp + s.fp === 0 ? 1 : s.tp / (s.tp + s.fp));
const recall = (s: Score) => (s.tp + s.fn === 0 ? 1 : s.tp / (s.tp + s.fn));

function add(score: Score, expected: string[], got: string[], misses: string[], label: string) {
  const want = new Set(expected);
  const have = new Set(got);
  for (const c of have)
    if (want.has(c)) score.tp++;
    else {
      score.fp++;
      misses.push(`${label}: extra ${c}`);
    }
  for (const c of want)
    if (!have.has(c)) {
      score.fn++;
      misses.push(`${label}: missing ${c}`);
    }
}

interface Result {
  countries: Score;
  regions: Score;
  misses: string[];
}

function evaluate(items: Item[]): Result {
  const r: Result = { countries: empty(), regions: empty(), misses: [] };
  for (const it of items) {
    const tags = tagger.tag(`${it.title}\n${it.summary}`);
    add(r.countries, it.countries, tags.countries, r.misses, it.title);
    add(r.regions, it.regions, tags.regions, r.misses, it.title);
  }
  return r;
}

const en = load('heldout-en.jsonl');
const es = load('heldout-es.jsonl');
const second = load('heldout2.jsonl');

const sets: [string, Item[]][] = [
  ['heldout-en', en],
  ['heldout-es', es],
  ['heldout-en+es', [...en, ...es]],
  ['heldout2 (en)', second.filter((i) => i.lang === 'en')],
  ['heldout2 (es)', second.filter((i) => i.lang === 'es')],
  ['all en', [...en, ...second.filter((i) => i.lang === 'en')]],
  ['all es', [...es, ...second.filter((i) => i.lang === 'es')]],
  ['heldout2', second],
  ['all', [...en, ...es, ...second]],
];

const results = new Map(sets.map(([name, items]) => [name, evaluate(items)]));

const pct = (x: number) => (100 * x).toFixed(1).padStart(6);
console.log(
  [
    'set                items  country P  country R  region P  region R',
    ...sets.map(([name, items]) => {
      const r = results.get(name)!;
      return `${name.padEnd(18)} ${String(items.length).padStart(5)}     ${pct(precision(r.countries))}     ${pct(recall(r.countries))}    ${pct(precision(r.regions))}    ${pct(recall(r.regions))}`;
    }),
  ].join('\n'),
);
const allMisses = [
  ...new Set(['heldout-en', 'heldout-es', 'heldout2'].flatMap((name) => results.get(name)!.misses)),
];
if (allMisses.length) console.log(`tagging differences (${allMisses.length}):\n  ${allMisses.join('\n  ')}`);

describe('held-out tagging evaluation', () => {
  it('has enough items in each file', () => {
    expect(en.length).toBeGreaterThanOrEqual(80);
    expect(es.length).toBeGreaterThanOrEqual(80);
    expect(second.length).toBeGreaterThanOrEqual(40);
    for (const it of second) expect(['en', 'es']).toContain(it.lang);
    for (const it of [...en, ...es, ...second]) {
      expect(typeof it.title).toBe('string');
      expect(Array.isArray(it.countries) && Array.isArray(it.regions)).toBe(true);
    }
  });

  for (const [name] of sets) {
    it(`${name}: country precision and recall are at least ${BAR}`, () => {
      const r = results.get(name)!;
      expect(precision(r.countries)).toBeGreaterThanOrEqual(BAR);
      expect(recall(r.countries)).toBeGreaterThanOrEqual(BAR);
    });
    it(`${name}: region precision and recall are at least ${BAR}`, () => {
      const r = results.get(name)!;
      expect(precision(r.regions)).toBeGreaterThanOrEqual(BAR);
      expect(recall(r.regions)).toBeGreaterThanOrEqual(BAR);
    });
  }
});
