import { describe, expect, it } from 'vitest';
import { createCallbackCodec } from '../../adapters/telegram/callback-data.js';
import {
  escapeHtml,
  MESSAGE_LIMIT,
  renderTelegram,
  visibleLength,
} from '../../adapters/telegram/render-telegram.js';
import { replyToText, type ItemView, type Reply } from '../../src/reply.js';
import { parseTelegramHtml } from '../fakes/telegram-html.js';

const codec = createCallbackCodec();
const render = (r: Reply) => renderTelegram(r, { encode: codec.encode });

const view = (i: number, extra: Partial<ItemView> = {}): ItemView => ({
  id: `id${i}`,
  title: `Title ${i}`,
  url: `https://news.example.org/${i}`,
  date: '2021-02-16',
  places: ['Honduras'],
  summary: `Summary ${i}.`,
  ...extra,
});

describe('rendering a Reply as Telegram HTML', () => {
  it('escapes & < > " in every item field, and Telegram reads back exactly the original text', () => {
    const hostile: ItemView = {
      id: 'x',
      title: 'Workers <b>rights</b> & "wages" </a><script>',
      url: 'https://evil.example/?a=1&b="2"><b>x</b>',
      date: '2021-01-01',
      places: ['Trinidad & Tobago'],
      summary: 'Summary with </a> and <i>tags</i> & ampersands "quoted"',
    };
    const r = render({
      kind: 'result',
      visibility: 'public',
      heading: 'News <about> & "more"',
      items: [hostile],
      paragraphs: ['p < q & r > s'],
    });
    expect(r.parts).toHaveLength(1);
    const parsed = parseTelegramHtml(r.parts[0].html);
    expect(parsed.text).toContain(hostile.title);
    expect(parsed.text).toContain(hostile.summary);
    expect(parsed.text).toContain('Trinidad & Tobago');
    expect(parsed.text).toContain('News <about> & "more"');
    expect(parsed.links).toEqual([{ text: hostile.title, url: hostile.url }]);
    // the only markup is ours: heading bold, link, title bold, meta italic
    expect(parsed.tags).toEqual(['b', 'a', 'b', 'i']);
  });

  it('never links a URL that is not a web address, and still shows it', () => {
    const r = render({
      kind: 'result',
      visibility: 'public',
      items: [view(1, { url: 'javascript:alert(1)' })],
    });
    const parsed = parseTelegramHtml(r.parts[0].html);
    expect(parsed.links).toEqual([]);
    expect(parsed.text).toContain('javascript:alert(1)');
  });

  it('gives each part its plain-text twin: for one part, exactly replyToText', () => {
    const reply: Reply = {
      kind: 'result',
      visibility: 'public',
      heading: 'Latest news',
      paragraphs: ['1–2 of 9'],
      items: [view(1), view(2)],
      footer: ['and 7 more'],
      offset: 0,
    };
    const r = render(reply);
    expect(r.parts).toHaveLength(1);
    expect(r.parts[0].text).toBe(replyToText(reply));
    expect(parseTelegramHtml(r.parts[0].html).text).toBe(replyToText(reply).replace(/\nhttps:\S+/g, ''));
  });

  it('splits past 4,096 characters between items, never inside one, and numbers items across parts', () => {
    const items = Array.from({ length: 30 }, (_, i) =>
      view(i, { title: `Long title number ${i} `.repeat(6), summary: `Long summary ${i} `.repeat(20) }),
    );
    const r = render({ kind: 'result', visibility: 'public', heading: 'Many', items, offset: 10 });
    expect(r.parts.length).toBeGreaterThan(2);
    const texts = r.parts.map((p) => parseTelegramHtml(p.html).text);
    for (const p of r.parts) expect(visibleLength(p.html)).toBeLessThanOrEqual(MESSAGE_LIMIT);
    // every item appears whole in exactly one part, in order
    const where = items.map((it) => texts.findIndex((t) => t.includes(it.summary)));
    expect(where.every((w) => w >= 0)).toBe(true);
    expect([...where].sort((a, b) => a - b)).toEqual(where);
    // parts after the first start with an item number, not mid-item
    for (const t of texts.slice(1)) expect(t).toMatch(/^\d+\. /);
    expect(texts[0]).toMatch(/^Many\n\n11\. /);
    expect(texts.at(-1)).toContain('40. ');
  });

  it('shortens an item that alone exceeds the limit, and the message still parses', () => {
    const huge = view(1, { title: 'T&'.repeat(1500), summary: '<b>&"'.repeat(2000) });
    const r = render({ kind: 'result', visibility: 'public', items: [view(0), huge, view(2)] });
    for (const p of r.parts) {
      expect(visibleLength(p.html)).toBeLessThanOrEqual(MESSAGE_LIMIT);
      expect(p.text.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
      parseTelegramHtml(p.html);
    }
    const all = r.parts.map((p) => parseTelegramHtml(p.html).text).join('\n');
    expect(all).toContain('Title 0');
    expect(all).toContain('Title 2');
    expect(all).toContain('…');
  });

  it('splits a paragraph longer than a message at line breaks', () => {
    const para = Array.from({ length: 400 }, (_, i) => `• line ${i} & <more>`).join('\n');
    const r = render({ kind: 'info', visibility: 'public', paragraphs: [para] });
    expect(r.parts.length).toBeGreaterThan(1);
    for (const p of r.parts) expect(visibleLength(p.html)).toBeLessThanOrEqual(MESSAGE_LIMIT);
    expect(r.parts.map((p) => parseTelegramHtml(p.html).text).join('\n')).toBe(para);
  });

  it('turns actions into an inline keyboard: share dropped, countries two a row, more last', () => {
    const r = render({
      kind: 'usage',
      visibility: 'private',
      paragraphs: ['Pick'],
      actions: [
        { kind: 'subscribe', label: 'Mexico (3)', command: 'subscribe MX' },
        { kind: 'subscribe', label: 'Costa Rica (2)', command: 'subscribe CR' },
        { kind: 'subscribe', label: 'Guyana (2)', command: 'subscribe GY' },
        { kind: 'share', label: 'Share in channel', command: 'latest' },
        { kind: 'more', label: 'More', command: 'subscribe', offset: 8 },
      ],
    });
    expect(r.keyboard?.map((row) => row.map((b) => b.text))).toEqual([
      ['Mexico (3)', 'Costa Rica (2)'],
      ['Guyana (2)'],
      ['More'],
    ]);
    const more = r.keyboard!.at(-1)![0] as { callback_data: string };
    expect(codec.decode(more.callback_data)).toEqual({ mode: 'page', command: 'subscribe', offset: 8 });
  });

  it('previews the link of a single story only', () => {
    expect(render({ kind: 'result', visibility: 'public', items: [view(1)] }).linkPreview).toBe(true);
    expect(render({ kind: 'result', visibility: 'public', items: [view(1), view(2)] }).linkPreview).toBe(
      false,
    );
    expect(
      render({ kind: 'info', visibility: 'public', paragraphs: ['see https://x.example'] }).linkPreview,
    ).toBe(false);
  });

  it('escapeHtml escapes exactly the four characters', () => {
    expect(escapeHtml(`<a href="x">&amp;</a> 'ok'`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;&amp;amp;&lt;/a&gt; 'ok'",
    );
  });
});

describe('a compact digest over several messages', () => {
  const compact = (n: number, perGroup: number): Reply => ({
    kind: 'result',
    visibility: 'public',
    layout: 'compact',
    heading: 'Your weekly digest',
    items: Array.from({ length: n }, (_, i) =>
      view(i, {
        title: `A fairly long headline about labour migration number ${i} `.repeat(3).trim(),
        group: `🇭🇳 Place ${Math.floor(i / perGroup)}`,
        summary: '',
      }),
    ),
  });

  it('names the group again where it runs on into the next message, and never ends a message with a heading', () => {
    const r = render(compact(60, 25));
    expect(r.parts.length).toBeGreaterThan(1);
    for (const [k, p] of r.parts.entries()) {
      const lines = p.text.split('\n').filter(Boolean);
      if (k > 0) expect(lines[0]).toMatch(/^🇭🇳 Place \d+( \(cont\.\))?$/);
      expect(lines[lines.length - 1]).toMatch(/^\d+\. /);
      expect(visibleLength(p.html)).toBeLessThanOrEqual(MESSAGE_LIMIT);
    }
    // every item once, each under the heading of its own group
    const all = r.parts.map((p) => p.text).join('\n');
    for (let i = 0; i < 60; i++) expect(all.split(`\n${i + 1}. `)).toHaveLength(2);
    let group = '';
    for (const line of all.split('\n').filter(Boolean)) {
      const heading = /^🇭🇳 Place (\d+)/.exec(line);
      if (heading) group = heading[1];
      const item = /^(\d+)\. /.exec(line);
      if (item) expect(String(Math.floor((Number(item[1]) - 1) / 25))).toBe(group);
    }
    expect(all).toContain('(cont.)');
  });
});
