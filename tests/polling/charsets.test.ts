import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../src/core.js';
import { fetchSource } from '../../src/news/fetch.js';
import { NOW } from '../helpers/core.js';
import { fixturePath } from '../news/fixtures.js';
import { memoryStore, allItems } from '../helpers/stores.js';
import { tempDir } from '../helpers/temp.js';

const HONDURAS = 'Trabajadores hondureños en México reciben permisos de temporada';

/** An RSS body with no XML declaration: only the Content-Type (or a BOM) can say how it is encoded. */
const bareRss = (title: string) => `<rss version="2.0"><channel><title>t</title>
<item><title>${title}</title><link>https://noticias.example.org/${encodeURIComponent(title)}</link><description>Permisos de temporada.</description><pubDate>Tue, 24 Nov 2026 10:00:00 GMT</pubDate></item>
</channel></rss>`;

const BOM_UTF8 = Buffer.from([0xef, 0xbb, 0xbf]);
const BOM_UTF16LE = Buffer.from([0xff, 0xfe]);

const routes: Record<string, { type: string; body: Buffer }> = {
  // Content-Type without a charset: the XML declaration (ISO-8859-1) decides.
  '/latin1.xml': { type: 'application/rss+xml', body: readFileSync(fixturePath('rss-latin1.xml')) },
  // text/html without a charset: <meta charset="windows-1252"> decides.
  '/listing.html': { type: 'text/html', body: readFileSync(fixturePath('html-windows-1252.html')) },
  // No declaration in the body: the Content-Type's charset decides.
  '/header-latin1.xml': {
    type: 'application/rss+xml; charset=iso-8859-1',
    body: Buffer.from(bareRss(HONDURAS), 'latin1'),
  },
  // The BOM outranks a Content-Type that says otherwise.
  '/bom-utf8.xml': {
    type: 'text/xml; charset=ISO-8859-1',
    body: Buffer.concat([BOM_UTF8, Buffer.from(bareRss(HONDURAS), 'utf8')]),
  },
  '/utf16.xml': {
    type: 'application/xml',
    body: Buffer.concat([BOM_UTF16LE, Buffer.from(bareRss(HONDURAS), 'utf16le')]),
  },
  // A label no decoder knows: read as UTF-8, the source still ingests.
  '/unknown-label.xml': {
    type: 'application/rss+xml; charset=x-no-such-charset',
    body: Buffer.from(bareRss(HONDURAS), 'utf8'),
  },
};

let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    const route = routes[req.url ?? '/'];
    if (!route) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': route.type }).end(route.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const core = () =>
  createCore({
    store: memoryStore(),
    defaultSchedule: { weekday: 1, time: '09:00', timeZone: 'UTC' },
    sources: [],
    pollMinutes: 60,
  });

const tagged = async (c: Awaited<ReturnType<typeof core>>) =>
  (await allItems(c.store)).map((i) => ({ title: i.title, countries: i.countries }));

describe('sources that are not UTF-8', () => {
  it('reads an ISO-8859-1 RSS file from disk by its XML declaration, and tags its countries', async () => {
    const c = await core();
    expect(await c.news.ingestSource(fixturePath('rss-latin1.xml'), NOW)).toMatchObject({
      ok: true,
      format: 'rss',
      added: 2,
    });
    expect(await tagged(c)).toEqual([
      { title: HONDURAS, countries: ['HN', 'MX'] },
      { title: 'Nicaragüenses en Costa Rica: jornaleros de café', countries: ['CR', 'NI'] },
    ]);
  });

  it('reads the same file served over HTTP with no charset in the Content-Type', async () => {
    const c = await core();
    expect(await c.news.ingestSource(`${base}/latin1.xml`, NOW)).toMatchObject({
      ok: true,
      format: 'rss',
      added: 2,
    });
    expect((await tagged(c))[0]).toEqual({ title: HONDURAS, countries: ['HN', 'MX'] });
    expect((await allItems(c.store))[0].summary).toBe(
      'La Secretaría de Trabajo entregó los primeros permisos en Tapachula.',
    );
  });

  it('reads an HTML listing by its <meta charset="windows-1252">, quotes and dashes included', async () => {
    const c = await core();
    expect(await c.news.ingestSource(`${base}/listing.html`, NOW)).toMatchObject({
      ok: true,
      format: 'html',
      added: 2,
    });
    expect(await tagged(c)).toEqual([
      { title: HONDURAS, countries: ['HN', 'MX'] },
      { title: 'Guatemaltecos en Canadá: “más plazas” agrícolas – temporada 2027', countries: ['CA', 'GT'] },
    ]);
  });

  it('reads a body by the charset of its Content-Type when it declares none itself', async () => {
    const c = await core();
    expect(await c.news.ingestSource(`${base}/header-latin1.xml`, NOW)).toMatchObject({ ok: true, added: 1 });
    expect(await tagged(c)).toEqual([{ title: HONDURAS, countries: ['HN', 'MX'] }]);
  });

  it.each(['/bom-utf8.xml', '/utf16.xml'])('reads %s by its byte-order mark', async (route) => {
    const c = await core();
    expect(await c.news.ingestSource(`${base}${route}`, NOW)).toMatchObject({
      ok: true,
      format: 'rss',
      added: 1,
    });
    expect(await tagged(c)).toEqual([{ title: HONDURAS, countries: ['HN', 'MX'] }]);
  });

  it('reads a UTF-8 file with a BOM from disk, the BOM left out of the text', async () => {
    const file = path.join(tempDir('nb-charset'), 'bom.xml');
    writeFileSync(
      file,
      Buffer.concat([
        BOM_UTF8,
        Buffer.from(`<?xml version="1.0" encoding="ISO-8859-1"?>${bareRss(HONDURAS)}`, 'utf8'),
      ]),
    );
    const fetched = await fetchSource(file);
    expect(fetched.status === 'ok' && fetched.body.startsWith('<?xml')).toBe(true);
    const c = await core();
    await c.news.ingestSource(file, NOW);
    expect(await tagged(c)).toEqual([{ title: HONDURAS, countries: ['HN', 'MX'] }]);
  });

  it('reads a charset it does not know as UTF-8 and goes on', async () => {
    const c = await core();
    expect(await c.news.ingestSource(`${base}/unknown-label.xml`, NOW)).toMatchObject({ ok: true, added: 1 });
    expect(await tagged(c)).toEqual([{ title: HONDURAS, countries: ['HN', 'MX'] }]);
  });
});
