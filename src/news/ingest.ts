import type { Tagger } from '../places/tagger.js';
import { StoreError, type NewsStore, type SourceHealth } from '../ports.js';
import { FetchError, fetchSource, isUrl, type FetchOptions } from './fetch.js';
import type { NewsItem, TaggedItem } from './item.js';
import { identityHashes } from './identity.js';
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
  tagger: Tagger;
  fetch?: FetchOptions;
  /** minutes between polls, the base of the back-off after failures */
  pollMinutes?: number;
}

/** How long a failing source rests: the poll interval, doubled per failure, at most a day. */
export function backoffMinutes(pollMinutes: number, failures: number): number {
  return Math.min(pollMinutes * 2 ** Math.max(0, failures - 1), 24 * 60);
}

export function createNewsService(deps: NewsServiceDeps): NewsService {
  const { store, tagger } = deps;

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
    // Identity: the same story from two sources is one item, found by URL or by title and date.
    // The stored items are asked about once for the whole body; what this body adds or changes
    // is remembered here, so a story twice in one body is one item too.
    const hashes = prepared.map(identityHashes);
    const found = await store.items.findByIdentity(hashes.flat());
    const stored = new Map((await store.items.get([...new Set(found.values())])).map((it) => [it.id, it]));
    const ours = new Map<number, string>();
    const remember = (it: Pick<NewsItem, 'id' | 'title' | 'date' | 'url'>) => {
      for (const h of identityHashes(it)) ours.set(h, it.id);
    };
    prepared.forEach((n, i) => {
      let id: string | undefined;
      for (const h of hashes[i]) if ((id = ours.get(h) ?? found.get(h))) break;
      if (id && addedById.has(id)) return;
      const old = id ? (updated.get(id) ?? stored.get(id)) : undefined;
      if (old) {
        const next = merge(old, n, source);
        if (next) {
          updated.set(old.id, { ...next, updatedAt: now.toISOString() });
          remember(next);
        }
        return;
      }
      const item = { ...n, sources: [source] };
      added.push(item);
      addedById.set(item.id, item);
      remember(item);
    });
    const saved = await store.saveItems({ added, updated: [...updated.values()] }, now);
    return {
      source,
      ok: true,
      format: parsed.format,
      read: parsed.items.length,
      added: saved.length,
      updated: updated.size,
      warnings: parsed.warnings,
    };
  };

  const health = async (source: string): Promise<SourceHealth> =>
    (await store.sources()).find((h) => h.source === source) ?? { source, itemCount: 0, failures: 0 };

  const ingestSource: NewsService['ingestSource'] = async (source, now) => {
    const h = { ...(await health(source)), lastFetchAt: now.toISOString() };
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
    h.itemCount = await store.items.countBySource(source);
    await store.saveSource(h);
    return report;
  };

  const ingestAll: NewsService['ingestAll'] = async (sources, now) => {
    const reports: IngestReport[] = [];
    for (const s of sources) reports.push(await ingestSource(s, now));
    return reports;
  };

  const pollDue: NewsService['pollDue'] = async (sources, now) => {
    const health = new Map((await store.sources()).map((h) => [h.source, h]));
    const resting = (s: string) => {
      const next = health.get(s)?.nextTryAt;
      return next !== undefined && Date.parse(next) > now.getTime();
    };
    return ingestAll(
      sources.filter((s) => !resting(s)),
      now,
    );
  };

  return { ingestBody, ingestSource, ingestAll, pollDue };
}
