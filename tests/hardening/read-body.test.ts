/**
 * The body cap both webhooks stand behind (adapters/shared/read-body.ts): a declared length over
 * the limit is refused before a byte is read, and a body that runs past it is refused as soon as
 * it does, with no more of it held than the limit.
 */
import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readBody } from '../../adapters/shared/read-body.js';

function fakeRequest(headers: Record<string, string> = {}) {
  const stream = new PassThrough();
  return Object.assign(stream, { headers }) as unknown as IncomingMessage & PassThrough;
}

describe('readBody', () => {
  it('reads a body within the limit, whole', async () => {
    const req = fakeRequest();
    const read = readBody(req, 100);
    req.end(Buffer.from('{"update_id":1}'));
    expect(await read).toEqual({ ok: true, body: Buffer.from('{"update_id":1}') });
  });

  it('refuses a declared Content-Length over the limit without reading anything', async () => {
    const req = fakeRequest({ 'content-length': String(101) });
    const r = await readBody(req, 100);
    expect(r).toMatchObject({ ok: false, status: 413 });
    expect(req.readableFlowing).toBeNull();
  });

  it('refuses a body that runs past the limit (no length declared) as it passes it, and reads no further', async () => {
    const req = fakeRequest();
    const read = readBody(req, 1000);
    let written = 0;
    let settled = false;
    void read.then(() => (settled = true));
    // An endless body: chunks keep coming until the reader gives up.
    while (!settled && written < 100_000) {
      req.write(Buffer.alloc(64, 'x'));
      written += 64;
      await new Promise((r) => setImmediate(r));
    }
    expect(await read).toMatchObject({ ok: false, status: 413 });
    expect(written).toBeLessThanOrEqual(1000 + 64 * 2);
    expect(req.isPaused()).toBe(true);
  });

  it('a body that fails while being read is a 400', async () => {
    const req = fakeRequest();
    const read = readBody(req, 1000);
    req.destroy(new Error('connection reset'));
    expect(await read).toMatchObject({ ok: false, status: 400 });
  });
});
