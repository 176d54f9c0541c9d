import countries from 'i18n-iso-countries';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseBody } from '../../src/news/parse/index.js';
import { prepareItems } from '../../src/news/prepare.js';
import { createTagger } from '../../src/places/tagger.js';
import { run, runInProcess, type Ran } from '../helpers/run.js';
import { fixture } from './fixtures.js';

const KEYS = ['countries', 'date', 'id', 'lang', 'regions', 'summary', 'title', 'topics', 'url'];
const F = 'tests/fixtures/feeds';

// In this process, as the command line runs them; one run below goes through a process of its own.
let rss: Ran;
let jsonl: Ran;
let missing: Ran;
let forced: Ran;
beforeAll(async () => {
  rss = await runInProcess(['parse', `${F}/rss-basic.xml`, '--json']);
  jsonl = await runInProcess(['parse', `${F}/jsonl-some-bad-lines.jsonl`, '--json']);
  missing = await runInProcess(['parse', `${F}/no-such-feed.xml`, '--json']);
  forced = await runInProcess(['parse', `${F}/listing-es-dates.txt`, '--format', 'rss', '--json']);
});

const jsonLines = (r: Ran) =>
  r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('newsbot parse <file> --json', () => {
  it('as a command of its own: the same lines on standard output, exit 0', async () => {
    const real = await run('src/cli.ts', ['parse', `${F}/rss-basic.xml`, '--json']);
    expect(real).toEqual({ code: 0, stdout: rss.stdout, stderr: '' });
  });

  it('prints one JSON object a line with exactly the keys of DESIGN.md', () => {
    expect(rss.code).toBe(0);
    expect(rss.stderr).toBe('');
    const out = jsonLines(rss);
    expect(out).toHaveLength(4);
    for (const o of out) {
      expect(Object.keys(o).sort()).toEqual(KEYS);
      expect(o.date === null || /^\d{4}-\d{2}-\d{2}$/.test(o.date as string)).toBe(true);
      for (const k of ['countries', 'regions', 'topics']) expect(Array.isArray(o[k])).toBe(true);
    }
  });

  it('countries are ISO 3166-1 alpha-2 codes', () => {
    const all = [...jsonLines(rss), ...jsonLines(jsonl)].flatMap((o) => o.countries as string[]);
    expect(all.length).toBeGreaterThan(5);
    for (const c of all) {
      expect(c).toMatch(/^[A-Z]{2}$/);
      expect(countries.isValid(c)).toBe(true);
    }
  });

  it('prints what the parsing pipeline makes of the file: dates, canonical URLs, language, tags', () => {
    const expected = prepareItems(parseBody(fixture('rss-basic.xml')).items, createTagger());
    expect(jsonLines(rss)).toEqual(
      expected.map(({ id, date, title, summary, url, lang, countries: c, regions, topics }) => ({
        id,
        date,
        title,
        summary,
        url,
        lang,
        countries: c,
        regions,
        topics,
      })),
    );
    expect(jsonLines(rss).map((o) => [o.date, o.url, o.lang])).toEqual([
      [
        '2021-03-16',
        'https://rosanjose.iom.int/en/news/guatemala-and-mexico-agree-orderly-labour-migration',
        'en',
      ],
      [
        '2021-03-08',
        'https://rosanjose.iom.int/en/news/honduras-employers-and-unions-discuss-recruitment',
        'en',
      ],
      ['2021-02-05', 'https://rosanjose.iom.int/en/news/belize-and-iom-train-labour-inspectors', 'en'],
      ['2021-01-28', null, 'en'],
    ]);
    expect(jsonLines(rss)[0].countries).toEqual(['GT', 'MX']);
  });

  it('JSON Lines: the good lines on stdout, the skipped ones on stderr, exit 0', () => {
    expect(jsonl.code).toBe(0);
    expect(jsonLines(jsonl).map((o) => o.title)).toEqual([
      'Trinidad and Tobago re-opens registration for Venezuelan migrants',
      'Jamaica sends first group of farm workers to Canada this season',
      'Nicaragua y Costa Rica revisan el convenio de trabajadores temporales',
    ]);
    expect(jsonLines(jsonl)[0].countries).toEqual(['TT', 'VE']);
    expect(jsonl.stderr).toMatch(/jsonl-some-bad-lines\.jsonl: line 2: not valid JSON/);
    expect(jsonl.stderr).toMatch(/line 5: needs a "title" string/);
    expect(jsonl.stderr).toMatch(/line 6: needs a "title" string/);
  });

  it('a missing file: non-zero exit, a clear message on stderr, nothing on stdout', () => {
    expect(missing.code).not.toBe(0);
    expect(missing.stdout).toBe('');
    expect(missing.stderr.trim()).toBe(`newsbot: ${F}/no-such-feed.xml: no file at ${F}/no-such-feed.xml`);
  });

  it('--format rss on a text file: a parse error that names the format', () => {
    expect(forced.code).not.toBe(0);
    expect(forced.stdout).toBe('');
    expect(forced.stderr).toMatch(
      /^newsbot: tests\/fixtures\/feeds\/listing-es-dates\.txt: malformed XML at line 1: /,
    );
    expect(forced.stderr).toMatch(/read as rss, as --format asked/);
    expect(forced.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });
});
