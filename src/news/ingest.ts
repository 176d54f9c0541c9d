import type { Tagger } from '../places/tagger.js';
import { StoreError, type NewsStore, type SourceHealth } from '../ports.js';
import type { NewsIndex } from '../search/news-index.js';
import { FetchError, fetchSource, isUrl, type FetchOptions } from './fetch.js';
import type { NewsItem, TaggedItem } from './item.js';
import { identityKeys } from './normalise.js';
import { parseBody, type Format } from './parse/index.js';
import { ParseError } from './parse/errors.js';
import { prepareItems } from './prepare.js';

export interface IngestReport {
  source: string;
  ok: boolean;
  notModified?: boolean;
  format?: Format;
  read: number;
  added: number;
  updated: number;
  warnings: string[];
  error?: string;
}

export interface NewsService {
  /** Parses and stores one body; the source names where it came from. */
  ingestBody(
    body: string,
    source: string,
    now: Date,
    opts?: { format?: Format; contentType?: string; baseUrl?: string },
  ): Promise<IngestReport>;
  /** Fetches, parses and stores one source, and records its health. Never throws for the source's faults. */
  ingestSource(source: string, now: Date): Promise<IngestReport>;
  /** Every source in turn; a broken one is reported and the others go on. */
  ingestAll(sources: string[], now: Date): Promise<IngestReport[]>;
  /** The scheduled poll: every source except those resting after failures (their nextTryAt is later). */
  pollDue(sources: string[], now: Date): Promise<IngestReport[]>;
}

export interface NewsServiceDeps {
  store: NewsStore;
  index: NewsIndex;
  tagger: Tagger;
  fetch?: FetchOptions;
  /** minutes between polls, the base of the back-off after failures */
  pollMinutes?: number;
}

/** How long a failing source rests: the poll interval, doubled per failure, at most a day. */
export function backoffMinutes(pollMinutes: number, failures: number): number {
  return Math.min(pollMinutes * 2 ** Math.max(0, failures - 1), 24 * 60);
}

type Identified = Pick<NewsItem, 'id' | 'title' | 'date' | 'url'>;
/**
 * Identity: the same story from two sources is one item, found by URL or by title and date.
 * The keys are held as 52-bit hashes: as strings, a hundred thousand titles cost some 30 MB.
 * Two keys sharing a hash is as unlikely as two items sharing an id, which is a hash too.
 */
interface Identities {
  byUrl: Map<number, string>;
  byTitle: Map<number, string>;
}

function addIdentity(ids: Identities, it: Identified): void {
  const k = identityKeys(it);
  if (k.urlKey) ids.byUrl.set(hash52(k.urlKey), it.id);
  ids.byTitle.set(hash52(k.titleKey), it.id);
}

/** Two 32-bit FNV-1a passes with different offsets, joined into a number that fits a double exactly. */
function hash52(s: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0) * 0x100000 + (b >>> 12);
}

function identitiesOf(items: readonly Identified[]): Identities {
  const ids: Identities = { byUrl: new Map(), byTitle: new Map() };
  for (const it of items) addIdentity(ids, it);
  return ids;
}

export function createNewsService(deps: NewsServiceDeps): NewsService {
  const { store, index, tagger } = deps;
  // Built on the first ingest rather than at start-up: a restart with unchanged sources never needs them.
  let known: Identities | undefined;
  const identities = () => (known ??= identitiesOf(store.items()));
  const remember = (it: Identified) => addIdentity(identities(), it);

  const merge = (old: NewsItem, n: TaggedItem, source: string): NewsItem | null => {
    const summary = n.summary || old.summary;
    const next: NewsItem = {
      ...old,
      title: n.title,
      summary,
      date: n.date ?? old.date,
      url: old.url ?? n.url,
      lang: n.lang ?? old.lang,
      sources: old.sources.includes(source) ? old.sources : [...old.sources, source],
    };
    if (summary !== n.summary || next.title !== n.title) {
      const [retagged] = prepareItems(
        [{ title: next.title, summary, date: next.date, url: next.url, lang: next.lang }],
        tagger,
      );
      Object.assign(next, {
        countries: retagged.countries,
        regions: retagged.regions,
        topics: retagged.topics,
      });
    } else {
      Object.assign(next, { countries: n.countries, regions: n.regions, topics: n.topics });
    }
    const changed = (
      ['title', 'summary', 'date', 'url', 'lang', 'sources', 'countries', 'regions', 'topics'] as const
    ).some((k) => JSON.stringify(next[k]) !== JSON.stringify(old[k]));
    return changed ? next : null;
  };

  const ingestBody: NewsService['ingestBody'] = async (body, source, now, opts = {}) => {
    const parsed = parseBody(body, opts);
    const prepared = prepareItems(parsed.items, tagger);
    const added: (TaggedItem & { sources: string[] })[] = [];
    const updated = new Map<string, NewsItem>();
    const addedById = new Map<string, TaggedItem & { sources: string[] }>();
    for (const n of prepared) {
      const k = identityKeys(n);
      const { byUrl, byTitle } = identities();
      const id = (k.urlKey && byUrl.get(hash52(k.urlKey))) || byTitle.get(hash52(k.titleKey));
      if (id && addedById.has(id)) continue;
      const old = id ? (updated.get(id) ?? index.get(id)) : undefined;
      if (old) {
        const next = merge(old, n, source);
        if (next) {
          updated.set(old.id, { ...next, updatedAt: now.toISOString() });
          remember(next);
        }
        continue;
      }
      const item = { ...n, sources: [source] };
      added.push(item);
      addedById.set(item.id, item);
      remember(item);
    }
    const stored = await store.saveItems({ added, updated: [...updated.values()] }, now);
    index.upsert([...stored, ...updated.values()]);
    return {
      source,
      ok: true,
      format: parsed.format,
      read: parsed.items.length,
      added: stored.length,
      updated: updated.size,
      warnings: parsed.warnings,
    };
  };

  const health = (source: string): SourceHealth =>
    store.sources().find((h) => h.source === source) ?? { source, itemCount: 0, failures: 0 };
  const countFrom = (source: string) =>
    store.items().reduce((n, it) => n + (it.sources.includes(source) ? 1 : 0), 0);

  const ingestSource: NewsService['ingestSource'] = async (source, now) => {
    const h = { ...health(source), lastFetchAt: now.toISOString() };
    let report: IngestReport;
    try {
      const fetched = await fetchSource(source, {
        ...deps.fetch,
        etag: h.etag,
        lastModified: h.lastModified,
      });
      if (fetched.status === 'not_modified') {
        report = { source, ok: true, notModified: true, read: 0, added: 0, updated: 0, warnings: [] };
      } else {
        report = await ingestBody(fetched.body, source, now, {
          contentType: fetched.contentType,
          baseUrl: isUrl(source) ? fetched.url : undefined,
        });
        h.etag = fetched.etag;
        h.lastModified = fetched.lastModified;
      }
      h.lastSuccessAt = now.toISOString();
      h.failures = 0;
      delete h.nextTryAt;
    } catch (err) {
      // A store that cannot write stops everything; anything else is this source's fault (a
      // parser meeting a shape it did not foresee included): reported, and the others go on.
      if (err instanceof StoreError) throw err;
      const message =
        err instanceof FetchError || err instanceof ParseError
          ? err.message
          : `could not be read (${(err as Error)?.message ?? String(err)})`;
      report = { source, ok: false, read: 0, added: 0, updated: 0, warnings: [], error: message };
      h.lastError = message;
      h.lastErrorAt = now.toISOString();
      h.failures = (h.failures ?? 0) + 1;
      h.nextTryAt = new Date(
        now.getTime() + backoffMinutes(deps.pollMinutes ?? 60, h.failures) * 60_000,
      ).toISOString();
    }
    h.itemCount = countFrom(source);
    await store.saveSource(h);
    return report;
  };

  const ingestAll: NewsService['ingestAll'] = async (sources, now) => {
    const reports: IngestReport[] = [];
    for (const s of sources) reports.push(await ingestSource(s, now));
    return reports;
  };

  const pollDue: NewsService['pollDue'] = async (sources, now) => {
    const resting = (s: string) => {
      const next = health(s).nextTryAt;
      return next !== undefined && Date.parse(next) > now.getTime();
    };
    return ingestAll(
      sources.filter((s) => !resting(s)),
      now,
    );
  };

  return { ingestBody, ingestSource, ingestAll, pollDue };
}
