import { describe, expect, it } from 'vitest';
import { type ConfigError, loadConfig } from '../../src/config.js';
import {
  itemLink,
  parseSourceEntry,
  SAMPLE_SOURCE_LABEL,
  sourceLabels,
} from '../../src/news/source-labels.js';

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (e) {
    return (e as ConfigError).problems;
  }
  return [];
};

describe('NEWS_SOURCES entries', () => {
  it('read as before without "|", and with a name, or a name and a home page', () => {
    expect(parseSourceEntry('https://feeds.example.org/rss')).toEqual({
      source: 'https://feeds.example.org/rss',
    });
    expect(parseSourceEntry('Labour news | data/items.txt')).toEqual({
      source: 'data/items.txt',
      name: 'Labour news',
    });
    expect(parseSourceEntry('OIM|https://oim.example.org/noticias|data/items.txt')).toEqual({
      source: 'data/items.txt',
      name: 'OIM',
      home: 'https://oim.example.org/noticias',
    });
  });

  it('are configured in order, each with its name and home page', () => {
    const c = loadConfig({
      NEWS_SOURCES: 'https://a.example.org/feed.xml, OIM|https://oim.example.org/noticias|data/items.txt',
    });
    expect(c.sources).toEqual(['https://a.example.org/feed.xml', 'data/items.txt']);
    const labels = sourceLabels(c.sourceEntries);
    // an HTTP source is its own home page unless one is given; a file has none
    expect(labels.get('https://a.example.org/feed.xml')).toEqual({
      name: 'a.example.org',
      home: 'https://a.example.org/feed.xml',
    });
    expect(labels.get('data/items.txt')).toEqual({ name: 'OIM', home: 'https://oim.example.org/noticias' });
  });

  it('the bundled sample is named for its publisher, with its news page as home page, however it is named', () => {
    const byDefault = loadConfig({});
    expect(byDefault.sourceEntries).toEqual([{ source: byDefault.sources[0], ...SAMPLE_SOURCE_LABEL }]);
    expect(loadConfig({ NEWS_SOURCES: 'data/sample-items.txt' }).sourceEntries[0]).toMatchObject(
      SAMPLE_SOURCE_LABEL,
    );
  });

  it('a bad entry stops the service with what is wrong and how to write it', () => {
    const how =
      /write it as <url or file>, Name\|<url or file>, or Name\|https:\/\/home\.page\|<url or file>/;
    const [bad] = problems({ NEWS_SOURCES: 'OIM|oim.example.org|data/items.txt' });
    expect(bad).toMatch(
      /^NEWS_SOURCES entry "OIM\|oim\.example\.org\|data\/items\.txt": its home page "oim\.example\.org" is not an http\(s\) address/,
    );
    expect(bad).toMatch(how);
    expect(problems({ NEWS_SOURCES: 'a|b|c|d' })[0]).toMatch(/has more than three parts/);
    expect(problems({ NEWS_SOURCES: 'OIM|' })[0]).toMatch(/names no source after its last "\|"/);
    expect(problems({ NEWS_SOURCES: '|data/items.txt' })[0]).toMatch(/has an empty name/);
  });
});

describe('an item without its own link', () => {
  const labels = sourceLabels([
    { source: 'data/items.txt', name: 'OIM', home: 'https://oim.example.org/noticias' },
  ]);
  it('links to the first of its sources with a home page, and names it', () => {
    expect(itemLink({ url: null, sources: ['data/items.txt'] }, labels)).toEqual({
      url: 'https://oim.example.org/noticias',
      source: 'OIM',
    });
    expect(itemLink({ url: null, sources: ['other.txt', 'https://b.example.org/list'] }, labels)).toEqual({
      url: 'https://b.example.org/list',
      source: 'b.example.org',
    });
    // a file nobody named has no page to link to
    expect(itemLink({ url: null, sources: ['other.txt'] }, labels)).toEqual({ url: null });
    expect(itemLink({ url: 'https://story.example.org/1', sources: ['data/items.txt'] }, labels)).toEqual({
      url: 'https://story.example.org/1',
    });
  });
});
