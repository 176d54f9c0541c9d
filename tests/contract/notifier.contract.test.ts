import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/ports.js';
import type { Reply } from '../../src/reply.js';
import type { HarnessFactory, NotifierHarness } from './harness.js';
import { slackHarness } from './slack-harness.js';
import { telegramHarness } from './telegram-harness.js';

const reply = (titles: string[], summary = 'Workers and employers met.'): Reply => ({
  kind: 'result',
  visibility: 'public',
  heading: 'Weekly digest: Honduras',
  items: titles.map((title, i) => ({
    id: `i${i}`,
    title,
    url: `https://news.example.org/${i}?a=1&b=2`,
    date: '2026-11-24',
    places: ['Honduras'],
    summary,
  })),
});

const platforms: [string, HarnessFactory][] = [
  ['telegram', telegramHarness],
  ['slack', slackHarness],
];

// Every Notifier must keep the same promises to the digest layer.
describe.each(platforms)('Notifier contract: %s', (_name, factory) => {
  let h: NotifierHarness;
  afterEach(() => h?.close());

  it('sends a reply and returns one message id per part, calling onPart for each', async () => {
    h = await factory();
    const to = h.address('a');
    const parts: [number, string, number][] = [];
    const { messageIds } = await h.notifier.send(to, reply(['Honduras opens a labour office']), {
      onPart: (i, id, n) => void parts.push([i, id, n]),
    });
    expect(messageIds.length).toBeGreaterThan(0);
    expect(parts.map(([, id]) => id)).toEqual(messageIds);
    expect(parts.every(([, , n]) => n === messageIds.length)).toBe(true);
    expect(h.received(to).join('\n')).toContain('Honduras opens a labour office');
  });

  it('shows hostile item text literally', async () => {
    h = await factory();
    const to = h.address('b');
    await h.notifier.send(to, reply(['<b>Bold</b> & "quoted" </a> <!channel> <@U123>']));
    expect(h.received(to).join('\n')).toContain('<b>Bold</b> & "quoted" </a> <!channel> <@U123>');
  });

  it('skips the parts an earlier attempt sent', async () => {
    h = await factory();
    const to = h.address('c');
    const long = reply(
      Array.from({ length: 60 }, (_, i) => `Item number ${i} about Honduran workers`),
      'x'.repeat(400),
    );
    const first = await h.notifier.send(to, long);
    const n = h.received(to).length;
    expect(first.messageIds.length).toBe(n);
    if (n > 1) {
      const again = await h.notifier.send(to, long, { fromPart: n - 1 });
      expect(again.messageIds).toHaveLength(1);
      expect(h.received(to)).toHaveLength(n + 1);
      expect(h.received(to).at(-1)).toBe(h.received(to)[n - 1]);
    }
  });

  it('waits out a 429 and sends', async () => {
    h = await factory();
    const to = h.address('d');
    h.fault(to, 'rate_limited', 1);
    await h.notifier.send(to, reply(['After the wait']));
    expect(h.received(to).join('\n')).toContain('After the wait');
  });

  it('reports an unreachable chat as a permanent chat_unreachable', async () => {
    h = await factory();
    const to = h.address('e');
    h.fault(to, 'unreachable', 5);
    const err = await h.notifier.send(to, reply(['Never seen'])).catch((e) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err.code).toBe('chat_unreachable');
    expect(err.permanent).toBe(true);
    expect(err.reason.length).toBeGreaterThan(0);
  });

  it('reports a platform that keeps failing as unavailable, a passing fault', async () => {
    h = await factory();
    const to = h.address('f');
    h.fault(to, 'server_error', 20);
    const err = await h.notifier.send(to, reply(['Never seen'])).catch((e) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err.code).toBe('unavailable');
    expect(err.permanent).toBe(false);
  });

  it('reports a migrated chat with its new id, where the platform has migration', async () => {
    h = await factory();
    if (!h.supports('migrated')) return;
    const to = h.address('g');
    h.fault(to, 'migrated', 1);
    const err = await h.notifier.send(to, reply(['Moved'])).catch((e) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err.code).toBe('chat_migrated');
    expect(err.extra.migratedTo).toMatch(/^-100\d+$/);
  });
});
