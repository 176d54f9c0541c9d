import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatAddress } from '../../src/ports.js';
import type { Reply } from '../../src/reply.js';
import { callback, group, message, privateChat, setup, users, type TgSetup } from './setup.js';

let s: TgSetup | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

const to = (chatId: number | string): ChatAddress => ({ platform: 'telegram', chatId: String(chatId) });

/** a digest whose rendering needs several messages, its items numbered 1…n across them */
const digest = (n: number): Reply => ({
  kind: 'result',
  visibility: 'public',
  heading: 'Weekly digest: Honduras',
  items: Array.from({ length: n }, (_, i) => ({
    id: `i${i}`,
    title: `Item ${i}: ${'a long headline about labour migration '.repeat(3)}`,
    url: `https://news.example.org/${i}`,
    date: '2021-02-16',
    places: ['Honduras'],
    summary: `Summary ${i}. ${'Details of the programme and its partners. '.repeat(12)}`,
  })),
});

const itemNumbers = (texts: string[]) =>
  texts.flatMap((t) => [...t.matchAll(/^(\d+)\. /gm)].map((m) => +m[1]));

describe('every Bot API call passes the one pipeline', () => {
  it('a 429 on getChatMember waits and asks again: the administrator is let in, not refused', async () => {
    s = await setup();
    s.fake.setMember(group.id, users.bob.id, 'administrator');
    s.fake.fault(group.id, { kind: 'rate_limited', retryAfter: 1 }, 1, 'getChatMember');
    await s.feed(message(group, users.bob, '/subscribe Honduras'));
    expect(s.fake.callsOf('getChatMember')).toHaveLength(2);
    expect((await s.core.store.chat(`telegram:${group.id}`))?.places.map((p) => p.code)).toEqual(['HN']);
    expect(s.last(group.id).text).not.toMatch(/Only administrators/);
  });

  it('answerCallbackQuery, made on the context telegraf builds for each update, is retried after a 429', async () => {
    s = await setup();
    const update = callback(privateChat(users.bob), users.bob, 'r|latest 1', 7) as {
      callback_query: { id: string };
    };
    s.fake.fault(update.callback_query.id, { kind: 'rate_limited', retryAfter: 1 }, 1, 'answerCallbackQuery');
    await s.feed(update as never);
    const answers = s.fake.callsOf('answerCallbackQuery');
    expect(answers).toHaveLength(2);
    expect(answers[1].t - answers[0].t).toBeGreaterThanOrEqual(950);
  });

  it("a 429 holds every call for its retry_after, not only the chat's", async () => {
    let slowedDown!: () => void;
    const heard = new Promise<void>((r) => (slowedDown = r));
    const log = pino(
      { level: 'warn' },
      new Writable({
        write(chunk, _enc, cb) {
          if (/asked to slow down/.test(String(chunk))) slowedDown();
          cb();
        },
      }),
    );
    s = await setup({ log });
    s.fake.fault(901, { kind: 'rate_limited', retryAfter: 1 });
    const first = s.adapter.notifier.send(to(901), digest(1));
    const refused = await s.fake.waitForCall((c) => c.method === 'sendMessage' && c.params.chat_id === 901);
    // once the bot has the 429, a message to another chat waits too
    await heard;
    await Promise.all([first, s.adapter.notifier.send(to(902), digest(1))]);
    const [other] = s.fake.sent(902);
    expect(other.at - refused.at).toBeGreaterThanOrEqual(950);
    expect(s.fake.sent(901)).toHaveLength(1);
  });

  it("keeps each chat's parts in order with several chats in flight, and a reply never lands inside a digest", async () => {
    s = await setup({ fake: { delayMs: 5 }, adapter: { inFlight: 4 } });
    const chats = Array.from({ length: 8 }, (_, i) => 50_000 + i);
    const sends = chats.map((id) => s!.adapter.notifier.send(to(id), digest(20)));
    // someone in the first chat asks something while its digest goes out
    await s.fake.waitForCall((c) => c.method === 'sendMessage' && c.params.chat_id === chats[0]);
    const chat = { id: chats[0], type: 'private' as const, first_name: 'Bob' };
    const reply = s.feed(message(chat, users.bob, '/help'));
    await Promise.all([...sends, reply]);
    for (const id of chats.slice(1)) {
      const texts = s.texts(id);
      expect(texts.length).toBeGreaterThan(2);
      expect(itemNumbers(texts)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    }
    const first = s.texts(chats[0]);
    const help = first.findIndex((t) => /^Migration news: commands/.test(t));
    expect(help).toBeGreaterThanOrEqual(0);
    const digestParts = first.filter((t) => /^\d+\. |^Weekly digest/.test(t));
    expect(itemNumbers(digestParts)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    // the reply comes before or after the digest's parts, not between them
    expect(help === 0 || help === first.length - 1).toBe(true);
  });

  it('stays under the limits the fake enforces (30 a second overall, 1 a second per chat) with no 429', async () => {
    s = await setup({ fake: { rateLimit: { perSecond: 30, perChat: 1 } }, adapter: { pacing: {} } });
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => s!.adapter.notifier.send(to(60_000 + i), digest(8))),
    );
    expect(s.fake.stats.rateLimited).toBe(0);
    expect(s.fake.stats.sendMessage).toBeGreaterThan(20);
  });
});
