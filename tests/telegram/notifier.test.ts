import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryError, type ChatAddress } from '../../src/ports.js';
import type { Reply } from '../../src/reply.js';
import { SAMPLE_SOURCE_LABEL } from '../../src/news/source-labels.js';
import { jsonl } from '../helpers/core.js';
import { captureLog, privateChat, message, setup, users, type TgSetup } from './setup.js';

let s: TgSetup | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

const to = (chatId: number | string): ChatAddress => ({ platform: 'telegram', chatId: String(chatId) });
const small: Reply = {
  kind: 'info',
  visibility: 'public',
  heading: 'Weekly digest: Honduras',
  paragraphs: ['1 new item'],
};
const fail = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a DeliveryError');
    },
    (e: unknown) => e as DeliveryError,
  );

/** a digest-sized reply whose rendering needs several messages */
function bigReply(n = 20): Reply {
  return {
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
  };
}

describe('the Telegram notifier', () => {
  it('sends a reply and returns the message id as a string', async () => {
    s = await setup();
    const { messageIds } = await s.adapter.notifier.send(to(500), small);
    expect(messageIds).toEqual(['1']);
    expect(s.texts(500)).toEqual(['Weekly digest: Honduras\n\n1 new item']);
    expect(s.adapter.notifier.platform).toBe('telegram');
  });

  it('splits at 4,096 between items, reports each part, and resumes after fromPart', async () => {
    s = await setup();
    const parts: [number, string, number][] = [];
    const { messageIds } = await s.adapter.notifier.send(to(501), bigReply(), {
      onPart: (i, id, n) => void parts.push([i, id, n]),
    });
    const sent = s.fake.sent(501);
    expect(sent.length).toBeGreaterThan(2);
    expect(messageIds).toEqual(sent.map((m) => String(m.messageId)));
    expect(parts).toEqual(sent.map((m, i) => [i, String(m.messageId), sent.length]));
    for (const m of sent) expect(m.text.length).toBeLessThanOrEqual(4096);
    for (const m of sent.slice(1)) expect(m.text).toMatch(/^\d+\. Item \d+/);
    expect(sent.map((m) => m.text).join('\n\n')).toContain('20. Item 19');

    s.fake.reset();
    const again = await s.adapter.notifier.send(to(501), bigReply(), { fromPart: 2 });
    expect(again.messageIds).toHaveLength(sent.length - 2);
    expect(s.fake.sent(501)[0].text).toBe(sent[2].text);
  });

  it('paces the parts of a digest: a chat gets them at most one per interval', async () => {
    s = await setup({ adapter: { pacing: { perChatIntervalMs: 150, overallPerSecond: 1000 } } });
    await s.adapter.notifier.send(to(-1005), bigReply(12));
    const at = s.fake.sent(-1005).map((m) => m.at);
    expect(at.length).toBeGreaterThan(1);
    // measured where Telegram measures it: on arrival
    for (let i = 1; i < at.length; i++) expect(at[i] - at[i - 1]).toBeGreaterThanOrEqual(150);
  });

  it('keeps at most K digest messages in flight, several at once, each attempted and recorded inside its slot', async () => {
    s = await setup({
      fake: { delayMs: 30 },
      adapter: { pacing: { overallPerSecond: 1000, perChatIntervalMs: 0 }, inFlight: 3 },
    });
    let open = 0;
    let most = 0;
    const onAttempt = () => void (most = Math.max(most, ++open));
    const onPart = async () => {
      // a ledger write takes a while: the slot is held through it
      await new Promise((r) => setImmediate(r));
      open--;
    };
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        s!.adapter.notifier.send(to(40_000 + i), bigReply(12), { onAttempt, onPart }),
      ),
    );
    expect(s.fake.callsOf('sendMessage').length).toBeGreaterThan(8);
    expect(open).toBe(0);
    expect(most).toBe(3);
  });

  it("while one chat's digest waits out a 5xx, the other chats' digests go on", async () => {
    s = await setup({
      adapter: { pacing: { overallPerSecond: 1000, perChatIntervalMs: 0 }, retry: { backoffMs: 400 } },
    });
    s.fake.fault(41_000, { kind: 'server_error' }, 1);
    const failing = s.adapter.notifier.send(to(41_000), small);
    await s.fake.waitForCall((c) => c.method === 'sendMessage' && c.params.chat_id === 41_000);
    await Promise.all([
      failing,
      ...Array.from({ length: 3 }, (_, i) => s!.adapter.notifier.send(to(41_001 + i), small)),
    ]);
    // the failing chat's second try came after the others had gone, not before them
    const order = s.fake.callsOf('sendMessage').map((c) => c.params.chat_id);
    expect(order[0]).toBe(41_000);
    expect(order.slice(1, 4).sort()).toEqual([41_001, 41_002, 41_003]);
    expect(order[4]).toBe(41_000);
    expect(s.fake.sent(41_000)).toHaveLength(1);
  });

  it('stays under an overall limit the API enforces: 30 a second, no 429', async () => {
    s = await setup({ fake: { rateLimit: { perSecond: 30 } }, adapter: { pacing: {} } });
    const n = 60;
    const t0 = performance.now();
    await Promise.all(Array.from({ length: n }, (_, i) => s!.adapter.notifier.send(to(20_000 + i), small)));
    const rate = (n - 1) / ((performance.now() - t0) / 1000);
    expect(s.fake.stats).toMatchObject({ rateLimited: 0, sendMessage: n });
    // the exact rate is the virtual-clock test's (pacing.test.ts); a busy machine only slows this one
    expect(rate).toBeLessThanOrEqual(30.5);
  });

  it('without pacing the same burst meets 429s, and every message still arrives after waiting', async () => {
    s = await setup({ fake: { rateLimit: { perSecond: 30 } } });
    await Promise.all(Array.from({ length: 45 }, (_, i) => s!.adapter.notifier.send(to(30_000 + i), small)));
    expect(s.fake.stats.rateLimited).toBeGreaterThan(0);
    expect(s.fake.stats.sendMessage).toBe(45);
  });

  it('waits out a 429 retry_after and then delivers', async () => {
    s = await setup();
    s.fake.fault(502, { kind: 'rate_limited', retryAfter: 1 });
    const t0 = Date.now();
    const { messageIds } = await s.adapter.notifier.send(to(502), small);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
    expect(messageIds).toHaveLength(1);
    expect(s.fake.callsOf('sendMessage').filter((c) => c.params.chat_id === 502)).toHaveLength(2);
  });

  it('gives up with rate_limited when Telegram keeps answering 429, or asks for too long a wait', async () => {
    s = await setup({ adapter: { retry: { rateLimitRetries: 1 } } });
    s.fake.fault(503, { kind: 'rate_limited', retryAfter: 1 }, 3);
    expect(await fail(s.adapter.notifier.send(to(503), small))).toMatchObject({
      code: 'rate_limited',
      extra: { retryAfterMs: 1000 },
    });
    s.fake.fault(504, { kind: 'rate_limited', retryAfter: 3600 });
    const t0 = Date.now();
    expect(await fail(s.adapter.notifier.send(to(504), small))).toMatchObject({
      code: 'rate_limited',
      extra: { retryAfterMs: 3_600_000 },
    });
    // it gives up at once rather than waiting the hour
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it("reports a blocked user, a kicked bot, a deactivated user and a missing chat as chat_unreachable, with the core's reason", async () => {
    s = await setup();
    const cases = [
      [601, { kind: 'blocked' }, 'Forbidden: bot was blocked by the user', 'bot_blocked'],
      [-602, { kind: 'kicked' }, 'Forbidden: bot was kicked from the group chat', 'bot_removed'],
      [603, { kind: 'deactivated' }, 'Forbidden: user is deactivated', 'chat_not_found'],
      [604, { kind: 'chat_not_found' }, 'Bad Request: chat not found', 'chat_not_found'],
    ] as const;
    for (const [chat, fault, reason, pause] of cases) {
      s.fake.fault(chat, fault);
      const err = await fail(s.adapter.notifier.send(to(chat), small));
      expect(err).toBeInstanceOf(DeliveryError);
      expect(err).toMatchObject({ code: 'chat_unreachable', reason, permanent: true, extra: { pause } });
    }
    // no retries for a permanent failure
    expect(s.fake.callsOf('sendMessage')).toHaveLength(4);
  });

  it('retries a 500 with backoff, then reports unavailable', async () => {
    s = await setup();
    s.fake.fault(701, { kind: 'server_error' }, 2);
    expect((await s.adapter.notifier.send(to(701), small)).messageIds).toHaveLength(1);
    expect(s.fake.callsOf('sendMessage')).toHaveLength(3);
    s.fake.fault(702, { kind: 'server_error', status: 502 }, 3);
    const err = await fail(s.adapter.notifier.send(to(702), small));
    expect(err).toMatchObject({ code: 'unavailable', permanent: false });
  });

  it('keeps network failures apart from API answers: a dropped connection is unavailable, not a bad request', async () => {
    s = await setup();
    s.fake.fault(703, { kind: 'network' }, 3);
    expect(await fail(s.adapter.notifier.send(to(703), small))).toMatchObject({ code: 'unavailable' });
    s.fake.fault(704, { kind: 'network' }, 1);
    expect((await s.adapter.notifier.send(to(704), small)).messageIds).toHaveLength(1);
  });

  it('abandons a request that takes too long, as unavailable', async () => {
    s = await setup({ fake: { delayMs: 300 }, adapter: { retry: { timeoutMs: 100, retries: 0 } } });
    expect(await fail(s.adapter.notifier.send(to(705), small))).toMatchObject({ code: 'unavailable' });
  });

  it('reports a refused token as auth, and a message Telegram refuses as bad_request', async () => {
    s = await setup();
    s.fake.fault(801, { kind: 'bad_request', description: 'Bad Request: message is too long' });
    expect(await fail(s.adapter.notifier.send(to(801), small))).toMatchObject({
      code: 'bad_request',
      reason: 'Bad Request: message is too long',
    });
    s.fake.setBadToken(true);
    expect(await fail(s.adapter.notifier.send(to(802), small))).toMatchObject({
      code: 'auth',
      permanent: true,
    });
  });

  it('falls back to the plain text when Telegram refuses the HTML, and says so in the log', async () => {
    const { log, lines } = captureLog();
    s = await setup({ log });
    s.fake.fault(901, {
      kind: 'bad_request',
      description: 'Bad Request: can\'t parse entities: Unsupported start tag "x" at byte offset 3',
    });
    const { messageIds } = await s.adapter.notifier.send(to(901), { ...small, items: bigReply(1).items });
    expect(messageIds).toHaveLength(1);
    const m = s.last(901);
    expect(m.parseMode).toBeUndefined();
    expect(m.text).toMatch(/^Weekly digest: Honduras\n\n1 new item\n\n1\. Item 0/);
    expect(m.text).toContain('https://news.example.org/0');
    expect(lines.some((l) => l.level === 50 && /refused our HTML/.test(l.msg))).toBe(true);
  });
});

describe('escaping hostile item text end to end', () => {
  it('items with <b>, &, </a> and " in titles, summaries and URLs arrive as the text they are', async () => {
    const hostile = [
      {
        title: 'Honduras: <b>bold</b> claims & "quotes" </a> in a title',
        summary: 'Honduras summary with </a><a href="https://evil.example">click</a> & <i>more</i>',
        date: '2021-05-01',
        url: 'https://news.example.org/a?x=1&y="2"',
      },
      {
        title: 'Honduras & Guatemala <script>alert(1)</script>',
        summary: 'Fine & dandy < > "',
        date: '2021-05-02',
        url: 'https://news.example.org/b',
      },
    ];
    s = await setup({ jsonl: jsonl(hostile) });
    const chat = privateChat(users.bob);
    await s.feed(message(chat, users.bob, '/country honduras'));
    const m = s.last(chat.id);
    expect(m.parseMode).toBe('HTML');
    for (const h of hostile) expect(m.text).toContain(h.title);
    expect(m.text).toContain('Fine & dandy < > "');
    expect(m.text).toContain(
      'Honduras summary with </a><a href="https://evil.example">click</a> & <i>more</i>'.slice(0, 60),
    );
    // only our own links: each item's URL, nothing injected
    expect(m.links.map((l) => l.url).sort()).toEqual(expect.arrayContaining(['https://news.example.org/b']));
    // (the sample's items link to their publisher's news page)
    expect(
      m.links.every(
        (l) => l.url.startsWith('https://news.example.org/') || l.url === SAMPLE_SOURCE_LABEL.home,
      ),
    ).toBe(true);
    expect(m.tags.filter((t) => t === 'a')).toHaveLength(m.links.length);
  });

  it('many long items in one reply arrive in parts of at most 4,096 characters, split between items', async () => {
    const items = Array.from({ length: 20 }, (_, i) => ({
      title: `Honduras story ${i}: ${'labour migration & <rights> '.repeat(8)}`,
      summary: `${'Honduran workers & employers "met" again. '.repeat(10)}`,
      date: `2022-01-${String(i + 1).padStart(2, '0')}`,
      url: `https://news.example.org/long/${i}`,
    }));
    s = await setup({ jsonl: jsonl(items) });
    const chat = privateChat(users.bob);
    await s.feed(message(chat, users.bob, '/latest 20'));
    const sent = s.fake.sent(chat.id);
    expect(sent.length).toBeGreaterThan(1);
    for (const m of sent) expect(m.text.length).toBeLessThanOrEqual(4096);
    for (const m of sent.slice(1)) expect(m.text).toMatch(/^\d+\. Honduras story/);
    const numbers = sent.flatMap((m) =>
      [...m.text.matchAll(/^(\d+)\. Honduras story/gm)].map((x) => Number(x[1])),
    );
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    // the keyboard sits under the last part only
    expect(sent.slice(0, -1).every((m) => !m.replyMarkup)).toBe(true);
  });
});
