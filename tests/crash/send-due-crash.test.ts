import { spawn } from 'node:child_process';
import { existsSync, utimesSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { TELEGRAM_IN_FLIGHT } from '../../adapters/telegram/pipeline.js';
import { createCore } from '../../src/core.js';
import { LEASE_STALE_MS } from '../../store/lease-file.js';
import { storeFiles } from '../../store/lowdb-store.js';
import { FAKE_TOKEN, startFakeTelegram, type FakeTelegramApi } from '../fakes/telegram-api.js';
import { DEFAULT_SCHEDULE, jsonl } from '../helpers/core.js';
import { entryArgs } from '../helpers/built-tree.js';
import { ROOT } from '../helpers/run.js';
import { tempDb } from '../helpers/temp.js';
import { rng } from '../helpers/random.js';
import { lowdbStore } from '../helpers/stores.js';

const CHATS = 100;
const KILLS = 3;
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
 * One `digests send-due` process, killed with SIGKILL the moment the fake receives its
 * `killAt`th message: taken by the API, not yet answered (the round trip is under way), and so
 * not yet recorded as sent, with the other messages in flight beside it.
 */
function sendDue(
  db: string,
  killAt?: number,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [...entryArgs(ROOT, 'src/cli.ts'), 'digests', 'send-due', '--now', DUE],
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
    let received = 0;
    const off =
      killAt === undefined
        ? undefined
        : fake!.onCall((c) => {
            if (c.method === 'sendMessage' && ++received === killAt) child.kill('SIGKILL');
          });
    child.on('exit', (code, signal) => {
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
      // Each kill comes as a message arrives at the fake, its place in the run drawn at random
      // (its first message, or one of the next 29, when several are in flight): the killed runs
      // cannot send all the chats' digests first, so the run that finishes is one left alone.
      const killAt = kills >= KILLS ? undefined : 1 + Math.floor(random() * 30);
      const r = await sendDue(db, killAt);
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
    // Each kill left at least the message it came with taken and unrecorded, sent again by the
    // next run: the kills did land inside the window the bound is about.
    expect(duplicates).toBeGreaterThanOrEqual(kills);
    expect(duplicates).toBeLessThanOrEqual(TELEGRAM_IN_FLIGHT * kills);
    // and never more than one per chat per kill
    expect(Math.max(...counts)).toBeLessThanOrEqual(1 + kills);
    // and the ledger holds every digest as sent: a next run finds nothing left to send
    const after = await lowdbStore(db);
    const deliveries = await after.deliveries();
    await after.close();
    expect(deliveries).toHaveLength(CHATS);
    expect(deliveries.filter((d) => d.state !== 'sent')).toEqual([]);
  }, 300_000);
});
