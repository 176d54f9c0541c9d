import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { FAKE_TOKEN as fakeToken, startFakeTelegram, type FakeTelegramApi } from '../fakes/telegram-api.js';
import { startupFailure } from '../helpers/run.js';
import { tempDb } from '../helpers/temp.js';
import { message, privateChat, users } from './setup.js';
import { silentLog } from '../helpers/logs.js';

let fake: FakeTelegramApi | undefined;
let app: App | undefined;
afterEach(async () => {
  await app?.stop();
  await fake?.close();
  app = fake = undefined;
});

describe('the Telegram adapter in the service', () => {
  it('runs from the environment settings: TELEGRAM_BOT_TOKEN and TELEGRAM_API_ROOT, polling', async () => {
    fake = await startFakeTelegram({ pollHoldMs: 100 });
    const config = loadConfig({
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.url,
      NEWSBOT_DB: tempDb(),
    });
    app = await createApp(config, { memory: true, log: silentLog() });
    await app.ingest(undefined, new Date());
    await app.start();
    expect(app.platforms()).toContain('telegram');
    await fake.deliver(message(privateChat(users.carla), users.carla, '/pais costa rica'));
    const [reply] = await fake.waitForMessages(users.carla.id, 1);
    expect(reply.text).toMatch(/^Noticias sobre Costa Rica/);
  });

  it('webhook mode from the environment: set with its secret on the shared listener; a wrong secret gets 403', async () => {
    fake = await startFakeTelegram();
    const config = loadConfig({
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.url,
      NEWSBOT_DB: tempDb(),
      PORT: '0',
      TELEGRAM_WEBHOOK_URL: 'http://127.0.0.1/tg/updates',
      TELEGRAM_WEBHOOK_SECRET: 'a-secret_42',
    });
    app = await createApp(config, { memory: true, log: silentLog() });
    await app.ingest(undefined, new Date());
    await app.start();
    expect(fake.callsOf('setWebhook')[0].params).toMatchObject({
      url: 'http://127.0.0.1/tg/updates',
      secret_token: 'a-secret_42',
    });
    expect(fake.callsOf('getUpdates')).toHaveLength(0);
    const port = app.port()!;
    const post = (secret: string) =>
      fetch(`http://127.0.0.1:${port}/tg/updates`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
        body: JSON.stringify(message(privateChat(users.bob), users.bob, '/country honduras')),
      });
    expect((await post('wrong')).status).toBe(403);
    expect((await post('a-secret_42')).status).toBe(200);
    const [reply] = await fake.waitForMessages(users.bob.id, 1);
    expect(reply.text).toMatch(/^News about Honduras/);
    expect(fake.sent(users.bob.id)).toHaveLength(1);
  });

  it('TELEGRAM_IN_FLIGHT and SLACK_IN_FLIGHT set K for each platform; a value that cannot be K is refused with what to write', () => {
    const both = { TELEGRAM_BOT_TOKEN: fakeToken, SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' };
    const config = loadConfig({ ...both, TELEGRAM_IN_FLIGHT: '4', SLACK_IN_FLIGHT: ' 64 ' });
    expect(config.telegram?.inFlight).toBe(4);
    expect(config.slack?.inFlight).toBe(64);
    expect(loadConfig(both).telegram?.inFlight).toBeUndefined();
    expect(() => loadConfig({ ...both, TELEGRAM_IN_FLIGHT: 'many' })).toThrow(
      /TELEGRAM_IN_FLIGHT must be a whole number of messages, such as 16/,
    );
    expect(() => loadConfig({ ...both, SLACK_IN_FLIGHT: '0' })).toThrow(
      /SLACK_IN_FLIGHT must be between 1 and 256/,
    );
  });

  it('an http webhook URL is refused unless a self-hosted Bot API server is set', () => {
    expect(() =>
      loadConfig({
        TELEGRAM_BOT_TOKEN: fakeToken,
        TELEGRAM_WEBHOOK_URL: 'http://news.example.org/tg',
        TELEGRAM_WEBHOOK_SECRET: 's',
      }),
    ).toThrow(/TELEGRAM_WEBHOOK_URL must be an https URL/);
  });

  it('npm start says so, without a stack trace, when the Bot API cannot be reached', async () => {
    fake = await startFakeTelegram();
    const root = fake.url;
    await fake.close();
    fake = undefined;
    // the pipeline tries the network twice more (1 s, then 2 s) before giving up
    const ran = await startupFailure({
      TELEGRAM_BOT_TOKEN: fakeToken,
      TELEGRAM_API_ROOT: root,
      NEWSBOT_DB: tempDb(),
    });
    expect(ran.code).toBe(1);
    expect(ran.stderr).toMatch(
      /^newsbot: Could not reach the Telegram Bot API at http:\/\/127\.0\.0\.1:\d+ to check TELEGRAM_BOT_TOKEN: .*Check the network, or TELEGRAM_API_ROOT\.\n$/,
    );
  });

  it('npm start stops with a message naming TELEGRAM_BOT_TOKEN when Telegram refuses it', async () => {
    fake = await startFakeTelegram();
    fake.setBadToken(true);
    const ran = await startupFailure({
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.url,
      NEWSBOT_DB: tempDb(),
    });
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(
      /TELEGRAM_BOT_TOKEN was refused by the Telegram Bot API at http:\/\/127\.0\.0\.1:\d+ \(401 Unauthorized\)/,
    );
    expect(ran.stderr).not.toContain(fake.token);
    expect(ran.stderr).not.toMatch(/\n\s+at /);
  });
});
