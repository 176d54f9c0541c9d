import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/core.js';
import type { NewsItem } from '../../src/news/item.js';
import { itemId, normaliseRaw } from '../../src/news/normalise.js';
import { parseBody } from '../../src/news/parse/index.js';
import type { NewsStore } from '../../src/ports.js';
import { DEFAULT_SCHEDULE } from '../helpers/core.js';
import { fixture, fixturePath, SEED } from './fixtures.js';
import { memoryStore, allItems } from '../helpers/stores.js';
import { tempDir } from '../helpers/temp.js';

const T1 = new Date('2026-11-20T08:00:00Z');
const T2 = new Date('2026-11-21T08:00:00Z');
const T3 = new Date('2026-11-22T08:00:00Z');

const newCore = (store: NewsStore = memoryStore()): Core =>
  createCore({ store, defaultSchedule: DEFAULT_SCHEDULE, sources: [] });
const lines = (...objs: object[]) => objs.map((o) => JSON.stringify(o)).join('\n');
const byTitle = async (core: Core, title: string) =>
  (await allItems(core.store)).filter((it) => it.title === title);
const snapshot = async (core: Core): Promise<NewsItem[]> => structuredClone(await allItems(core.store));

describe('ids', () => {
  it('are the same on every run, from the URL when there is one, else from title and date', async () => {
    const runs: string[][] = [];
    for (let i = 0; i < 2; i++) {
      const core = newCore();
      await core.news.ingestBody(SEED, 'data/sample-items.txt', i === 0 ? T1 : T3);
      await core.news.ingestBody(fixture('rss-basic.xml'), 'rss-basic.xml', i === 0 ? T1 : T3);
      runs.push((await allItems(core.store)).map((it) => it.id));
    }
    expect(runs[0]).toHaveLength(14);
    expect(runs[1]).toEqual(runs[0]);
    const expected = [...parseBody(SEED).items, ...parseBody(fixture('rss-basic.xml')).items].map((raw) =>
      itemId(normaliseRaw(raw)),
    );
    expect(runs[0]).toEqual(expected);
  });

  it('a new core over the same store recognises what it holds: nothing is added twice after a restart', async () => {
    const store = memoryStore();
    await newCore(store).news.ingestBody(SEED, 'data/sample-items.txt', T1);
    const before = await snapshot(newCore(store));
    const r = await newCore(store).news.ingestBody(SEED, 'data/sample-items.txt', T2);
    expect(r).toMatchObject({ ok: true, read: 10, added: 0, updated: 0 });
    expect(await allItems(store)).toEqual(before);
  });
});

describe('the same story from two sources is one item', () => {
  const title = 'Guatemala and Mexico agree on orderly labour migration for seasonal farm workers';
  const url = 'https://rosanjose.iom.int/en/news/guatemala-and-mexico-agree-orderly-labour-migration';
  // the plain listing of the same story: no URL, the title with a U+00A0 and other spacing, a footnote
  const listing = `16 March 2021\n\nGuatemala and Mexico agree on orderly\u00a0labour migration for seasonal farm workers  \n\nThe Ministries of Labour of Guatemala and Mexico signed a letter of intent.1\n`;

  it('plain text first, then the feed with a URL: one item, both sources, the URL added', async () => {
    const core = newCore();
    await core.news.ingestBody(listing, 'listing.txt', T1);
    const [first] = await byTitle(core, title);
    expect(first.url).toBeNull();
    const r = await core.news.ingestBody(fixture('rss-basic.xml'), 'rss-basic.xml', T2);
    expect(r).toMatchObject({ read: 4, added: 3, updated: 1 });
    const same = await byTitle(core, title);
    expect(same).toHaveLength(1);
    expect(same[0]).toMatchObject({
      id: first.id,
      seq: first.seq,
      firstSeenAt: T1.toISOString(),
      url,
      sources: ['listing.txt', 'rss-basic.xml'],
    });
    expect(await allItems(core.store)).toHaveLength(4);
  });

  it('the feed first, then the plain text: still one item, with both sources', async () => {
    const core = newCore();
    await core.news.ingestBody(fixture('rss-basic.xml'), 'rss-basic.xml', T1);
    const [first] = await byTitle(core, title);
    const r = await core.news.ingestBody(listing, 'listing.txt', T2);
    expect(r).toMatchObject({ read: 1, added: 0 });
    const same = await byTitle(core, title);
    expect(same).toHaveLength(1);
    expect(same[0]).toMatchObject({
      id: first.id,
      seq: first.seq,
      url,
      sources: ['rss-basic.xml', 'listing.txt'],
    });
    expect(await allItems(core.store)).toHaveLength(4);
  });

  it('the same URL with tracking parameters, www, a fragment or another scheme is the same story', async () => {
    const core = newCore();
    const story = {
      title: 'Jamaica sends first group of farm workers to Canada this season',
      summary: 'Ninety workers left Kingston for Ontario.',
      date: '2021-03-04',
    };
    await core.news.ingestBody(
      lines({
        ...story,
        url: 'https://www.jis.gov.jm/farm-workers-canada/?utm_source=twitter&utm_medium=social',
      }),
      'a.jsonl',
      T1,
    );
    await core.news.ingestBody(
      lines({
        ...story,
        title: `JIS: ${story.title}`,
        url: 'http://jis.gov.jm/farm-workers-canada#comments',
      }),
      'b.jsonl',
      T2,
    );
    await core.news.ingestBody(
      lines({ ...story, url: 'https://jis.gov.jm/farm-workers-canada?fbclid=IwAR3' }),
      'c.jsonl',
      T3,
    );
    const items = await allItems(core.store);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      seq: 1,
      url: 'https://jis.gov.jm/farm-workers-canada',
      sources: ['a.jsonl', 'b.jsonl', 'c.jsonl'],
    });
  });

  it('the same story twice in one source is one item', async () => {
    const core = newCore();
    const story = {
      title: 'Honduras y México firman memorando sobre movilidad laboral',
      summary: 'Un programa piloto.',
      date: '2020-12-04',
    };
    const r = await core.news.ingestBody(
      lines(story, { ...story, title: 'HONDURAS Y MÉXICO FIRMAN MEMORANDO SOBRE MOVILIDAD LABORAL' }),
      'a.jsonl',
      T1,
    );
    expect(r).toMatchObject({ read: 2, added: 1 });
    expect(await allItems(core.store)).toHaveLength(1);
  });

  it('a different date makes a different story', async () => {
    const core = newCore();
    const story = {
      title: 'Weekly update on migrant workers in the region',
      summary: 'Figures of the week.',
    };
    await core.news.ingestBody(
      lines({ ...story, date: '2021-03-01' }, { ...story, date: '2021-03-08' }),
      'a.jsonl',
      T1,
    );
    expect((await allItems(core.store)).map((it) => it.date)).toEqual(['2021-03-01', '2021-03-08']);
  });
});

describe('an edited summary', () => {
  const story = {
    title: 'IOM and the Ministry of Labour train labour inspectors',
    summary: 'Forty inspectors from Tegucigalpa took part in the course on ethical recruitment.',
    date: '2021-03-02',
    url: 'https://rosanjose.iom.int/en/news/labour-inspectors-course',
  };

  it('updates the item in place: same id, seq and firstSeenAt; new summary and countries; no new seq', async () => {
    const core = newCore();
    await core.news.ingestBody(lines(story), 'ngo.jsonl', T1);
    const [before] = await allItems(core.store);
    expect(before.countries).toEqual(['HN']);

    const edited = {
      ...story,
      summary:
        'Forty inspectors from Tegucigalpa and Quetzaltenango took part in the course, with colleagues from Guatemala.',
    };
    const r = await core.news.ingestBody(lines(edited), 'ngo.jsonl', T2);
    expect(r).toMatchObject({ ok: true, read: 1, added: 0, updated: 1 });
    const items = await allItems(core.store);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      id: before.id,
      seq: before.seq,
      firstSeenAt: T1.toISOString(),
      updatedAt: T2.toISOString(),
      summary: edited.summary,
      countries: ['GT', 'HN'],
      sources: ['ngo.jsonl'],
    });
    // the index answers with the new text
    expect((await core.store.items.get([before.id]))[0]?.summary).toBe(edited.summary);
    expect((await core.store.items.search('Quetzaltenango', { limit: 5 })).items.map((it) => it.id)).toEqual([
      before.id,
    ]);

    // the update took no seq: the next new item gets the one after
    await core.news.ingestBody(
      lines({
        title: 'A new story about Belize',
        summary: 'Labour inspectors in Belize City.',
        date: '2021-03-03',
      }),
      'ngo.jsonl',
      T3,
    );
    expect((await allItems(core.store)).map((it) => it.seq)).toEqual([1, 2]);
  });

  it('from another source (plain text, same title and date) updates the same item', async () => {
    const core = newCore();
    await core.news.ingestBody(lines(story), 'ngo.jsonl', T1);
    const [before] = await allItems(core.store);
    const text = `03/02/2021\n\n${story.title}\n\nForty inspectors from Tegucigalpa and San Pedro Sula took part in the course; IOM Honduras and El Salvador shared materials.\n`;
    const r = await core.news.ingestBody(text, 'listing.txt', T2);
    expect(r).toMatchObject({ added: 0, updated: 1 });
    expect(await allItems(core.store)).toHaveLength(1);
    expect((await allItems(core.store))[0]).toMatchObject({
      id: before.id,
      seq: 1,
      firstSeenAt: T1.toISOString(),
      url: story.url,
      countries: ['HN', 'SV'],
      sources: ['ngo.jsonl', 'listing.txt'],
    });
  });

  it('an unchanged item is not touched', async () => {
    const core = newCore();
    await core.news.ingestBody(lines(story), 'ngo.jsonl', T1);
    const before = await snapshot(core);
    const r = await core.news.ingestBody(lines(story), 'ngo.jsonl', T2);
    expect(r).toMatchObject({ added: 0, updated: 0 });
    expect(await allItems(core.store)).toEqual(before);
  });
});

describe('seq and firstSeenAt', () => {
  it('new items get increasing seq and the moment they were first seen; old ones keep theirs', async () => {
    const core = newCore();
    const r1 = await core.news.ingestBody(SEED, 'data/sample-items.txt', T1);
    expect(r1).toMatchObject({ ok: true, format: 'text', read: 10, added: 10, updated: 0, warnings: [] });
    const first = await snapshot(core);
    expect(first.map((it) => it.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(new Set(first.map((it) => it.firstSeenAt))).toEqual(new Set([T1.toISOString()]));

    const r2 = await core.news.ingestBody(fixture('jsonl-basic.jsonl'), 'jsonl-basic.jsonl', T2);
    expect(r2).toMatchObject({ read: 4, added: 4, updated: 0 });
    const all = await allItems(core.store);
    expect(all.slice(0, 10)).toEqual(first);
    expect(all.slice(10).map((it) => [it.seq, it.firstSeenAt])).toEqual([
      [11, T2.toISOString()],
      [12, T2.toISOString()],
      [13, T2.toISOString()],
      [14, T2.toISOString()],
    ]);
    for (const it of all.slice(10)) expect(it.sources).toEqual(['jsonl-basic.jsonl']);
  });

  it('re-ingesting the same source adds nothing and changes nothing', async () => {
    const core = newCore();
    await core.news.ingestBody(SEED, 'data/sample-items.txt', T1);
    await core.news.ingestBody(fixture('atom-html-titles.xml'), 'atom.xml', T1);
    const before = await snapshot(core);
    expect(await core.news.ingestBody(SEED, 'data/sample-items.txt', T2)).toMatchObject({
      read: 10,
      added: 0,
      updated: 0,
    });
    expect(await core.news.ingestBody(fixture('atom-html-titles.xml'), 'atom.xml', T2)).toMatchObject({
      read: 3,
      added: 0,
      updated: 0,
    });
    expect(await allItems(core.store)).toEqual(before);
  });
});

describe('broken sources', () => {
  it('ingestAll reports a missing file and malformed ones with ok:false; the good source still lands; nothing stored is lost', async () => {
    const core = newCore();
    await core.news.ingestBody(SEED, 'data/sample-items.txt', T1);
    const before = await snapshot(core);

    const missing = fixturePath('no-such-feed.xml');
    const truncated = fixturePath('malformed-truncated.xml');
    const good = fixturePath('listing-en-dates.txt');
    const binary = fixturePath('malformed-binary.txt');
    const reports = await core.news.ingestAll([missing, truncated, good, binary], T2);

    expect(reports.map((r) => [r.source, r.ok])).toEqual([
      [missing, false],
      [truncated, false],
      [good, true],
      [binary, false],
    ]);
    expect(reports[0].error).toBe(`no file at ${missing}`);
    expect(reports[1].error).toMatch(
      /malformed XML: it ends before .*<item>.* are closed \(is the file cut short\?\)/,
    );
    expect(reports[3].error).toMatch(/binary data, not text/);
    for (const r of [reports[0], reports[1], reports[3]])
      expect(r).toMatchObject({ read: 0, added: 0, updated: 0 });
    expect(reports[2]).toMatchObject({ format: 'text', read: 4, added: 4, updated: 0 });

    const items = await allItems(core.store);
    expect(items.slice(0, 10)).toEqual(before);
    expect(items.slice(10).map((it) => [it.seq, it.date])).toEqual([
      [11, '2020-09-03'],
      [12, '2020-10-02'],
      [13, '2021-02-16'],
      [14, '2021-03-09'],
    ]);

    // each source's health is recorded, with the error for the broken ones
    const health = new Map((await core.store.sources()).map((h) => [h.source, h]));
    expect(health.get(missing)).toMatchObject({
      failures: 1,
      lastError: `no file at ${missing}`,
      lastErrorAt: T2.toISOString(),
      itemCount: 0,
    });
    expect(health.get(missing)?.lastSuccessAt).toBeUndefined();
    expect(health.get(truncated)).toMatchObject({ failures: 1, itemCount: 0 });
    expect(health.get(good)).toMatchObject({ failures: 0, lastSuccessAt: T2.toISOString(), itemCount: 4 });
    expect(health.get(good)?.lastError).toBeUndefined();
  });

  it('a source that breaks after a good read keeps its items, and counts its failures', async () => {
    const dir = tempDir('nb-ingest');
    const file = path.join(dir, 'ngo.jsonl');
    writeFileSync(file, fixture('jsonl-basic.jsonl'));
    const core = newCore();
    expect((await core.news.ingestSource(file, T1)).ok).toBe(true);
    const before = await snapshot(core);
    expect(before).toHaveLength(4);

    writeFileSync(file, fixture('jsonl-only-bad-lines.jsonl'));
    const r2 = await core.news.ingestSource(file, T2);
    expect(r2).toMatchObject({ ok: false, added: 0 });
    expect(r2.error).toMatch(/no valid line \(line 1: needs a "title" string\)/);
    writeFileSync(file, '');
    const r3 = await core.news.ingestSource(file, T3);
    expect(r3).toMatchObject({ ok: false, error: 'the source is empty' });

    expect(await allItems(core.store)).toEqual(before);
    expect((await core.store.sources()).find((h) => h.source === file)).toMatchObject({
      failures: 2,
      lastError: 'the source is empty',
      lastSuccessAt: T1.toISOString(),
      itemCount: 4,
    });
  });

  it('JSON Lines warnings reach the report, and the good lines land', async () => {
    const core = newCore();
    const [r] = await core.news.ingestAll([fixturePath('jsonl-some-bad-lines.jsonl')], T1);
    expect(r).toMatchObject({ ok: true, format: 'jsonl', read: 3, added: 3 });
    expect(r.warnings).toEqual([
      'line 2: not valid JSON',
      'line 5: needs a "title" string',
      'line 6: needs a "title" string',
    ]);
  });
});
