import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { startFakeTelegram, type FakeTelegramApi } from '../fakes/telegram-api.js';
import { run, tempDb } from '../helpers/run.js';
import { message, privateChat, users } from './setup.js';

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
    const config = loadConfig({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url, NEWSBOT_DB: tempDb() });
    app = await createApp(config, { memory: true, log: pino({ level: 'silent' }) });
    await app.news.ingestAll(config.sources, new Date());
    await app.start();
    expect(app.notifiers.get('telegram')?.platform).toBe('telegram');
    await fake.deliver(message(privateChat(users.carla), users.carla, '/pais costa rica'));
    const [reply] = await fake.waitForMessages(users.carla.id, 1);
    expect(reply.text).toMatch(/^Noticias sobre Costa Rica/);
  });

  it('npm start stops with a message naming TELEGRAM_BOT_TOKEN when Telegram refuses it', async () => {
    fake = await startFakeTelegram();
    fake.setBadToken(true);
    const ran = await run('src/main.ts', [], { env: { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url, NEWSBOT_DB: tempDb(), LOG_LEVEL: 'silent' } });
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(/TELEGRAM_BOT_TOKEN was refused by the Telegram Bot API at http:\/\/127\.0\.0\.1:\d+ \(401 Unauthorized\)/);
    expect(ran.stderr).not.toContain(fake.token);
    expect(ran.stderr).not.toMatch(/\n\s+at /);
  });
});
