/**
 * An error in the handling of one request fails that request, never the service: a route that
 * throws (at once or later) gets a 500 and the listener goes on; a rejection nobody awaits (an
 * SDK's own task) is logged, and the process goes on.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createHttpListener } from '../../src/http.js';
import { surviveUnhandledRejections } from '../../src/survive.js';
import { captureLog } from '../telegram/setup.js';

describe('the shared HTTP listener', () => {
  it('a route that throws at once, or rejects later, answers 500 and the others go on', async () => {
    const { log, lines } = captureLog();
    const http = createHttpListener(log);
    http.route('/sync', () => {
      throw new TypeError("Cannot read properties of null (reading 'ssl_check')");
    });
    http.route('/async', async () => {
      throw new Error('later');
    });
    http.route('/ok', (_req, res) => void res.writeHead(200).end('fine'));
    const port = await http.listen(0, '127.0.0.1');
    try {
      const base = `http://127.0.0.1:${port}`;
      expect((await fetch(`${base}/sync`)).status).toBe(500);
      expect((await fetch(`${base}/async`)).status).toBe(500);
      const ok = await fetch(`${base}/ok`);
      expect([ok.status, await ok.text()]).toEqual([200, 'fine']);
      expect(lines.filter((l) => l.msg === 'HTTP handler failed').map((l) => l.path)).toEqual([
        '/sync',
        '/async',
      ]);
    } finally {
      await http.close();
    }
  });
});

describe('surviveUnhandledRejections', () => {
  it('logs a rejection nobody awaited, with its error, instead of ending the process', () => {
    const proc = new EventEmitter();
    const { log, lines } = captureLog();
    surviveUnhandledRejections(proc, log);
    // Without a listener, Node turns an unhandled rejection into a crash; with one, it calls it.
    expect(proc.listenerCount('unhandledRejection')).toBe(1);
    proc.emit('unhandledRejection', new TypeError('inside an SDK'), Promise.resolve());
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 50, err: { message: 'inside an SDK', type: 'TypeError' } });
    expect(lines[0].msg).toMatch(/the service goes on/);
  });
});
