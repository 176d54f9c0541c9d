/**
 * Sources over HTTP through the news service (ingestSource / ingestAll / pollDue), against a
 * local node:http server: the Last-Modified half of the conditional GET, the timeout, and every
 * broken-source case the fixtures hold, served as a web server would serve them.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/core.js';
import type { FetchOptions } from '../../src/news/fetch.js';
import { NOW, SAMPLE } from '../helpers/core.js';
import { fixturePath } from '../news/fixtures.js';
import { memoryStore, allItems } from '../helpers/stores.js';

const MIN = 60_000;
const CAP = 1_000_000;

const rss = (
  title: string,
  slug = encodeURIComponent(title),
) => `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>${title}</title><link>https://news.example.org/${slug}</link><description>Guatemala and Mexico sign a seasonal work agreement.</description><pubDate>Tue, 24 Nov 2026 10:00:00 GMT</pubDate></item>
</channel></rss>`;

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const routes = new Map<string, Handler>();
const hits = new Map<string, IncomingMessage['headers'][]>();
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    hits.set(path, [...(hits.get(path) ?? []), req.headers]);
    const h = routes.get(path);
    if (h) h(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(() => {
  routes.clear();
  hits.clear();
});
afterAll(async () => {
  // the slow routes never answer: drop their sockets
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const serve = (
  path: string,
  type: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): Handler => {
  const h: Handler = (_req, res) => void res.writeHead(200, { 'content-type': type, ...headers }).end(body);
  routes.set(path, h);
  return h;
};

function core(fetch: FetchOptions = {}): Core {
  return createCore({
    store: memoryStore(),
    defaultSchedule: { weekday: 1, time: '09:00', timeZone: 'UTC' },
    sources: [],
    pollMinutes: 60,
    fetch: { maxBytes: CAP, ...fetch },
  });
}
const health = async (c: Core, source: string) => (await c.store.sources()).find((s) => s.source === source);
const later = (minutes: number) => new Date(NOW.getTime() + minutes * MIN);

describe('conditional GET with Last-Modified', () => {
  const V1 = 'Tue, 24 Nov 2026 10:00:00 GMT';
  const V2 = 'Sat, 28 Nov 2026 03:30:00 GMT';

  /** A server that knows only Last-Modified (no ETag), as many static file servers and CMSs do. */
  function lastModifiedSource(path: string, state: { lastModified: string; body: string }) {
    routes.set(path, (req, res) => {
      if (req.headers['if-modified-since'] === state.lastModified)
        return void res.writeHead(304, { 'last-modified': state.lastModified }).end();
      res
        .writeHead(200, { 'content-type': 'application/rss+xml', 'last-modified': state.lastModified })
        .end(state.body);
    });
  }

  it('keeps the Last-Modified in the source health, sends it back as If-Modified-Since, and takes 304 as nothing new', async () => {
    const c = core();
    const src = `${base}/lm.xml`;
    const state = { lastModified: V1, body: rss('Guatemalan seasonal workers head to Mexico') };
    lastModifiedSource('/lm.xml', state);

    const first = await c.news.ingestSource(src, NOW);
    expect(first).toMatchObject({ ok: true, format: 'rss', read: 1, added: 1 });
    expect(hits.get('/lm.xml')![0]['if-modified-since']).toBeUndefined();
    expect(await health(c, src)).toMatchObject({
      lastModified: V1,
      lastSuccessAt: NOW.toISOString(),
      itemCount: 1,
      failures: 0,
    });
    expect((await health(c, src))!.etag).toBeUndefined();

    const again = await c.news.ingestSource(src, later(60));
    expect(again).toMatchObject({ ok: true, notModified: true, read: 0, added: 0, updated: 0 });
    expect(hits.get('/lm.xml')![1]['if-modified-since']).toBe(V1);
    expect(hits.get('/lm.xml')![1]['if-none-match']).toBeUndefined();
    // a 304 is a success: the validator is kept, the item count too
    expect(await health(c, src)).toMatchObject({
      lastModified: V1,
      lastSuccessAt: later(60).toISOString(),
      lastFetchAt: later(60).toISOString(),
      itemCount: 1,
    });
    expect(await allItems(c.store)).toHaveLength(1);

    // the page changes: the server answers 200 with the new date, which is kept for next time
    state.lastModified = V2;
    state.body = rss('Mexico widens its border worker card for Guatemalans');
    const changed = await c.news.ingestSource(src, later(120));
    expect(hits.get('/lm.xml')![2]['if-modified-since']).toBe(V1);
    expect(changed).toMatchObject({ ok: true, read: 1, added: 1 });
    expect(changed.notModified).toBeUndefined();
    expect(await health(c, src)).toMatchObject({ lastModified: V2, itemCount: 2 });
    expect(await c.news.ingestSource(src, later(180))).toMatchObject({ ok: true, notModified: true });
    expect(hits.get('/lm.xml')![3]['if-modified-since']).toBe(V2);
  });

  it('the scheduled poll (pollDue) uses it too', async () => {
    const c = core();
    const src = `${base}/lm-poll.xml`;
    lastModifiedSource('/lm-poll.xml', {
      lastModified: V1,
      body: rss('Honduran nurses recruited for Canada'),
    });
    await c.news.ingestAll([src], NOW);
    const [r] = await c.news.pollDue([src], later(60));
    expect(r).toMatchObject({ ok: true, notModified: true });
    expect(hits.get('/lm-poll.xml')!.map((h) => h['if-modified-since'])).toEqual([undefined, V1]);
  });

  it('a body that fails to parse leaves the last good validator, so the next try is not answered 304 on the broken version', async () => {
    const c = core();
    const src = `${base}/lm-broken.xml`;
    const state = { lastModified: V1, body: rss('Costa Rica opens a migrant labour office') };
    lastModifiedSource('/lm-broken.xml', state);
    await c.news.ingestSource(src, NOW);
    // a half-written file goes out with a new date
    state.lastModified = V2;
    state.body = '<rss version="2.0"><channel><item><title>Half';
    const broken = await c.news.ingestSource(src, later(60));
    expect(broken).toMatchObject({ ok: false });
    expect(broken.error).toMatch(/malformed XML/);
    expect(await health(c, src)).toMatchObject({ lastModified: V1, failures: 1, itemCount: 1 });
    // fixed, with the same date as the broken version: the next try still gets the body
    state.body = rss('Costa Rica opens a second migrant labour office');
    const fixed = await c.news.ingestSource(src, later(180));
    expect(hits.get('/lm-broken.xml')![2]['if-modified-since']).toBe(V1);
    expect(fixed).toMatchObject({ ok: true, added: 1 });
    expect(await health(c, src)).toMatchObject({ lastModified: V2, failures: 0, itemCount: 2 });
    expect((await health(c, src))!.nextTryAt).toBeUndefined();
  });
});

describe('the timeout, through ingestSource', () => {
  it('a source that does not answer in time: reported, its health shows the error and the next try, the others go on', async () => {
    const c = core({ timeoutMs: 300 });
    const slow = `${base}/slow`;
    const good = `${base}/good.xml`;
    // answers long after the timeout (the socket is dropped when the suite ends)
    routes.set(
      '/slow',
      (_req, res) =>
        void setTimeout(
          () => res.writeHead(200, { 'content-type': 'text/plain' }).end('late'),
          10_000,
        ).unref(),
    );
    serve('/good.xml', 'application/rss+xml', rss('Panama and Colombia agree on labour mobility'));

    const reports = await c.news.ingestAll([slow, good], NOW);
    expect(reports.map((r) => [r.source, r.ok])).toEqual([
      [slow, false],
      [good, true],
    ]);
    expect(reports[0].error).toBe('no answer within 0.3 s');
    expect(reports[1]).toMatchObject({ added: 1 });
    expect(await health(c, slow)).toMatchObject({
      lastError: 'no answer within 0.3 s',
      lastErrorAt: NOW.toISOString(),
      lastFetchAt: NOW.toISOString(),
      failures: 1,
      itemCount: 0,
      nextTryAt: later(60).toISOString(),
    });
    expect((await health(c, slow))!.lastSuccessAt).toBeUndefined();
    expect(await health(c, good)).toMatchObject({
      failures: 0,
      itemCount: 1,
      lastSuccessAt: NOW.toISOString(),
    });

    // it rests until nextTryAt: a poll before then leaves it alone and still reads the good one
    const during = await c.news.pollDue([slow, good], later(30));
    expect(during.map((r) => r.source)).toEqual([good]);
    expect(hits.get('/slow')).toHaveLength(1);
    const after = await c.news.pollDue([slow, good], later(61));
    expect(after.map((r) => [r.source, r.ok])).toEqual([
      [slow, false],
      [good, true],
    ]);
    expect(await health(c, slow)).toMatchObject({
      failures: 2,
      nextTryAt: new Date(later(61).getTime() + 120 * MIN).toISOString(),
    });
  });

  it('the timeout covers the body too: headers at once, then a body that stalls', async () => {
    const c = core({ timeoutMs: 300 });
    const src = `${base}/stall.xml`;
    routes.set('/stall.xml', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.write('<?xml version="1.0"?><rss version="2.0"><channel><item><title>Never fin');
    });
    const r = await c.news.ingestSource(src, NOW);
    expect(r).toMatchObject({ ok: false, error: 'no answer within 0.3 s' });
    expect(await health(c, src)).toMatchObject({
      failures: 1,
      lastError: 'no answer within 0.3 s',
      nextTryAt: later(60).toISOString(),
    });
    expect(await allItems(c.store)).toEqual([]);
  });
});

/**
 * Each broken body is served at a path that gave good news before, then polled with a good
 * source after it: the broken one is reported with a message that says what is wrong, the good
 * one is stored, and nothing already stored (the sample, and the broken source's own earlier
 * item) is lost.
 */
const fixtureBody = (name: string) => readFileSync(fixturePath(name));
const brokenCases: [name: string, handler: Handler, message: RegExp][] = [
  [
    'malformed-binary.txt as text/plain',
    (_q, s) =>
      void s.writeHead(200, { 'content-type': 'text/plain' }).end(fixtureBody('malformed-binary.txt')),
    /^the source is binary data, not text \(a compressed file, an image or a PDF\?\)/,
  ],
  [
    'malformed-invalid.json as application/feed+json',
    (_q, s) =>
      void s
        .writeHead(200, { 'content-type': 'application/feed+json' })
        .end(fixtureBody('malformed-invalid.json')),
    /^malformed JSON Feed: .*position \d+/,
  ],
  [
    'malformed-no-items.json as application/json',
    (_q, s) =>
      void s
        .writeHead(200, { 'content-type': 'application/json' })
        .end(fixtureBody('malformed-no-items.json')),
    /^not a JSON Feed: no "items" array/,
  ],
  [
    'malformed-not-a-feed.xml as application/xml',
    (_q, s) =>
      void s
        .writeHead(200, { 'content-type': 'application/xml' })
        .end(fixtureBody('malformed-not-a-feed.xml')),
    /^not an RSS 2\.0 document: no <rss><channel>$/,
  ],
  [
    'malformed-truncated.xml as application/rss+xml',
    (_q, s) =>
      void s
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end(fixtureBody('malformed-truncated.xml')),
    /^malformed XML: it ends before .*<item>.* are closed \(is the file cut short\?\)/,
  ],
  [
    'empty.txt as text/plain',
    (_q, s) => void s.writeHead(200, { 'content-type': 'text/plain' }).end(fixtureBody('empty.txt')),
    /^the source is empty$/,
  ],
  [
    'html-no-listing.html as text/html',
    (_q, s) =>
      void s
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(fixtureBody('html-no-listing.html')),
    /^no news items found in the HTML page \(looked for \.views-row and <article> blocks\)/,
  ],
  [
    'a PNG image (wrong content type)',
    (_q, s) =>
      void s
        .writeHead(200, { 'content-type': 'image/png' })
        .end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])),
    /^unexpected content type image\/png$/,
  ],
  [
    'a body over the size cap, with its Content-Length',
    (_q, s) =>
      void s
        .writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': String(CAP + 1) })
        .end(Buffer.alloc(CAP + 1, 0x20)),
    new RegExp(`^the body is ${CAP + 1} bytes, over the limit of ${CAP}$`),
  ],
  [
    'a body over the size cap, streamed without a length',
    (_q, s) => {
      s.writeHead(200, { 'content-type': 'text/plain' });
      for (let i = 0; i < 20; i++) s.write('x'.repeat(64 * 1024));
      s.end();
    },
    new RegExp(`^the body is over the limit of ${CAP} bytes$`),
  ],
  [
    'HTTP 500',
    (_q, s) => void s.writeHead(500, { 'content-type': 'text/html' }).end('<h1>Internal error</h1>'),
    /^HTTP 500 Internal Server Error$/,
  ],
];

describe('broken sources served over HTTP', () => {
  it.each(brokenCases)(
    '%s: reported clearly, the good source after it stored, nothing stored lost',
    async (_name, broken, message) => {
      const c = core();
      await c.news.ingestBody(SAMPLE, 'data/sample-items.txt', NOW);
      const src = `${base}/feed`;
      const good = `${base}/good.xml`;

      // the source was good an hour ago
      const before = later(-60);
      serve('/feed', 'application/rss+xml', rss('El Salvador certifies returning construction workers'));
      expect(await c.news.ingestSource(src, before)).toMatchObject({ ok: true, added: 1 });
      const stored = structuredClone(await allItems(c.store));
      expect(stored).toHaveLength(11);

      routes.set('/feed', broken);
      serve('/good.xml', 'application/rss+xml', rss('Belize registers seasonal farm workers for Canada'));
      const reports = await c.news.ingestAll([src, good], NOW);

      expect(reports.map((r) => [r.source, r.ok])).toEqual([
        [src, false],
        [good, true],
      ]);
      expect(reports[0]).toMatchObject({ read: 0, added: 0, updated: 0 });
      expect(reports[0].error).toMatch(message);
      expect(reports[1]).toMatchObject({ format: 'rss', read: 1, added: 1 });

      // nothing already stored is lost or changed; the good one is added after it
      const items = await allItems(c.store);
      expect(items.slice(0, 11)).toEqual(stored);
      expect(items.slice(11).map((i) => i.title)).toEqual([
        'Belize registers seasonal farm workers for Canada',
      ]);

      // the broken source's health: the error, when, the next try; its earlier success and its item kept
      expect(await health(c, src)).toMatchObject({
        lastError: reports[0].error,
        lastErrorAt: NOW.toISOString(),
        lastSuccessAt: before.toISOString(),
        failures: 1,
        itemCount: 1,
        nextTryAt: later(60).toISOString(),
      });
      expect(await health(c, good)).toMatchObject({
        failures: 0,
        itemCount: 1,
        lastSuccessAt: NOW.toISOString(),
      });
      expect((await health(c, good))!.lastError).toBeUndefined();
    },
  );
});
