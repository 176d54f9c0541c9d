import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { storeFiles } from '../../store/lowdb-store.js';
import { ROOT, run, tempDb } from '../helpers/run.js';

const children: ChildProcess[] = [];
afterEach(() => children.splice(0).forEach((c) => c.kill('SIGKILL')));

/** Starts the service with standard input held open; resolves once it says it is ready. */
function startService(
  db: string,
): Promise<{ child: ChildProcess; stderr: () => string; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/main.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NEWSBOT_DB: db },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(child);
  let err = '';
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (d) => {
      err += d;
      if (/local mode/.test(err)) resolve({ child, stderr: () => err, exited });
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
  });
}

describe('one scheduler per store', () => {
  it('a second service on the same store refuses to run the scheduler and says so; send-due refuses too', async () => {
    const db = tempDb();
    const a = await startService(db);
    expect(existsSync(storeFiles(db).lock)).toBe(true);
    const b = await startService(db);
    await new Promise((r) => setTimeout(r, 300));
    expect(b.stderr()).toMatch(
      new RegExp(`another newsbot \\(pid ${a.child.pid}\\) is already sending the digests`),
    );
    expect(a.stderr()).not.toMatch(/another newsbot/);
    const sd = await run('src/cli.ts', ['digests', 'send-due'], { env: { NEWSBOT_DB: db } });
    expect(sd.code).toBe(1);
    expect(sd.stderr).toMatch(/is sending the digests of this store[\s\S]*nothing was sent/);
    // the second answers questions but makes no changes the first would write over
    let out = '';
    b.child.stdout!.on('data', (d) => (out += d));
    b.child.stdin!.write('subscribe panama\ncountry panama\n');
    b.child.stdin!.end();
    expect(await b.exited).toBe(0);
    expect(out).toMatch(
      /Another newsbot process holds this store \(the one that sends the digests\) and would write over this change/,
    );
    expect(out).toMatch(/News about Panama/);
    expect(existsSync(storeFiles(db).lock)).toBe(true);
  });

  it('beside a running service, ingest and changing commands through ask are refused (it would overwrite them); reading works', async () => {
    const db = tempDb();
    const a = await startService(db);
    const refused =
      /a newsbot service \(pid \d+\) is running on this store .* and it would overwrite what .* writes\. Type the command in that service/;
    const sub = await run('src/cli.ts', ['ask', 'subscribe honduras', '--chat', 'other'], {
      env: { NEWSBOT_DB: db },
    });
    expect(sub.code).toBe(1);
    expect(sub.stderr).toMatch(refused);
    const ing = await run('src/cli.ts', ['ingest'], { env: { NEWSBOT_DB: db } });
    expect(ing.code).toBe(1);
    expect(ing.stderr).toMatch(refused);
    const read = await run('src/cli.ts', ['ask', 'country honduras'], { env: { NEWSBOT_DB: db } });
    expect(read.code).toBe(0);
    expect(read.stdout).toMatch(/News about Honduras/);
    a.child.kill('SIGTERM');
    expect(await a.exited).toBe(0);
    // with the service gone, the same command goes through
    expect(
      (await run('src/cli.ts', ['ask', 'subscribe honduras', '--chat', 'other'], { env: { NEWSBOT_DB: db } }))
        .code,
    ).toBe(0);
  });

  it('a service refused the lock takes over the scheduler once its holder is gone, and reads no sources meanwhile', async () => {
    const db = tempDb();
    const holder = spawn('sleep', ['30']);
    children.push(holder);
    const files = storeFiles(db);
    mkdirSync(path.dirname(db), { recursive: true });
    writeFileSync(files.lock, `${holder.pid}\n`);
    const app = await createApp(
      loadConfig({ NEWSBOT_DB: db, LOG_LEVEL: 'silent', NEWS_SOURCES: 'data/sample-items.txt' }),
      { console: false, lockRetryMs: 50, log: pino({ level: 'silent' }) },
    );
    try {
      expect(app.lock().ok).toBe(false);
      await app.start();
      await new Promise((r) => setTimeout(r, 200));
      expect(readFileSync(files.lock, 'utf8').trim()).toBe(String(holder.pid));
      holder.kill('SIGKILL');
      await new Promise((r) => holder.once('exit', r));
      const deadline = Date.now() + 5_000;
      while (readFileSync(files.lock, 'utf8').trim() !== String(process.pid) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      expect(readFileSync(files.lock, 'utf8').trim()).toBe(String(process.pid));
    } finally {
      await app.stop();
    }
    expect(existsSync(files.lock)).toBe(false);
  });

  it('SIGTERM while the sources are still being read at start-up: exit 0', async () => {
    const slow = createServer(
      (_req, res) =>
        void setTimeout(() => res.writeHead(200, { 'content-type': 'text/plain' }).end('late'), 10_000),
    );
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r));
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/main.ts')], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          NEWSBOT_DB: tempDb(),
          NEWS_SOURCES: `http://127.0.0.1:${(slow.address() as AddressInfo).port}/feed`,
        },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      children.push(child);
      const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
      await new Promise((r) => setTimeout(r, 1500));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      slow.closeAllConnections();
      slow.close();
    }
  });

  it('stops on SIGTERM: exit 0, lock released', async () => {
    const db = tempDb();
    const a = await startService(db);
    a.child.kill('SIGTERM');
    expect(await a.exited).toBe(0);
    expect(existsSync(storeFiles(db).lock)).toBe(false);
  });

  it('takes over a lock left by a process that is gone', async () => {
    const db = tempDb();
    await run('src/cli.ts', ['ingest'], { env: { NEWSBOT_DB: db } });
    writeFileSync(storeFiles(db).lock, '2147483000\n');
    const sd = await run('src/cli.ts', ['digests', 'send-due'], { env: { NEWSBOT_DB: db } });
    expect(sd.code).toBe(0);
    expect(sd.stderr).toMatch(/digests due at/);
    expect(existsSync(storeFiles(db).lock)).toBe(false);
  });
});
