import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backoffMinutes } from '../../src/news/ingest.js';
import { createCore } from '../../src/core.js';
import { replyToText } from '../../src/reply.js';
import { NOW } from '../helpers/core.js';
import { memoryStore, allItems } from '../helpers/stores.js';
import { tempDir } from '../helpers/temp.js';

const RSS = (title: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>${title}</title><link>https://news.example.org/${encodeURIComponent(title)}</link><description>Costa Rica and Nicaragua agree on seasonal work.</description><pubDate>Tue, 24 Nov 2026 10:00:00 GMT</pubDate></item>
</channel></rss>`;

let server: Server;
let base = '';
const hits = new Map<string, { ifNoneMatch?: string }[]>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    hits.set(path, [
      ...(hits.get(path) ?? []),
      { ifNoneMatch: req.headers['if-none-match'] as string | undefined },
    ]);
    switch (path) {
      case '/good.xml':
        if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304).end();
        return void res
          .writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' })
          .end(RSS('Seasonal work agreement'));
      case '/other.xml':
        return void res.writeHead(200, { 'content-type': 'application/xml' }).end(RSS('Another good story'));
      case '/error':
        return void res.writeHead(500).end('boom');
      case '/slow':
        return void setTimeout(() => res.writeHead(200, { 'content-type': 'text/plain' }).end('late'), 3000);
      case '/malformed.xml':
        return void res
          .writeHead(200, { 'content-type': 'application/rss+xml' })
          .end('<rss><channel><item><title>cut');
      case '/broken.html':
        return void res
          .writeHead(200, { 'content-type': 'text/html' })
          .end('<html><body><p>No listing here</p></body></html>');
      case '/empty':
        return void res.writeHead(200, { 'content-type': 'text/plain' }).end('');
      case '/image':
        return void res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(100));
      case '/huge':
        res.writeHead(200, { 'content-type': 'text/plain' });
        for (let i = 0; i < 40; i++) res.write('x'.repeat(64 * 1024));
        return void res.end();
      case '/redirect':
        return void res.writeHead(301, { location: '/good.xml' }).end();
      case '/loop':
        return void res.writeHead(302, { location: '/loop' }).end();
      default:
        return void res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

// A one-megabyte cap keeps the huge-body case small to provoke.
const core = async () =>
  createCore({
    store: memoryStore(),
    defaultSchedule: { weekday: 1, time: '09:00', timeZone: 'UTC' },
    sources: [],
    pollMinutes: 60,
    fetch: { maxBytes: 1_000_000 },
  });

describe('fetching sources over HTTP', () => {
  it('reads a feed, then asks with its ETag and takes 304 as nothing new', async () => {
    const c = await core();
    const first = await c.news.ingestSource(`${base}/good.xml`, NOW);
    expect(first).toMatchObject({ ok: true, format: 'rss', added: 1 });
    const again = await c.news.ingestSource(`${base}/good.xml`, NOW);
    expect(again).toMatchObject({ ok: true, notModified: true, added: 0 });
    expect(hits.get('/good.xml')?.at(-1)?.ifNoneMatch).toBe('"v1"');
    expect((await allItems(c.store))[0].countries).toEqual(['CR', 'NI']);
  });

  it('follows a redirect, and refuses a loop', async () => {
    const c = await core();
    expect(await c.news.ingestSource(`${base}/redirect`, NOW)).toMatchObject({ ok: true, added: 1 });
    expect(await c.news.ingestSource(`${base}/loop`, NOW)).toMatchObject({
      ok: false,
      error: 'more than 5 redirects',
    });
  });

  it.each([
    ['/error', /HTTP 500/],
    ['/malformed.xml', /malformed XML/],
    ['/broken.html', /no news items found in the HTML page/],
    ['/empty', /empty/],
    ['/image', /unexpected content type image\/png/],
    ['/huge', /over the limit of/],
    ['/nowhere', /HTTP 404/],
  ])('reports %s and keeps what was stored', async (path, message) => {
    const c = await core();
    await c.news.ingestSource(`${base}/other.xml`, NOW);
    const r = await c.news.ingestSource(`${base}${path}`, NOW);
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(message);
    expect(await allItems(c.store)).toHaveLength(1);
    const h = (await c.store.sources()).find((s) => s.source === `${base}${path}`)!;
    expect(h).toMatchObject({ failures: 1, lastError: r.error });
  });

  it('gives up on a source that does not answer in time', async () => {
    const { fetchSource } = await import('../../src/news/fetch.js');
    await expect(fetchSource(`${base}/slow`, { timeoutMs: 300 })).rejects.toThrow(/no answer within 0.3 s/);
  });

  it('a broken source is reported while the others in the same poll go on', async () => {
    const c = await core();
    const reports = await c.news.ingestAll(
      [`${base}/error`, `${base}/other.xml`, `${base}/malformed.xml`],
      NOW,
    );
    expect(reports.map((r) => r.ok)).toEqual([false, true, false]);
    expect((await allItems(c.store)).map((i) => i.title)).toEqual(['Another good story']);
  });

  it('rests a failing source, longer after each failure, and the sources command shows it', async () => {
    const c = await core();
    const src = `${base}/error`;
    await c.news.ingestSource(src, NOW);
    await c.news.ingestSource(src, NOW);
    const h = (await c.store.sources()).find((s) => s.source === src)!;
    expect(h.failures).toBe(2);
    expect(Date.parse(h.nextTryAt!) - NOW.getTime()).toBe(backoffMinutes(60, 2) * 60_000);
    const before = hits.get('/error')!.length;
    await c.news.pollDue([src, `${base}/other.xml`], new Date(NOW.getTime() + 60 * 60_000));
    expect(hits.get('/error')!.length).toBe(before);
    await c.news.pollDue([src], new Date(NOW.getTime() + 121 * 60_000));
    expect(hits.get('/error')!.length).toBe(before + 1);
    const text = replyToText(
      await createCore({
        store: c.store,
        defaultSchedule: { weekday: 1, time: '09:00', timeZone: 'UTC' },
        sources: [src],
      }).commands.run('sources', { address: { platform: 'console', chatId: 'x' } }),
    );
    expect(text).toMatch(
      /\/error: 0 items; never read successfully; last error 2026-11-28 06:01 UTC: HTTP 500 Internal Server Error; next try/,
    );
  });
});

describe('reading local files', () => {
  it('reads a file again only when it changed since the last read', async () => {
    const file = path.join(tempDir('nb-src'), 'feed.xml');
    writeFileSync(file, RSS('First story'));
    const c = await core();
    expect(await c.news.ingestSource(file, NOW)).toMatchObject({ ok: true, added: 1 });
    expect(await c.news.ingestSource(file, NOW)).toMatchObject({ ok: true, notModified: true, read: 0 });
    writeFileSync(file, RSS('Second story, a longer title'));
    expect(await c.news.ingestSource(file, NOW)).toMatchObject({ ok: true, read: 1, added: 1 });
    expect((await allItems(c.store)).map((i) => i.title)).toEqual([
      'First story',
      'Second story, a longer title',
    ]);
  });
});

describe('back-off', () => {
  it('doubles from the poll interval and stops at a day', () => {
    expect([1, 2, 3, 10].map((f) => backoffMinutes(60, f))).toEqual([60, 120, 240, 1440]);
  });
});
