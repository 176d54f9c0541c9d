/**
 * `npm start` stopped by SIGINT (Ctrl-C), as the README says: "SIGINT and SIGTERM stop the
 * service gracefully: no new work, the digest in hand finished, the store flushed, exit code 0".
 * (SIGTERM on an idle service is in scheduler-lock.test.ts.)
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { storeFiles } from '../../store/lowdb-store.js';
import { startFakeTelegram, type FakeTelegramApi } from '../fakes/telegram-api.js';
import { tempDb } from '../helpers/temp.js';
import { startService as start } from '../helpers/service.js';

const children: ChildProcess[] = [];
let fake: FakeTelegramApi | undefined;
afterEach(async () => {
  children.splice(0).forEach((c) => c.exitCode === null && c.signalCode === null && c.kill('SIGKILL'));
  await fake?.close();
  fake = undefined;
});

function startService(env: Record<string, string>) {
  const s = start(env);
  children.push(s.child);
  return s;
}

describe('SIGINT', () => {
  it('in local mode, after a command changed the store: exit 0, lock released, the change on disk', async () => {
    const db = tempDb();
    const s = startService({ NEWSBOT_DB: db });
    await s.waitFor('stderr', /local mode/);
    expect(existsSync(storeFiles(db).lock)).toBe(true);
    s.child.stdin!.write('subscribe Honduras\n');
    await s.waitFor('stdout', /now subscribed to Honduras/);
    s.child.kill('SIGINT');
    expect(await s.exited).toEqual({ code: 0, signal: null });
    expect(existsSync(storeFiles(db).lock)).toBe(false);
    expect(s.stderr()).not.toMatch(/Error|at .*\.ts:\d+/);
    const state = JSON.parse(readFileSync(db, 'utf8'));
    expect(state.chats['console:local'].places.map((p: { code: string }) => p.code)).toEqual(['HN']);
  });

  it('with a platform adapter and the HTTP listener: exit 0, lock released, the listener closed', async () => {
    fake = await startFakeTelegram({ pollHoldMs: 100 });
    const db = tempDb();
    const s = startService({
      NEWSBOT_DB: db,
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.url,
      PORT: '0',
      LOG_LEVEL: 'info',
    });
    await s.waitFor('stderr', /"msg":"service ready"/);
    const port = Number(/"port":(\d+)/.exec(s.stderr())![1]);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    await fake.waitForCall((c) => c.method === 'getUpdates');
    expect(existsSync(storeFiles(db).lock)).toBe(true);
    s.child.kill('SIGINT');
    expect(await s.exited).toEqual({ code: 0, signal: null });
    expect(s.stderr()).toMatch(/"signal":"SIGINT".*"msg":"stopping"/);
    expect(existsSync(storeFiles(db).lock)).toBe(false);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });
});
