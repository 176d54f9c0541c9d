/**
 * A command's answer on Telegram is three messages at most, whatever was asked: what does not
 * fit is left out and the last message says so, in the chat's language. The mechanism
 * (renderTelegram's budget) on replies of every size, then through the adapter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_REPLY_PARTS } from '../../adapters/telegram/bot.js';
import { MESSAGE_LIMIT, renderTelegram, visibleLength } from '../../adapters/telegram/render-telegram.js';
import { tgText } from '../../adapters/telegram/texts.js';
import type { ChatReply } from '../../src/ports.js';
import type { ItemView, Reply } from '../../src/reply.js';
import { makeCore } from '../helpers/core.js';
import { message, privateChat, setup, users, type TgSetup } from './setup.js';

const encode = () => 'cb';
const note = tgText('en').replyCut;

/** A reply with `n` paragraphs of `size` characters and `items` items. */
function reply(n: number, size: number, items = 0): Reply {
  const item = (i: number): ItemView => ({
    id: `i${i}`,
    title: `Item ${i} ${'t'.repeat(150)}`,
    url: `https://example.org/${i}`,
    date: '2021-02-16',
    places: ['Honduras'],
    summary: 's'.repeat(400),
  });
  return {
    kind: 'result',
    visibility: 'private',
    heading: 'Heading',
    paragraphs: Array.from({ length: n }, (_, i) => `${i}: ${'p & <b> '.repeat(size / 8)}`),
    items: Array.from({ length: items }, (_, i) => item(i)),
    actions: [{ kind: 'more', label: 'More', command: 'latest', offset: 5 }],
  };
}

describe('renderTelegram with a budget', () => {
  it('keeps every reply within the budget and the limit: summaries go first, then what does not fit, said exactly then', () => {
    const budget = { parts: COMMAND_REPLY_PARTS, cutNote: note };
    for (const n of [0, 1, 3, 5, 12, 40])
      for (const size of [10, 500, 5000])
        for (const items of [0, 5, 20]) {
          const r = reply(n, size, items);
          const free = renderTelegram(r, { encode });
          const brief = renderTelegram(
            { ...r, items: r.items!.map((v) => ({ ...v, summary: '' })) },
            { encode },
          );
          const capped = renderTelegram(r, { encode, budget });
          const where = `${n} paragraphs of ${size}, ${items} items`;
          expect(capped.parts.length, where).toBeLessThanOrEqual(COMMAND_REPLY_PARTS);
          for (const p of capped.parts)
            expect(visibleLength(p.html), where).toBeLessThanOrEqual(MESSAGE_LIMIT);
          // Within the budget, as it is; over it, without summaries; still over, cut and said so.
          const fits = free.parts.length <= COMMAND_REPLY_PARTS;
          const cut = !fits && brief.parts.length > COMMAND_REPLY_PARTS;
          expect(capped.parts.at(-1)!.text.endsWith(note), where).toBe(cut);
          if (fits) expect(capped.parts, where).toEqual(free.parts);
          else if (!cut) expect(capped.parts, where).toEqual(brief.parts);
          // What is kept comes first, in order.
          else
            expect(
              brief.parts[0].text.startsWith(capped.parts[0].text.replace(`\n\n${note}`, '')),
              where,
            ).toBe(true);
          expect(capped.keyboard, where).toEqual(free.keyboard);
        }
  });
});

describe('the Telegram adapter answers a command in three messages at most', () => {
  let s: TgSetup;
  let next: ChatReply;
  beforeAll(async () => {
    const core = await makeCore();
    const commands = { ...core.services.commands, run: async () => next };
    s = await setup({ core: { ...core, services: { ...core.services, commands } } });
  });
  afterAll(async () => {
    await s.close();
  });

  it.each(['en', 'es'] as const)(
    'a reply of 107,000 characters (%s): three messages, the last saying it stops there',
    async (lang) => {
      next = { ...reply(107, 1000), lang };
      const user = lang === 'es' ? users.ana : users.bob;
      await s.feed(message(privateChat(user), user, '/country q0,q1,q2'));
      const sent = s.texts(user.id);
      expect(sent).toHaveLength(COMMAND_REPLY_PARTS);
      expect(sent.at(-1)).toMatch(new RegExp(`${tgText(lang).replyCut.slice(0, 30)}[^]*$`));
      expect(s.fake.sent(user.id).at(-1)!.replyMarkup?.inline_keyboard).toBeDefined();
    },
  );
});
