/**
 * GET /healthz on the service's listener (README, Settings: "`GET /healthz` answers with the item
 * count, each source's health and the adapters running"), through loadConfig and createApp as
 * `npm start` composes them, with sources served by a local node:http server.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { startFakeTelegram, type FakeTelegramApi } from '../fakes/telegram-api.js';
import { NOW } from '../helpers/core.js';
import { tempDb } from '../helpers/temp.js';
import { silentLog } from '../helpers/logs.js';

const MIN = 60_000;
const rss = (title: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>${title}</title><link>https://news.example.org/${encodeURIComponent(title)}</link><description>Nicaraguan workers in Costa Rica get seasonal permits.</description><pubDate>Tue, 24 Nov 2026 10:00:00 GMT</pubDate></item>
</channel></rss>`;

let sources: Server;
let base = '';
let brokenFixed = false;

beforeAll(async () => {
  sources = createServer((req, res) => {
    if (req.url === '/good.xml' && req.headers['if-none-match'] === '"g1"')
      return void res.writeHead(304).end();
    if (req.url === '/good.xml')
      return void res
        .writeHead(200, { 'content-type': 'application/rss+xml', etag: '"g1"' })
        .end(rss('Seasonal permits for Nicaraguan farm workers'));
    if (req.url === '/broken.xml') {
      if (brokenFixed)
        return void res
          .writeHead(200, { 'content-type': 'application/rss+xml' })
          .end(rss('Costa Rica hires Nicaraguan coffee pickers'));
      return void res.writeHead(500).end('boom');
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => sources.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(sources.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => sources.close(() => r())));

let app: App | undefined;
let fake: FakeTelegramApi | undefined;
afterEach(async () => {
  await app?.stop();
  await fake?.close();
  app = fake = undefined;
  brokenFixed = false;
});

const silent = silentLog();
async function getHealth(a: App): Promise<{ status: number; type: string | null; body: any }> {
  const port = a.port()!;
  const res = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: res.status, type: res.headers.get('content-type'), body: await res.json() };
}

describe('GET /healthz', () => {
  it('answers 200 JSON: ok, the item count, each source with its health, and the adapters running', async () => {
    fake = await startFakeTelegram({ pollHoldMs: 100 });
    const good = `${base}/good.xml`;
    const broken = `${base}/broken.xml`;
    const config = loadConfig({
      NEWSBOT_DB: tempDb(),
      PORT: '0',
      NEWS_SOURCES: `${good},${broken}`,
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.url,
    });
    expect(config.sources).toEqual([good, broken]);
    app = await createApp(config, { memory: true, log: silent });
    const reports = await app.ingest(undefined, NOW);
    expect(reports.map((r) => r.ok)).toEqual([true, false]);
    await app.start();

    const { status, type, body } = await getHealth(app);
    expect(status).toBe(200);
    expect(type).toMatch(/^application\/json/);
    expect(Object.keys(body).sort()).toEqual(['adapters', 'items', 'ok', 'sources']);
    expect(body.ok).toBe(true);
    expect(body.items).toBe(1);
    expect(body.adapters).toEqual(['telegram']);
    expect(body.sources).toHaveLength(2);
    const [g, b] = [good, broken].map((s) => body.sources.find((h: { source: string }) => h.source === s));
    // the good one: last success, its items, no error, nothing to wait for
    expect(g).toMatchObject({
      source: good,
      itemCount: 1,
      failures: 0,
      lastSuccessAt: NOW.toISOString(),
      lastFetchAt: NOW.toISOString(),
    });
    expect(g.lastError).toBeUndefined();
    expect(g.nextTryAt).toBeUndefined();
    // the broken one: the error and when, no success yet, and when it is tried again
    expect(b).toMatchObject({
      source: broken,
      itemCount: 0,
      failures: 1,
      lastError: 'HTTP 500 Internal Server Error',
      lastErrorAt: NOW.toISOString(),
      nextTryAt: new Date(NOW.getTime() + 60 * MIN).toISOString(),
    });
    expect(b.lastSuccessAt).toBeUndefined();
    // what the fetcher keeps for conditional GETs is not shown
    expect(g.etag).toBeUndefined();
  });

  it('lists the configured sources, in order: one never fetched yet is there, one no longer configured is not', async () => {
    const good = `${base}/good.xml`;
    const db = tempDb();
    const first = await createApp(loadConfig({ NEWSBOT_DB: db, NEWS_SOURCES: good }), {
      console: false,
      log: silent,
    });
    await first.ingest([good], NOW);
    await first.stop();
    const later = `${base}/later.xml`;
    app = await createApp(loadConfig({ NEWSBOT_DB: db, PORT: '0', NEWS_SOURCES: later }), {
      console: false,
      log: silent,
    });
    await app.start();
    const { body } = await getHealth(app);
    expect(body.sources).toEqual([{ source: later, itemCount: 0, failures: 0 }]);
  });

  it('follows the sources as they change: a broken source that recovers shows its success, its items, and no next try', async () => {
    const good = `${base}/good.xml`;
    const broken = `${base}/broken.xml`;
    const config = loadConfig({
      NEWSBOT_DB: tempDb(),
      PORT: '0',
      NEWS_SOURCES: `${good},${broken}`,
      SOURCE_POLL_MINUTES: '15',
    });
    app = await createApp(config, { memory: true, log: silent, console: false });
    await app.ingest(undefined, NOW);
    await app.start();
    let { body } = await getHealth(app);
    expect(body.sources.find((h: { source: string }) => h.source === broken)).toMatchObject({
      failures: 1,
      nextTryAt: new Date(NOW.getTime() + 15 * MIN).toISOString(),
    });

    brokenFixed = true;
    const then = new Date(NOW.getTime() + 16 * MIN);
    const polled = await app.poll(then);
    // the good one answered 304 to its ETag, the fixed one brought its item
    expect(polled.map((r) => [r.ok, r.notModified ?? false, r.added])).toEqual([
      [true, true, 0],
      [true, false, 1],
    ]);
    ({ body } = await getHealth(app));
    expect(body.items).toBe(2);
    const b = body.sources.find((h: { source: string }) => h.source === broken);
    expect(b).toMatchObject({
      itemCount: 1,
      failures: 0,
      lastSuccessAt: then.toISOString(),
      lastFetchAt: then.toISOString(),
    });
    expect(b.nextTryAt).toBeUndefined();
    expect(Date.parse(b.lastSuccessAt)).toBeGreaterThan(Date.parse(b.lastErrorAt));
    expect(body.sources.find((h: { source: string }) => h.source === good)).toMatchObject({
      itemCount: 1,
      failures: 0,
      lastSuccessAt: then.toISOString(),
    });
    // no platform token and no console: no adapter runs
    expect(body.adapters).toEqual([]);
  });

  it('in local mode with PORT set, the listener runs for /healthz and names the console adapter', async () => {
    const good = `${base}/good.xml`;
    const config = loadConfig({ NEWSBOT_DB: tempDb(), PORT: '0', NEWS_SOURCES: good });
    expect(config.local).toBe(true);
    const output = new PassThrough();
    app = await createApp(config, {
      memory: true,
      log: silent,
      console: { input: new PassThrough(), output },
    });
    await app.ingest(undefined, NOW);
    await app.start();
    const { status, body } = await getHealth(app);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      ok: true,
      items: 1,
      adapters: ['console'],
      sources: [{ source: good, itemCount: 1, failures: 0 }],
    });
    // other paths are not served
    const port = app.port()!;
    expect((await fetch(`http://127.0.0.1:${port}/healthz/more`)).status).toBe(404);
  });
});
