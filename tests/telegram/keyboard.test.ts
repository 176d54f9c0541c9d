import { afterEach, describe, expect, it } from 'vitest';
import { jsonl } from '../helpers/core.js';
import type { FakeMessage } from '../fakes/telegram-api.js';
import { callback, group, message, privateChat, setup, users, type TgSetup } from './setup.js';

let s: TgSetup | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

/** items about enough countries for the keyboard to have two pages */
const MANY_COUNTRIES = jsonl(
  [
    'Belize',
    'Jamaica',
    'Haiti',
    'Cuba',
    'Colombia',
    'Ecuador',
    'Peru',
    'Chile',
    'Canada',
    'Barbados',
    'Suriname',
    'Bolivia',
  ].map((c, i) => ({
    title: `Labour migration update ${i} from ${c}`,
    summary: `Officials in ${c} discussed recruitment.`,
    date: '2021-03-01',
    url: `https://news.example.org/kb/${i}`,
  })),
);

const buttons = (m: FakeMessage) =>
  (m.replyMarkup?.inline_keyboard ?? []).flat() as { text: string; callback_data: string }[];
const button = (m: FakeMessage, label: string | RegExp) => {
  const b = buttons(m).find((x) => (typeof label === 'string' ? x.text === label : label.test(x.text)));
  if (!b)
    throw new Error(
      `no button ${label} in ${buttons(m)
        .map((x) => x.text)
        .join(', ')}`,
    );
  return b;
};

function expectAllDataFits(s: TgSetup) {
  const all = s.fake.messages.flatMap(buttons);
  expect(all.length).toBeGreaterThan(0);
  for (const b of all) expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);
}

describe('the inline keyboard', () => {
  it('subscribes with a button, pages the country keyboard in place, and unsubscribes with a button', async () => {
    s = await setup({ jsonl: MANY_COUNTRIES });
    const chat = privateChat(users.bob);

    await s.feed(message(chat, users.bob, '/subscribe'));
    const keyboardMsg = s.last(chat.id);
    expect(keyboardMsg.text).toMatch(/Pick a country/);
    const page1 = buttons(keyboardMsg).map((b) => b.text);
    expect(page1).toHaveLength(9);
    expect(page1[0]).toBe('Mexico (3)');
    expect(page1.at(-1)).toBe('More');

    // More: the same message now shows the next countries
    await s.feed(callback(chat, users.bob, button(keyboardMsg, 'More').callback_data, keyboardMsg.messageId));
    expect(s.fake.sent(chat.id)).toHaveLength(1);
    expect(keyboardMsg.edits).toBe(1);
    const page2 = buttons(keyboardMsg).map((b) => b.text);
    expect(page2.some((l) => page1.includes(l) && l !== 'More')).toBe(false);
    expect(s.fake.callsOf('answerCallbackQuery')).toHaveLength(1);

    // a country on the second page subscribes this chat
    const pick = buttons(keyboardMsg)[0];
    await s.feed(callback(chat, users.bob, pick.callback_data, keyboardMsg.messageId));
    expect(s.last(chat.id).text).toMatch(
      new RegExp(`now subscribed to ${pick.text.replace(/ \(\d+\)$/, '')}`),
    );
    expect((await s.core.store.chat(`telegram:${chat.id}`))?.places).toHaveLength(1);

    // subscriptions: one unsubscribe button each
    await s.feed(message(chat, users.bob, '/subscribe Honduras'));
    await s.feed(message(chat, users.bob, '/subscriptions'));
    const subs = s.last(chat.id);
    expect(buttons(subs).map((b) => b.text)).toEqual([
      `Unsubscribe: ${pick.text.replace(/ \(\d+\)$/, '')}`,
      'Unsubscribe: Honduras',
    ]);
    await s.feed(
      callback(chat, users.bob, button(subs, 'Unsubscribe: Honduras').callback_data, subs.messageId),
    );
    expect(s.last(chat.id).text).toMatch(/no longer subscribed to Honduras/);
    expect((await s.core.store.chat(`telegram:${chat.id}`))?.places.map((p) => p.code)).not.toContain('HN');
    expect(s.fake.callsOf('answerCallbackQuery')).toHaveLength(3);
    expectAllDataFits(s);
  });

  it('pages query results by editing the message, and follows up when it cannot be edited', async () => {
    s = await setup();
    const chat = privateChat(users.ana);
    await s.feed(message(chat, users.ana, '/ultimas'));
    const list = s.last(chat.id);
    const more = button(list, 'Más').callback_data;
    await s.feed(callback(chat, users.ana, more, list.messageId));
    expect(list.edits).toBe(1);
    expect(list.text).toMatch(/^Últimas noticias\n\n6–10 de 10\n\n6\. /);
    // the last page has no More
    expect(buttons(list)).toEqual([]);
    // the same tap again: the message already shows it; nothing new is sent
    await s.feed(callback(chat, users.ana, more, list.messageId));
    expect(s.fake.sent(chat.id)).toHaveLength(1);

    // a message that cannot be edited any more (deleted, too old): the page comes as a new message
    await s.feed(callback(chat, users.ana, more, 999));
    expect(s.fake.sent(chat.id)).toHaveLength(2);
    expect(s.last(chat.id).text).toMatch(/6–10 de 10/);
    expect(s.fake.callsOf('answerCallbackQuery')).toHaveLength(3);
  });

  it('keeps a long command behind a short key, and says so kindly when the key is gone after a restart', async () => {
    s = await setup();
    const chat = privateChat(users.bob);
    await s.feed(
      message(chat, users.bob, '/country costa rica, nicaragua, honduras, guyana, panama since 2019-01-01'),
    );
    const list = s.last(chat.id);
    const more = button(list, 'More');
    expect(more.callback_data).toMatch(/^#/);
    await s.feed(callback(chat, users.bob, more.callback_data, list.messageId));
    expect(list.edits).toBe(1);
    expect(list.text).toMatch(/6–\d+ of \d+/);
    expectAllDataFits(s);

    await s.feed(callback(chat, users.ana, '#zz9zz1', list.messageId));
    const answer = s.fake.callsOf('answerCallbackQuery').at(-1)!;
    expect(answer.params).toMatchObject({
      show_alert: true,
      text: expect.stringMatching(/^Este botón ya no funciona/),
    });
    expect(list.edits).toBe(1);
  });

  it("a digest's More button answers with a new message and leaves the digest as it was", async () => {
    s = await setup();
    const chat = privateChat(users.bob);
    await s.feed(message(chat, users.bob, '/subscribe Mexico'));
    const fresh = jsonl(
      Array.from({ length: 25 }, (_, i) => ({
        title: `Mexico labour news ${i}`,
        summary: 'Workers in Mexico.',
        date: '2026-11-28',
        url: `https://news.example.org/mx/${i}`,
      })),
    );
    await s.core.news.ingestBody(fresh, 'fresh.jsonl', new Date('2026-11-28T05:00:00Z'), { format: 'jsonl' });
    const digest = await s.core.commands.run('digest', {
      address: { platform: 'telegram', chatId: String(chat.id) },
      now: new Date('2026-11-28T06:00:00Z'),
    });
    const { messageIds } = await s.adapter.notifier.send(
      { platform: 'telegram', chatId: String(chat.id) },
      digest,
    );
    const last = s.fake.sent(chat.id).find((m) => String(m.messageId) === messageIds.at(-1))!;
    const sentBefore = s.fake.sent(chat.id).length;
    await s.feed(callback(chat, users.bob, button(last, 'More').callback_data, last.messageId));
    expect(last.edits).toBe(0);
    expect(s.fake.sent(chat.id)).toHaveLength(sentBefore + 1);
    expect(s.last(chat.id).text).toMatch(/^More from the digest: Mexico\n\n21–25 of 25\n/);
  });

  it('shows a refusal to the person who pressed only, as an alert in their language', async () => {
    s = await setup();
    await s.feed(message(group, users.bob, '/country mexico'));
    const list = s.last(group.id);
    await s.feed(
      callback(
        group,
        users.ana,
        button(list, /Subscribe this group: Mexico|Subscribe: Mexico/).callback_data,
        list.messageId,
      ),
    );
    const answer = s.fake.callsOf('answerCallbackQuery').at(-1)!;
    expect(answer.params).toMatchObject({
      show_alert: true,
      text: expect.stringMatching(/^Solo los administradores de este grupo/),
    });
    expect(s.fake.sent(group.id)).toHaveLength(1);
    expect(await s.core.store.chat(`telegram:${group.id}`)).toBeUndefined();
  });
});
