/**
 * One process at a time polls a store's sources and sends its digests: the holder of the store's
 * scheduler lease (store/lease-file.ts). Real processes, where a process is the point; the
 * lease and its keeper in-process are in tests/store/lease-file.test.ts and
 * tests/scheduler/lease-keeper.test.ts.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createCore } from '../../src/core.js';
import { storeFiles } from '../../store/lowdb-store.js';
import { DEFAULT_SCHEDULE, jsonl } from '../helpers/core.js';
import { runInProcess } from '../helpers/run.js';
import { tempDb } from '../helpers/temp.js';
import { startService as start, type Service } from '../helpers/service.js';
import { lowdbStore } from '../helpers/stores.js';

const children: ChildProcess[] = [];
afterEach(() =>
  children.splice(0).forEach((c) => c.exitCode === null && c.signalCode === null && c.kill('SIGKILL')),
);

function startService(env: Record<string, string>, opts: { preload?: string[] } = {}): Service {
  const s = start(env, opts);
  children.push(s.child);
  return s;
}

/** A store whose console chat subscribed to Honduras eight days ago, with news about it since: a digest is due. */
async function storeWithDueDigest(): Promise<string> {
  const db = tempDb();
  const store = await lowdbStore(db);
  const core = createCore({ store, defaultSchedule: DEFAULT_SCHEDULE, sources: [] });
  const now = new Date();
  await core.commands.run('subscribe Honduras', {
    address: { platform: 'console', chatId: 'local' },
    canManage: true,
    now: new Date(now.getTime() - 8 * 86_400_000),
  });
  await core.news.ingestBody(
    jsonl([{ title: 'Honduran workers arrive for the harvest season', date: '2026-11-20' }]),
    'test.jsonl',
    now,
    { format: 'jsonl' },
  );
  await store.close();
  return db;
}

const DIGEST = /Weekly digest: Honduras/;
const REFUSED =
  /Another newsbot \(pid \d+ on [^,]+, since [^)]+\) is already sending the digests of this store/;

describe('one scheduler per store', () => {
  it("two services on one store, one reporting the other's process id as its own: only one sends the digest", async () => {
    const db = await storeWithDueDigest();
    // Both start at once; the second says it is the first's pid (two containers' pid 1, a reused pid).
    const a = startService({ NEWSBOT_DB: db });
    const b = startService(
      { NEWSBOT_DB: db, NEWSBOT_TEST_FAKE_PID: String(a.child.pid) },
      { preload: [new URL('../fixtures/fake-pid.mjs', import.meta.url).href] },
    );
    const sender = await new Promise<Service>((resolve) => {
      for (const s of [a, b])
        s.waitFor('stdout', DIGEST).then(
          () => resolve(s),
          () => {},
        );
    });
    const other = sender === a ? b : a;
    await other.waitFor('stderr', REFUSED);
    expect(sender.stderr()).not.toMatch(REFUSED);
    // The other answers reading commands and refuses changes, which the sender would write over.
    other.child.stdin!.write('subscribe panama\ncountry honduras\n');
    other.child.stdin!.end();
    expect(await other.exited).toEqual({ code: 0, signal: null });
    expect(other.stdout()).toMatch(
      /Another newsbot process holds this store \(the one that sends the digests\) and would write over this change/,
    );
    expect(other.stdout()).toMatch(/News about Honduras/);
    // Stopped gracefully, the sender finishes what it has in hand: all it sent is in its output.
    sender.child.kill('SIGTERM');
    expect((await sender.exited).code).toBe(0);
    expect(sender.stdout().match(new RegExp(DIGEST, 'g'))).toHaveLength(1);
    expect(other.stdout()).not.toMatch(DIGEST);
  });

  it('beside a running service, send-due, ingest and changing commands through ask are refused (it would overwrite them); reading works; SIGTERM stops it and lets go of the lease', async () => {
    const db = tempDb();
    const a = startService({ NEWSBOT_DB: db });
    await a.waitFor('stderr', /local mode/);
    expect(existsSync(storeFiles(db).lock)).toBe(true);
    // The command line in this process, beside the service in its own.
    const cli = (...args: string[]) => runInProcess(args, { NEWSBOT_DB: db });
    const [sd, sub, ing, read] = await Promise.all([
      cli('digests', 'send-due'),
      cli('ask', 'subscribe honduras', '--chat', 'other'),
      cli('ingest'),
      cli('ask', 'country honduras'),
    ]);
    expect(sd.code).toBe(1);
    expect(sd.stderr).toMatch(
      new RegExp(
        `another newsbot \\(pid ${a.child.pid} on .*\\) is sending the digests of this store; nothing was sent`,
      ),
    );
    const refused =
      /a newsbot service \(pid \d+ on .*\) is running on this store .* and it would overwrite what .* writes\. Type the command in that service/;
    expect(sub.code).toBe(1);
    expect(sub.stderr).toMatch(refused);
    expect(ing.code).toBe(1);
    expect(ing.stderr).toMatch(refused);
    expect(read.code).toBe(0);
    expect(read.stdout).toMatch(/News about Honduras/);

    // SIGTERM stops it: exit 0, the lease released
    a.child.kill('SIGTERM');
    expect(await a.exited).toEqual({ code: 0, signal: null });
    expect(existsSync(storeFiles(db).lock)).toBe(false);
    expect(existsSync(storeFiles(db).lockHolder)).toBe(false);
    // with the service gone, the same command goes through
    expect((await cli('ask', 'subscribe honduras', '--chat', 'other')).code).toBe(0);
  });

  it('a service refused the lease takes over the scheduler once its holder lets go (in-process)', async () => {
    const db = tempDb();
    const holder = await lowdbStore(db);
    expect(await holder.lease().acquire()).toEqual({ ok: true });
    let tookOver!: () => void;
    const takeover = new Promise<void>((r) => (tookOver = r));
    let read!: (line: string) => void;
    const sourcesRead = new Promise<string>((r) => (read = r));
    const log = pino(
      { level: 'info' },
      {
        write: (line: string) => {
          if (/now polls the sources and sends the digests/.test(line)) tookOver();
          if (/sources read/.test(line)) read(line);
        },
      },
    );
    const app = await createApp(loadConfig({ NEWSBOT_DB: db, NEWS_SOURCES: 'data/sample-items.txt' }), {
      console: false,
      leaseRetryMs: 20,
      log,
    });
    try {
      expect((await app.takeLease()).ok).toBe(false);
      await app.start();
      expect(await app.leaseHolder()).toContain(`pid ${process.pid} on `);
      await holder.lease().release();
      await takeover;
      expect(await app.leaseHolder()).toBeUndefined();
      expect(await holder.lease().heldElsewhere()).toContain(`pid ${process.pid} on `);
      // The holder read the sources when it began; the one taking over reads them at once, not a poll interval later.
      expect(JSON.parse(await sourcesRead)).toMatchObject({ sources: 1, added: 10, failed: [] });
      expect(await app.itemCount()).toBe(10);
    } finally {
      await app.stop();
    }
    expect(existsSync(storeFiles(db).lock)).toBe(false);
  });

  it('SIGTERM while the sources are still being read at start-up: exit 0', async () => {
    let asked!: () => void;
    const reading = new Promise<void>((r) => (asked = r));
    const slow = createServer((_req, res) => {
      asked();
      setTimeout(() => res.writeHead(200, { 'content-type': 'text/plain' }).end('late'), 10_000);
    });
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r));
    try {
      const s = startService({
        NEWSBOT_DB: tempDb(),
        NEWS_SOURCES: `http://127.0.0.1:${(slow.address() as AddressInfo).port}/feed`,
      });
      await reading;
      s.child.kill('SIGTERM');
      expect(await s.exited).toEqual({ code: 0, signal: null });
    } finally {
      slow.closeAllConnections();
      slow.close();
    }
  });
});
