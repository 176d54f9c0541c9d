import { afterEach, describe, expect, it } from 'vitest';
import { type DeliveryError } from '../../src/ports.js';
import { replyToText, type Reply } from '../../src/reply.js';
import type { NotifierHarness } from '../contract/harness.js';
import { telegramHarness } from '../contract/telegram-harness.js';

let h: NotifierHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

// The shared contract suite runs the harness in depth; this checks the wiring it relies on.
describe('the Telegram notifier harness', () => {
  it('sends, reads back the plain text per chat, and scripts each fault', async () => {
    h = await telegramHarness();
    const a = h.address('alpha');
    const b = h.address('beta');
    expect(a.chatId).not.toBe(b.chatId);
    expect(h.address('alpha')).toEqual(a);
    await h.notifier.send(a, {
      kind: 'info',
      visibility: 'public',
      heading: 'Hi & <bye>',
      paragraphs: ['one'],
    });
    expect(h.received(a)).toEqual(['Hi & <bye>\n\none']);
    expect(h.received(b)).toEqual([]);

    h.fault(b, 'unreachable');
    await expect(
      h.notifier.send(b, { kind: 'info', visibility: 'public', paragraphs: ['x'] }),
    ).rejects.toMatchObject({ code: 'chat_unreachable' });
    h.fault(b, 'migrated');
    const err = await h.notifier
      .send(b, { kind: 'info', visibility: 'public', paragraphs: ['x'] })
      .catch((e: DeliveryError) => e);
    expect(err).toMatchObject({
      code: 'chat_migrated',
      extra: { migratedTo: expect.stringMatching(/^-100\d+$/) },
    });
    h.fault(b, 'server_error', 3);
    await expect(
      h.notifier.send(b, { kind: 'info', visibility: 'public', paragraphs: ['x'] }),
    ).rejects.toMatchObject({ code: 'unavailable' });
    expect(h.supports('migrated')).toBe(true);
  });

  it('reads a message back as its plain-text fallback, links included, as replyToText has it', async () => {
    h = await telegramHarness();
    const a = h.address('gamma');
    const reply: Reply = {
      kind: 'result',
      visibility: 'public',
      heading: 'Weekly digest: Honduras',
      paragraphs: ['2 new items'],
      items: [
        {
          id: '1',
          title: 'Honduras & <IOM>',
          url: 'https://news.example.org/1?a=1&b=2',
          date: '2021-02-16',
          places: ['Honduras'],
          summary: 'One. Two.',
        },
        { id: '2', title: 'No link here', url: null, date: null, places: [], summary: 'Three.' },
      ],
      footer: ['And 3 more: country HN since 2026-11-23'],
    };
    await h.notifier.send(a, reply);
    expect(h.received(a)).toEqual([replyToText(reply)]);
  });
});
