/**
 * The service (`npm start`, a real process) with Slack in HTTP mode and Telegram in webhook mode
 * on one listener, sent what a hostile peer with the right secrets would send: a Slack
 * `payload=null` (which ended the process inside Bolt's receiver), a command without its
 * channel, a Telegram `null` update and one declaring 30 MB. Each is answered with a 4xx, and the
 * service keeps answering /healthz, Slack and Telegram, then stops cleanly.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../fakes/slack-api.js';
import { startFakeTelegram, type FakeTelegramApi } from '../fakes/telegram-api.js';
import { postDeclaring } from '../helpers/oversized.js';
import { tempDb } from '../helpers/temp.js';
import { startService, type Service } from '../helpers/service.js';
import { message, privateChat, users } from '../telegram/setup.js';
import { BOT_TOKEN, SIGNING_SECRET, signedHeaders, slashForm } from '../helpers/slack-rig.js';

let slack: FakeSlack | undefined;
let telegram: FakeTelegramApi | undefined;
let s: Service | undefined;
afterEach(async () => {
  if (s?.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
  await slack?.close();
  await telegram?.close();
});

const HOOK = '/telegram/hook';
const TG_SECRET = 'tg-secret';

describe('the service outlives hostile requests with the right secrets', () => {
  it('answers each with a 4xx and goes on answering', async () => {
    slack = await startFakeSlack();
    telegram = await startFakeTelegram();
    s = startService({
      NEWSBOT_DB: tempDb(),
      PORT: '0',
      LOG_LEVEL: 'info',
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.url,
      TELEGRAM_WEBHOOK_URL: `https://news.example.org${HOOK}`,
      TELEGRAM_WEBHOOK_SECRET: TG_SECRET,
    });
    await s.waitFor('stderr', /"msg":"service ready"/);
    const base = `http://127.0.0.1:${Number(/"port":(\d+)/.exec(s.stderr())![1])}`;
    const slackPost = (body: string) =>
      fetch(`${base}/slack/events`, { method: 'POST', headers: signedHeaders(body), body }).then(
        (r) => r.status,
      );
    const tgPost = (body: string) =>
      fetch(`${base}${HOOK}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TG_SECRET },
        body,
      }).then((r) => r.status);

    expect(await slackPost(new URLSearchParams({ payload: 'null' }).toString())).toBe(400);
    const noChannel = new URLSearchParams(slashForm('latest', slack.responseUrl('no-channel')));
    noChannel.delete('channel_id');
    expect(await slackPost(noChannel.toString())).toBe(400);
    expect(await tgPost('null')).toBe(400);
    expect(
      await postDeclaring(`${base}${HOOK}`, 30 * 1024 * 1024, {
        'content-type': 'application/json',
        'x-telegram-bot-api-secret-token': TG_SECRET,
        connection: 'close',
      }),
    ).toBe(413);

    // Still here, on every route.
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(await slackPost(slashForm('latest 1', slack.responseUrl('after')))).toBe(200);
    await slack.waitFor(() => slack!.responsesTo('after')[0], 10_000, 'the answer after');
    expect(await tgPost(JSON.stringify(message(privateChat(users.bob), users.bob, '/latest 1')))).toBe(200);
    expect(telegram.sent(users.bob.id)).toHaveLength(1);
    expect(s.stderr()).not.toMatch(/"level":(50|60)/);

    s.child.kill('SIGTERM');
    expect(await s.exited).toEqual({ code: 0, signal: null });
    // Two SDKs load in a process of its own: slow on a busy machine.
  }, 60_000);
});
