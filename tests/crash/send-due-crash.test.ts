import { spawn } from 'node:child_process';
import { existsSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TELEGRAM_IN_FLIGHT } from '../../adapters/telegram/pipeline.js';
import { createCore } from '../../src/core.js';
import { LEASE_STALE_MS } from '../../store/lease-file.js';
import { storeFiles } from '../../store/lowdb-store.js';
import { FAKE_TOKEN, startFakeTelegram, type FakeTelegramApi } from '../fakes/telegram-api.js';
import { DEFAULT_SCHEDULE, jsonl } from '../helpers/core.js';
import { ROOT, tempDb } from '../helpers/run.js';
import { rng } from '../../bench/generate.js';
import { lowdbStore } from '../helpers/stores.js';

const CHATS = 300;
const KILLS = 10;
const DUE = '2026-11-30T15:00:30Z';
const COUNTRIES = ['Honduras', 'Guatemala', 'Mexico', 'Costa Rica', 'Panama', 'Haiti'];

let fake: FakeTelegramApi | undefined;

/** Makes a lease look as a dead holder leaves it once its stale time has passed (a kill before it was taken leaves none). */
function abandon(lock: string): void {
  const then = new Date(Date.now() - LEASE_STALE_MS - 1_000);
  if (existsSync(lock)) utimesSync(lock, then, then);
}
afterAll(() => fake?.close());

/**
 * One `digests send-due` process, killed with SIGKILL when `kill` says: after a time (which may
 * fall in start-up) or once the fake has received a number of messages from it (mid-fan-out).
 */
function sendDue(
  db: string,
  kill?: { afterMs: number } | { afterMessages: number },
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'src/cli.ts'), 'digests', 'send-due', '--now', DUE],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          NEWSBOT_DB: db,
          TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
          TELEGRAM_API_ROOT: fake!.url,
          LOG_LEVEL: 'silent',
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const timer =
      kill && 'afterMs' in kill ? setTimeout(() => child.kill('SIGKILL'), kill.afterMs) : undefined;
    let received = 0;
    const off =
      kill && 'afterMessages' in kill
        ? fake!.onCall((c) => {
            if (c.method === 'sendMessage' && ++received === kill.afterMessages) child.kill('SIGKILL');
          })
        : undefined;
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      off?.();
      resolve({ code, signal, stderr });
    });
  });
}

describe('digests survive being killed mid-run', () => {
  it(`${CHATS} subscriptions, SIGKILL at random moments ${KILLS} times at a 50 ms round trip: every chat gets its digest, duplicates at most K (${TELEGRAM_IN_FLIGHT}) per kill`, async () => {
    // A real round trip keeps K messages in flight when the kills come, some taken by the API
    // and not yet answered: the messages that may go twice.
    fake = await startFakeTelegram({ delayMs: 50 });
    const db = tempDb();
    const store = await lowdbStore(db);
    const core = createCore({ store, defaultSchedule: DEFAULT_SCHEDULE, sources: [] });
    const before = new Date('2026-11-20T00:00:00Z');
    for (let i = 0; i < CHATS; i++) {
      await core.commands.run(`subscribe ${COUNTRIES[i % COUNTRIES.length]}`, {
        address: { platform: 'telegram', chatId: String(1000 + i) },
        canManage: true,
        now: before,
      });
    }
    await core.news.ingestBody(
      jsonl(
        COUNTRIES.map((c, i) => ({
          title: `Labour migration news from ${c}`,
          summary: `Workers from ${c} and employers met.`,
          date: `2026-11-2${i}`,
        })),
      ),
      'crash',
      new Date('2026-11-25T00:00:00Z'),
    );
    await store.close();

    const random = rng(7);
    let kills = 0;
    let runs = 0;
    let finished = false;
    while (!finished && runs < 40) {
      runs++;
      // Half the kills come at a random time (start-up takes about a second, so some land there),
      // half once a random number of messages are out; together they cannot send all 300 first,
      // so the run that finishes is always one that was left alone.
      const kill =
        kills >= KILLS
          ? undefined
          : kills % 2 === 0
            ? { afterMs: 300 + Math.floor(random() * 1200) }
            : { afterMessages: 1 + Math.floor(random() * 25) };
      const r = await sendDue(db, kill);
      if (r.signal === 'SIGKILL') {
        kills++;
        // The killed run's lease stays until it is LEASE_STALE_MS old, and the next run would be
        // refused until then: the test, which knows the run is dead, ages it at once.
        abandon(storeFiles(db).lock);
      } else {
        expect(r.stderr).toMatch(/digests due at/);
        finished = r.code === 0;
      }
    }
    expect(kills).toBe(KILLS);
    expect(finished).toBe(true);

    const counts = Array.from({ length: CHATS }, (_, i) => fake!.sent(String(1000 + i)).length);
    const missing = counts.filter((n) => n === 0).length;
    const duplicates = counts.reduce((sum, n) => sum + Math.max(0, n - 1), 0);
    console.log(
      `crash test: ${runs} runs, ${kills} kills, ${CHATS - missing}/${CHATS} chats served, ${duplicates} duplicate messages`,
    );
    expect(missing).toBe(0);
    expect(duplicates).toBeLessThanOrEqual(TELEGRAM_IN_FLIGHT * kills);
    // and never more than one per chat per kill
    expect(Math.max(...counts)).toBeLessThanOrEqual(1 + kills);
    // a last run finds nothing left to send
    const last = await sendDue(db);
    expect(last.stderr).toMatch(/due at .*: 0;/);
  }, 300_000);
});
