import {
  StoreUnavailableError,
  type HttpHandler,
  type NewsStore,
  type Platform,
  type SourceHealth,
} from './ports.js';

export interface HealthDeps {
  store: NewsStore;
  /** the configured sources, in order */
  sources: string[];
  itemCount: () => Promise<number>;
  /** the adapters running */
  adapters: () => Platform[];
}

/**
 * The configured sources, in order, each with its health (none yet for one never fetched);
 * the conditional-GET validators are the fetcher's business, not a reader's.
 */
async function sourceHealth(
  store: NewsStore,
  sources: string[],
): Promise<Omit<SourceHealth, 'etag' | 'lastModified'>[]> {
  const health = new Map((await store.sources()).map((h) => [h.source, h]));
  return sources.map((source) => {
    const {
      etag: _etag,
      lastModified: _lastModified,
      ...h
    } = health.get(source) ?? {
      source,
      itemCount: 0,
      failures: 0,
    };
    return h;
  });
}

/**
 * GET /healthz: a JSON body a load balancer or a person can read. A store out of reach answers
 * 503, not ok, with the reason, so a load balancer sends the requests elsewhere meanwhile.
 */
export function healthRoute(d: HealthDeps): HttpHandler {
  return async (_req, res) => {
    let status = 200;
    let body: object;
    try {
      body = {
        ok: true,
        items: await d.itemCount(),
        sources: await sourceHealth(d.store, d.sources),
        adapters: d.adapters(),
      };
    } catch (err) {
      if (!(err instanceof StoreUnavailableError)) throw err;
      status = 503;
      body = { ok: false, reason: err.message, adapters: d.adapters() };
    }
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
}
