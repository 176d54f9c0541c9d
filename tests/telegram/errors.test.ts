import { afterEach, describe, expect, it } from 'vitest';
import type { CommandPort } from '../../src/ports.js';
import { makeCore } from '../helpers/core.js';
import { callback, captureLog, group, message, privateChat, setup, users, type TgSetup } from './setup.js';

let s: TgSetup | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

/** the real command service, except that any command mentioning "boom" throws */
async function explosiveCommands(): Promise<{
  core: Awaited<ReturnType<typeof makeCore>>;
  commands: CommandPort;
}> {
  const core = await makeCore();
  const commands: CommandPort = {
    ...core.commands,
    run: async (text, ctx, offset) => {
      if (text.includes('boom')) throw new Error('the index caught fire');
      return core.commands.run(text, ctx, offset);
    },
  };
  return { core, commands };
}

describe('a handler that fails', () => {
  it('is logged once with the update, the user gets the short apology, and the bot keeps polling', async () => {
    const { log, lines } = captureLog();
    const { core, commands } = await explosiveCommands();
    s = await setup({
      core,
      log,
      adapter: { core: { ...core.services, commands } },
      fake: { pollHoldMs: 100 },
    });
    await s.adapter.start();
    const chat = privateChat(users.ana);
    const bad = message(chat, users.ana, '/buscar boom');
    await s.fake.deliver(bad);
    const [apology] = await s.fake.waitForMessages(chat.id, 1);
    expect(apology.text).toBe(
      'Lo siento, algo falló de mi lado al responder. Por favor, inténtelo de nuevo en un momento.',
    );

    const failures = lines.filter((l) => l.level >= 50);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({
      msg: 'Telegram update failed',
      updateId: bad.update_id,
      chatId: chat.id,
      text: '/buscar boom',
      err: { message: 'the index caught fire' },
    });

    await s.fake.deliver(message(chat, users.ana, '/ultimas 1'));
    const after = await s.fake.waitForMessages(chat.id, 2);
    expect(after[1].text).toMatch(/^Últimas noticias/);
  });

  it('answers a failing button press with the apology as an alert', async () => {
    const { log, lines } = captureLog();
    const { core, commands } = await explosiveCommands();
    s = await setup({ core, log, adapter: { core: { ...core.services, commands } } });
    await s.feed(callback(group, users.bob, 'r|search boom', 7));
    const answer = s.fake.callsOf('answerCallbackQuery').at(-1)!;
    expect(answer.params).toMatchObject({
      show_alert: true,
      text: expect.stringMatching(/^Sorry, something went wrong/),
    });
    expect(s.fake.sent(group.id)).toHaveLength(0);
    expect(lines.filter((l) => l.level >= 50)).toHaveLength(1);
  });

  it('a chat that cannot be answered (blocked) is logged once, as a warning, with nothing more for the apology', async () => {
    const { log, lines } = captureLog();
    s = await setup({ log });
    s.fake.fault(users.bob.id, { kind: 'blocked' }, 2);
    await s.feed(message(privateChat(users.bob), users.bob, '/latest'));
    const logged = lines.filter((l) => l.level >= 40);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      level: 40,
      msg: 'Telegram update failed',
      err: { code: 'chat_unreachable' },
    });
    expect(s.fake.callsOf('sendMessage')).toHaveLength(2);
  });
});
