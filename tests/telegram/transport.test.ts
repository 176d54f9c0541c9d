import { COMMAND_NAMES, commandWord } from '../../src/commands/grammar.js';
import { afterEach, describe, expect, it } from 'vitest';
import { SettingsError } from '../../src/ports.js';
import { es } from '../../src/i18n/es.js';
import { captureLog, message, privateChat, setup, users, type TgSetup } from './setup.js';

let s: TgSetup | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

const SECRET = 'right-secret_123';

async function post(url: string, body: unknown, secret?: string): Promise<number> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(secret !== undefined ? { 'x-telegram-bot-api-secret-token': secret } : {}),
    },
    body: JSON.stringify(body),
  });
  await res.arrayBuffer();
  return res.status;
}

describe('start-up', () => {
  it('checks the token, then registers the command menu in English and Spanish', async () => {
    s = await setup();
    await s.adapter.start();
    const names = s.fake.calls.map((c) => c.method);
    expect(names.slice(0, 3)).toEqual(['getMe', 'setMyCommands', 'setMyCommands']);
    const [enMenu, esMenu] = s.fake.callsOf('setMyCommands');
    expect(enMenu.params.scope).toBeUndefined();
    expect(enMenu.params.language_code).toBeUndefined();
    // every command of the grammar, in its order, by the word of the menu's language
    const enWords = enMenu.params.commands.map((c: { command: string }) => c.command);
    expect(enWords).toEqual(COMMAND_NAMES.map((n) => commandWord(n, 'en')));
    expect(enWords.slice(0, 3)).toEqual(['latest', 'country', 'search']);
    expect(esMenu.params.language_code).toBe('es');
    expect(esMenu.params.commands).toContainEqual({
      command: 'pais',
      description: es.commands.country.about,
    });
    const esWords = esMenu.params.commands.map((c: { command: string }) => c.command);
    expect(esWords).toEqual(COMMAND_NAMES.map((n) => commandWord(n, 'es')));
    expect(esWords.slice(0, 3)).toEqual(['ultimas', 'pais', 'buscar']);
  });

  it('stops with a message naming TELEGRAM_BOT_TOKEN when the token is refused', async () => {
    s = await setup();
    s.fake.setBadToken(true);
    const err = await s.adapter.start().then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err).toBeInstanceOf(SettingsError);
    expect(err?.message).toMatch(
      /TELEGRAM_BOT_TOKEN was refused by the Telegram Bot API at http:\/\/127\.0\.0\.1:\d+ \(401 Unauthorized\)/,
    );
    expect(err?.message).not.toContain(s.fake.token);
    expect(s.fake.calls.map((c) => c.method)).toEqual(['getMe']);
  });

  it('says the Bot API cannot be reached when nothing answers', async () => {
    s = await setup();
    const url = s.fake.url;
    await s.fake.close();
    const { createTelegramAdapter } = await import('../../adapters/telegram/index.js');
    const lone = createTelegramAdapter({
      settings: { token: s.fake.token, apiRoot: url },
      core: s.core.services,
      log: captureLog().log,
      // the pipeline tries the network twice more first
      retry: { backoffMs: 10 },
    });
    await expect(lone.start()).rejects.toThrow(
      /Could not reach the Telegram Bot API at http:\/\/127\.0\.0\.1:\d+ to check TELEGRAM_BOT_TOKEN/,
    );
    await lone.stop();
  });
});

describe('long polling', () => {
  it('takes updates from getUpdates and answers them, then stops cleanly', async () => {
    s = await setup({ fake: { pollHoldMs: 200 } });
    await s.adapter.start();
    await s.fake.waitForCall((c) => c.method === 'getUpdates');
    expect(s.fake.callsOf('deleteWebhook')).toHaveLength(1);
    await s.fake.deliver(message(privateChat(users.ana), users.ana, '/pais honduras'));
    const [reply] = await s.fake.waitForMessages(users.ana.id, 1);
    expect(reply.text).toMatch(/^Noticias sobre Honduras/);
    const poll = s.fake.callsOf('getUpdates').find((c) => c.params.timeout > 0)!;
    expect(poll.params.allowed_updates).toEqual([
      'message',
      'channel_post',
      'callback_query',
      'my_chat_member',
    ]);

    await s.adapter.stop();
    const polls = s.fake.callsOf('getUpdates').length;
    await new Promise((r) => setTimeout(r, 300));
    expect(s.fake.callsOf('getUpdates')).toHaveLength(polls);
    // stopping deletes nothing
    expect(s.fake.callsOf('deleteWebhook')).toHaveLength(1);
    expect(s.fake.callsOf('deleteMyCommands')).toHaveLength(0);
  });
});

describe('webhook mode', () => {
  it('sets the webhook with its secret and answers updates posted to it', async () => {
    s = await setup({ webhook: { path: '/telegram/hook', secret: SECRET } });
    await s.adapter.start();
    expect(s.fake.callsOf('setWebhook')[0].params).toMatchObject({
      url: `${s.httpUrl}/telegram/hook`,
      secret_token: SECRET,
    });
    expect(s.fake.callsOf('getUpdates')).toHaveLength(0);
    // delivered as Telegram does: POSTed with the secret header
    expect(await s.fake.deliver(message(privateChat(users.bob), users.bob, '/latest 1'))).toBe(200);
    expect(s.texts(users.bob.id)[0]).toMatch(/^Latest news/);
    // the same update delivered again (Telegram retries a slow answer) is not run twice
    const update = message(privateChat(users.dan), users.dan, '/subscribe Honduras');
    expect(await s.fake.deliver(update)).toBe(200);
    expect(await s.fake.deliver(update)).toBe(200);
    expect(s.texts(users.dan.id)).toHaveLength(1);
  });

  it('answers 403 to a wrong or missing secret, and no handler runs', async () => {
    const { log, lines } = captureLog();
    s = await setup({ webhook: { path: '/telegram/hook', secret: SECRET }, log });
    await s.adapter.start();
    const update = message(privateChat(users.bob), users.bob, '/subscribe Honduras');
    const url = `${s.httpUrl}/telegram/hook`;
    expect(await post(url, update)).toBe(403);
    expect(await post(url, update, 'wrong-secret')).toBe(403);
    expect(await post(url, update, '')).toBe(403);
    expect(await post(`${url}/other`, update, SECRET)).toBe(404);
    expect(s.fake.callsOf('sendMessage')).toHaveLength(0);
    expect(await s.core.store.chat(`telegram:${users.bob.id}`)).toBeUndefined();
    expect(lines.some((l) => /Telegram command/.test(l.msg))).toBe(false);

    expect(await post(url, update, SECRET)).toBe(200);
    expect((await s.core.store.chat(`telegram:${users.bob.id}`))?.places.map((p) => p.code)).toEqual(['HN']);
  });

  it('answers 503 while stopping, so Telegram delivers the update again later', async () => {
    s = await setup({ webhook: { path: '/tg', secret: SECRET } });
    await s.adapter.start();
    await s.adapter.stop();
    expect(await post(`${s.httpUrl}/tg`, message(privateChat(users.bob), users.bob, '/latest'), SECRET)).toBe(
      503,
    );
    expect(s.fake.callsOf('deleteWebhook')).toHaveLength(0);
  });
});
