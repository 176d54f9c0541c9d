/**
 * Several instances on one PostgreSQL database (issue 14): three service processes, Telegram in
 * webhook mode and Slack in HTTP mode against the fakes, requests spread across them (a retried
 * Slack command and a redelivered Telegram update each reaching a second instance), a digest run
 * in progress, and the lease holder killed with SIGKILL three times at seeded random moments:
 * another takes over within 30 s, every chat gets its digest, and duplicates stay within K per
 * death (the README's bound). The lease lasts 3 s here (NEWSBOT_LEASE_TTL_MS) so it runs fast.
 */
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rng } from '../helpers/random.js';
import { TELEGRAM_IN_FLIGHT } from '../../adapters/telegram/pipeline.js';
import { loadConfig } from '../../src/config.js';
import { createCore } from '../../src/core.js';
import { itemFiling } from '../../src/search/filing.js';
import { openPgStore } from '../../store/pg/pg-store.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack-api.js';
import { FAKE_TOKEN, startFakeTelegram, type FakeTelegramApi } from '../fakes/telegram-api.js';
import { jsonl } from '../helpers/core.js';
import { createTestDatabase, hasPg } from '../helpers/pg.js';
import { tempDb } from '../helpers/temp.js';
import { startService, type Service } from '../helpers/service.js';
import { SIGNING_SECRET, signedHeaders, slashForm } from '../helpers/slack-rig.js';

const TG_CHATS = 240;
const SLACK_CHANNELS = 20;
const KILLS = 3;
const SLACK_IN_FLIGHT = 32;
const COUNTRIES = ['Honduras', 'Guatemala', 'Mexico', 'Costa Rica', 'Panama', 'Haiti'];
const HOOK = '/tg/hook';
const SECRET = 'multi-instance-secret';
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

const tgChat = (i: number) => String(50_000 + i);
const slackChannel = (i: number) => `C0SUB${String(i).padStart(3, '0')}`;
/** a Telegram private chat's update, as Telegram posts it to the webhook */
const update = (id: number, chat: number, text: string) => ({
  update_id: id,
  message: {
    message_id: id,
    date: Math.floor(Date.now() / 1000),
    chat: { id: chat, type: 'private', first_name: 'P' },
    from: { id: chat, is_bot: false, first_name: 'P', language_code: 'en' },
    text,
    entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0].length }],
  },
});

describe.skipIf(!hasPg)('three instances on one database', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  let tg: FakeTelegramApi | undefined;
  let slack: FakeSlack | undefined;
  const services: Service[] = [];
  afterAll(async () => {
    for (const s of services) s.child.kill('SIGKILL');
    await Promise.all(services.map((s) => s.exited));
    await tg?.close();
    await slack?.close();
    await db?.drop();
  });

  it(`answer requests once wherever they land, and finish the digests of ${TG_CHATS + SLACK_CHANNELS} chats through ${KILLS} SIGKILLs of the lease holder`, async () => {
    db = await createTestDatabase();
    // Telegram's own limits (30 a second overall, 1 a second per chat) and a 50 ms round trip:
    // the run lasts seconds, so the kills land inside it.
    tg = await startFakeTelegram({ delayMs: 50, rateLimit: { perSecond: 30, perChat: 1 } });
    slack = await startFakeSlack();

    // A weekly digest whose last time was three days ago: due at once, and for the whole test.
    const dueDay = new Date(Date.now() - 3 * 86_400_000);
    const schedule = `${WEEKDAYS[dueDay.getUTCDay()]} 12:00 UTC`;
    const items = jsonl(
      COUNTRIES.map((c, i) => ({
        title: `Labour migration news from ${c}`,
        summary: `Workers from ${c} and employers met.`,
        date: new Date(Date.now() - (i + 1) * 86_400_000).toISOString().slice(0, 10),
        url: `https://news.example.org/multi/${i}`,
      })),
    );
    const source = path.join(path.dirname(tempDb()), 'multi.jsonl');
    writeFileSync(source, items);

    // The chats subscribe a week ago; the items arrive after; the lease is held by "the test", so
    // no instance sends anything until every one is up.
    const store = await openPgStore(db.url, itemFiling);
    const core = createCore({
      store,
      defaultSchedule: loadConfig({ DIGEST_DEFAULT: schedule }).defaultSchedule,
      sources: [source],
    });
    const weekAgo = new Date(Date.now() - 7 * 86_400_000);
    const ctx = (platform: 'telegram' | 'slack', chatId: string) => ({
      address: platform === 'slack' ? { platform, chatId, teamId: 'T0TEST' } : { platform, chatId },
      canManage: true,
      now: weekAgo,
    });
    for (let i = 0; i < TG_CHATS; i++)
      await core.commands.run(`subscribe ${COUNTRIES[i % COUNTRIES.length]}`, ctx('telegram', tgChat(i)));
    for (let i = 0; i < SLACK_CHANNELS; i++)
      await core.commands.run(`subscribe ${COUNTRIES[i % COUNTRIES.length]}`, ctx('slack', slackChannel(i)));
    await core.news.ingestAll([source], new Date(Date.now() - 4 * 86_400_000));
    await store.pool.query(
      `INSERT INTO scheduler_lease (holder, token, expires_at) VALUES ('the test', 'test', now() + interval '1 hour')`,
    );

    const ports = [await freePort(), await freePort(), await freePort()];
    const start = (i: number) => {
      const s = startService({
        NEWSBOT_DB: db!.url,
        NEWSBOT_LEASE_TTL_MS: '3000',
        NEWS_SOURCES: source,
        DIGEST_DEFAULT: schedule,
        PORT: String(ports[i]),
        TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
        TELEGRAM_API_ROOT: tg!.url,
        TELEGRAM_WEBHOOK_URL: `http://127.0.0.1${HOOK}`,
        TELEGRAM_WEBHOOK_SECRET: SECRET,
        SLACK_BOT_TOKEN: 'xoxb-test-token',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack!.apiUrl,
        LOG_LEVEL: 'info',
      });
      services[i] = s;
      return s.waitFor('stderr', /"msg":"service ready"/);
    };
    await Promise.all([0, 1, 2].map(start));

    // Digest messages as they arrive at either fake, in order, with when.
    const digestSends: number[] = [];
    const subscribed = new Set(Array.from({ length: TG_CHATS }, (_, i) => tgChat(i)));
    const onDigest: (() => void)[] = [];
    const seen = () => {
      digestSends.push(Date.now());
      for (const f of onDigest.splice(0)) f();
    };
    tg.onCall((c) => {
      if (c.method === 'sendMessage' && subscribed.has(String(c.params.chat_id))) seen();
    });
    // Bounded: a run that ended before a kill came would otherwise leave the test waiting for good.
    const nextDigest = (why = 'a digest message') =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no digest message came for 30 s, waiting for ${why}`)),
          30_000,
        );
        onDigest.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });

    // The test lets go of the lease: one instance takes it and starts the digest run.
    const started = nextDigest();
    await store.pool.query(`DELETE FROM scheduler_lease WHERE token = 'test'`);
    await started;

    // Requests spread across the instances while the run goes on.
    const tgPost = (i: number, body: object) =>
      fetch(`http://127.0.0.1:${ports[i]}${HOOK}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
        body: JSON.stringify(body),
      });
    const slackPost = (i: number, body: string, retry?: number) =>
      fetch(`http://127.0.0.1:${ports[i]}/slack/events`, {
        method: 'POST',
        headers: {
          ...signedHeaders(body),
          ...(retry ? { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'http_timeout' } : {}),
        },
        body,
      });
    const askers = [0, 1, 2, 3, 4, 5].map((i) => 70_000 + i);
    for (const [i, chat] of askers.entries())
      expect((await tgPost(i % 3, update(900 + i, chat, '/country honduras'))).status).toBe(200);
    // Telegram delivers one update again, to another instance.
    const again = update(990, 70_099, '/latest');
    expect((await tgPost(0, again)).status).toBe(200);
    expect((await tgPost(2, again)).status).toBe(200);
    const slackIds = [0, 1, 2, 3, 4, 5].map((i) => `multi-${i}`);
    for (const [i, id] of slackIds.entries())
      expect(
        (await slackPost(i % 3, slashForm('country guatemala', slack.responseUrl(id), { channel: 'C0ASK' })))
          .status,
      ).toBe(200);
    // Slack retries a command, and the retry reaches another instance.
    const retried = slashForm('latest', slack.responseUrl('multi-retried'), { channel: 'C0ASK' });
    expect((await slackPost(1, retried)).status).toBe(200);
    expect((await slackPost(2, retried, 1)).status).toBe(200);
    for (const chat of [...askers, 70_099]) await tg.waitForMessages(chat, 1, 30_000);
    for (const id of [...slackIds, 'multi-retried'])
      await slack.waitFor(() => (slack!.responsesTo(id).length ? true : undefined), 30_000, id);

    // Three SIGKILLs of whoever holds the lease, each at a seeded random digest message from now.
    const random = rng(14);
    const takeovers: number[] = [];
    const restarts: Promise<void>[] = [];
    for (let k = 0; k < KILLS; k++) {
      const at = digestSends.length + 2 + Math.floor(random() * 10);
      while (digestSends.length < at) await nextDigest(`kill ${k + 1} (${digestSends.length} sent)`);
      const row = (await store.pool.query('SELECT holder FROM scheduler_lease')).rows[0] as {
        holder: string;
      };
      const pid = Number(/^pid (\d+)/.exec(row.holder)?.[1]);
      const i = services.findIndex((s) => s.child.pid === pid);
      expect(i, `the lease holder (${row.holder}) is one of the services`).toBeGreaterThanOrEqual(0);
      const killedAt = Date.now();
      services[i].child.kill('SIGKILL');
      await services[i].exited;
      // The orchestrator starts it again; meanwhile another instance takes the lease over.
      restarts.push(start(i));
      // Taken over once another instance holds the lease and a digest message arrives from it
      // (what arrives before came from the dead one, sent just before it died). Polled: the
      // lease row changes with no signal.
      for (;;) {
        const now = (await store.pool.query('SELECT holder FROM scheduler_lease WHERE expires_at > now()'))
          .rows[0] as { holder: string } | undefined;
        if (now && !now.holder.startsWith(`pid ${pid} `)) break;
        await store.pool.query('SELECT pg_sleep(0.1)');
      }
      await nextDigest(`the instance that took over after kill ${k + 1}`);
      takeovers.push(Date.now() - killedAt);
    }
    await Promise.all(restarts);

    // Every chat gets its digest.
    for (let i = 0; i < TG_CHATS; i++) await tg.waitForMessages(tgChat(i), 1, 60_000);
    for (let i = 0; i < SLACK_CHANNELS; i++)
      await slack.waitFor(() => (slack!.posts(slackChannel(i)).length ? true : undefined), 60_000);
    // and the ledger records each as sent
    let ledger: { state: string }[] = [];
    for (const until = Date.now() + 30_000; Date.now() < until;) {
      ledger = (await store.pool.query('SELECT state FROM deliveries')).rows;
      if (ledger.length === TG_CHATS + SLACK_CHANNELS && ledger.every((d) => d.state === 'sent')) break;
      // Polled: an instance tells nobody when it marks its last message sent, a moment after the answer.
      await store.pool.query('SELECT pg_sleep(0.1)');
    }
    expect(ledger.filter((d) => d.state === 'sent')).toHaveLength(TG_CHATS + SLACK_CHANNELS);

    const tgCounts = Array.from({ length: TG_CHATS }, (_, i) => tg!.sent(tgChat(i)).length);
    const slackCounts = Array.from(
      { length: SLACK_CHANNELS },
      (_, i) => slack!.posts(slackChannel(i)).length,
    );
    const dup = (counts: number[]) => counts.reduce((s, n) => s + Math.max(0, n - 1), 0);
    console.log(
      `multi-instance: takeovers ${takeovers.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(', ')}; ` +
        `duplicates: Telegram ${dup(tgCounts)}, Slack ${dup(slackCounts)}`,
    );
    expect(takeovers).toHaveLength(KILLS);
    for (const ms of takeovers) expect(ms).toBeLessThan(30_000);
    expect(dup(tgCounts)).toBeLessThanOrEqual(TELEGRAM_IN_FLIGHT * KILLS);
    expect(dup(slackCounts)).toBeLessThanOrEqual(SLACK_IN_FLIGHT * KILLS);

    // Each request was answered once, the redelivered and the retried ones too.
    for (const chat of [...askers, 70_099]) expect(tg.sent(chat)).toHaveLength(1);
    expect(tg.sent(askers[0])[0].text).toMatch(/Honduras/);
    for (const id of [...slackIds, 'multi-retried']) expect(slack.responsesTo(id)).toHaveLength(1);
    await store.close();
  }, 150_000);
});
