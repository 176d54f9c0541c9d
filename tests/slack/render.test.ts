import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BUTTON_TEXT_MAX, BUTTON_VALUE_MAX } from '../../adapters/slack/button-value.js';
import { linkTarget, mrkdwnLiteral } from '../../adapters/slack/mrkdwn.js';
import { chunkText, LIMITS, renderSlack, type SlackMessage } from '../../adapters/slack/render-slack.js';
import type { ItemView, Reply } from '../../src/reply.js';
import { jsonl, makeCore } from '../helpers/core.js';
import { buttonsOf, plain, startRig, type Rig } from '../helpers/slack-rig.js';

const ZWSP = '\u200B';

/** Every Slack limit the adapter promises, checked on one message. */
function expectWithinLimits(m: Record<string, any>): void {
  expect(m.blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
  expect(typeof m.text).toBe('string');
  expect(m.text.trim().length).toBeGreaterThan(0);
  for (const b of m.blocks) {
    if (b.type === 'section') expect(b.text.text.length).toBeLessThanOrEqual(3000);
    if (b.type === 'header') expect(b.text.text.length).toBeLessThanOrEqual(150);
    if (b.type === 'context') {
      expect(b.elements.length).toBeLessThanOrEqual(10);
      for (const e of b.elements) expect(e.text.length).toBeLessThanOrEqual(3000);
    }
    if (b.type === 'actions') expect(b.elements.length).toBeLessThanOrEqual(25);
  }
  for (const btn of buttonsOf(m)) {
    expect(btn.text.type).toBe('plain_text');
    expect(btn.text.text.length).toBeLessThanOrEqual(BUTTON_TEXT_MAX);
    expect(btn.value.length).toBeLessThanOrEqual(BUTTON_VALUE_MAX);
    expect(btn.action_id.length).toBeLessThanOrEqual(255);
  }
}

const view = (i: number, extra: Partial<ItemView> = {}): ItemView => ({
  id: `i${i}`,
  title: `Item ${i} ${'long title words '.repeat(40)}`,
  url: `https://news.example.org/${i}?${'q=1&'.repeat(100)}`,
  date: '2026-11-20',
  places: ['Costa Rica', 'Honduras', 'Guatemala'],
  summary: `Summary ${i} ${'& < > * _ '.repeat(60)}`,
  ...extra,
});

describe('Slack rendering: limits', () => {
  test('60 long items split into messages of at most 50 blocks, between items, buttons with the last', () => {
    const reply: Reply = {
      kind: 'result',
      visibility: 'public',
      heading: `Weekly digest: ${'Costa Rica, '.repeat(40)}`,
      paragraphs: ['60 new items'],
      items: Array.from({ length: 60 }, (_, i) => view(i)),
      footer: ['And 12 more: country CR since 2026-11-01'],
      actions: [{ kind: 'more', label: 'More', command: 'country CR since 2026-11-01' }],
    };
    const parts = renderSlack(reply, { audience: 'channel' });
    expect(parts.length).toBeGreaterThan(2);
    parts.forEach(expectWithinLimits);
    // Each item is a section followed by its context line: never torn across two messages.
    const numbers = parts.flatMap((p) =>
      p.blocks
        .filter((b) => b.type === 'section' && b.text?.type === 'mrkdwn')
        .map((b: any) => Number(/^(\d+)\./.exec(b.text.text)?.[1])),
    );
    expect(numbers).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    for (const p of parts) {
      const last = p.blocks.at(-1) as any;
      expect(last.type === 'context' || last.type === 'actions' || last.type === 'section').toBe(true);
    }
    expect(buttonsOf(parts.at(-1)!)).toHaveLength(1);
    expect(parts.slice(0, -1).every((p) => buttonsOf(p).length === 0)).toBe(true);
    // Each message's fallback holds its own items, so the digest reads whole in notifications too.
    const firstOfSecond = numbers[parts[0].blocks.filter((b) => b.type === 'context').length];
    expect(plain(parts[1])).toContain(`${firstOfSecond}. Item ${firstOfSecond - 1} `);
    expect(plain(parts[0])).not.toContain(`${firstOfSecond}. Item ${firstOfSecond - 1} `);
  });

  test('a huge paragraph is cut into sections of at most 3,000 characters, a long heading to 150', () => {
    const reply: Reply = {
      kind: 'info',
      visibility: 'private',
      heading: 'H'.repeat(400),
      paragraphs: [
        Array.from({ length: 400 }, (_, i) => `line ${i} ${'x'.repeat(40)}`).join('\n'),
        'y'.repeat(7000),
      ],
    };
    const [m] = renderSlack(reply, { audience: 'ephemeral' });
    expectWithinLimits(m);
    const sections = m.blocks.filter((b) => b.type === 'section') as any[];
    expect(sections.length).toBeGreaterThanOrEqual(9);
    expect(sections.map((s) => s.text.text).join('')).toContain('line 399');
  });

  test('chunkText keeps lines whole when it can and never exceeds the limit', () => {
    const pieces = chunkText(['aaaa', 'bbbb', 'cccccccccc', 'dd'].join('\n'), 9);
    expect(pieces).toEqual(['aaaa\nbbbb', 'ccccccccc', 'c\ndd']);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(9);
  });

  test('a button whose command would not fit in 2,000 characters is left out, the rest stay', () => {
    const reply: Reply = {
      kind: 'result',
      visibility: 'private',
      items: [view(1)],
      actions: [
        { kind: 'more', label: 'More', command: `search ${'w '.repeat(1500)}`, offset: 5 },
        {
          kind: 'subscribe',
          label: `Subscribe this channel: ${'Saint Vincent and the Grenadines '.repeat(3)}`,
          command: 'subscribe VC',
        },
      ],
    };
    const [m] = renderSlack(reply, { audience: 'ephemeral' });
    expectWithinLimits(m);
    expect(buttonsOf(m).map((b) => b.action_id)).toEqual(['news:subscribe:1']);
    expect(buttonsOf(m)[0].text.text.endsWith('…')).toBe(true);
  });

  test('channel messages carry no "Share in channel" button; ephemeral ones do', () => {
    const reply: Reply = {
      kind: 'result',
      visibility: 'private',
      items: [view(1)],
      actions: [{ kind: 'share', label: 'Share in channel', command: 'latest' }],
    };
    expect(buttonsOf(renderSlack(reply, { audience: 'ephemeral' })[0])).toHaveLength(1);
    expect(buttonsOf(renderSlack(reply, { audience: 'channel' })[0])).toHaveLength(0);
  });
});

describe('Slack rendering: escaping', () => {
  test('mrkdwnLiteral: & < > become entities, formatting characters are fenced with zero-width spaces', () => {
    expect(mrkdwnLiteral('a & b <!channel> <@U123>')).toBe('a &amp; b &lt;!channel&gt; &lt;@U123&gt;');
    expect(mrkdwnLiteral('*bold* _it_ ~s~ `c`')).toBe(
      `${ZWSP}*${ZWSP}bold${ZWSP}*${ZWSP} ${ZWSP}_${ZWSP}it${ZWSP}_${ZWSP} ${ZWSP}~${ZWSP}s${ZWSP}~${ZWSP} ${ZWSP}\`${ZWSP}c${ZWSP}\`${ZWSP}`,
    );
    expect(mrkdwnLiteral('> quote\n> again, 5 > 3')).toBe(`${ZWSP}&gt; quote\n${ZWSP}&gt; again, 5 &gt; 3`);
    // Cut to the limit without breaking an escape, and marked as cut.
    expect(mrkdwnLiteral('&&&&', 12)).toBe('&amp;&amp;…');
  });

  test('linkTarget: only http(s), with the characters that would end or open a link encoded', () => {
    expect(linkTarget('javascript:alert(1)')).toBeNull();
    expect(linkTarget('not a url')).toBeNull();
    expect(linkTarget(null)).toBeNull();
    expect(linkTarget('https://x.example/a?b=1&c=2|3>4')).toBe('https://x.example/a?b=1&amp;c=2%7C3%3E4');
  });

  describe('hostile item text, end to end', () => {
    let rig: Rig;
    const title =
      'Hostile <!channel> *bold* _it_ ~strike~ `code` & <@U123> <https://evil.example|click here> <!here>';
    const summary = '> quote <!everyone> &amp; *x* 5 > 3 < 4 <#C999> <!subteam^S1>';
    beforeAll(async () => {
      const core = await makeCore({
        sample: false,
        jsonl: jsonl([{ title, summary, date: '2026-11-20', url: 'https://news.example.org/a?b=1&c=2' }]),
      });
      rig = await startRig({ core });
    });
    afterAll(async () => {
      await rig.close();
    });

    test('no mention, link or formatting gets through; every character is still there to read', async () => {
      const { first } = await rig.command('latest');
      const section = first.blocks.find((b: any) => b.type === 'section' && b.text.type === 'mrkdwn');
      expect(section.text.verbatim).toBe(true);
      const text: string = section.text.text;
      // The only markup is ours: "1. *<target|title>*".
      const m = /^1\. \*<(https:\/\/news\.example\.org\/a\?b=1&amp;c=2)\|([^]*)>\*\n([^]*)$/.exec(text);
      expect(m).not.toBeNull();
      const [, , shownTitle, shownSummary] = m!;
      for (const part of [shownTitle, shownSummary]) {
        expect(part).not.toMatch(/[<>]/);
        expect(part.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
        expect(part).not.toMatch(new RegExp(`(^|[^${ZWSP}])[*_~\`]|[*_~\`]([^${ZWSP}]|$)`));
        expect(part).not.toMatch(/^&gt;/m);
      }
      const read = (s: string) =>
        s.replaceAll(ZWSP, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
      expect(read(shownTitle)).toBe(title);
      expect(read(shownSummary)).toBe(summary);
      // The fallback text is escaped too, and reads the same once Slack decodes it.
      expect(first.text).not.toMatch(/<[!@#]/);
      expect(first.text).toContain('&lt;!channel&gt;');
      expect(plain(first)).toContain(title);
    });

    test('a search query full of markup comes back as plain text in the header', async () => {
      const { first } = await rig.command('search <!channel> *bold*');
      expect(first.blocks[0]).toEqual({
        type: 'header',
        text: { type: 'plain_text', text: 'Search: "<!channel> *bold*"', emoji: true },
      });
      expect(first.text).toContain('Search: "&lt;!channel&gt; *bold*"');
    });
  });
});

describe('Slack rendering: long results end to end', () => {
  let rig: Rig;
  beforeAll(async () => {
    const items = Array.from({ length: 45 }, (_, i) => ({
      title: `Costa Rica item ${i}: ${'a very long headline about labour migration and ethical recruitment '.repeat(30)}`,
      summary: `${'Nicaraguan workers in Upala & <Los Santos> take part in *the* coffee harvest. '.repeat(40)}`,
      date: `2026-10-${String(1 + (i % 28)).padStart(2, '0')}`,
      url: `https://news.example.org/long/${i}?${'x=1&'.repeat(300)}`,
    }));
    rig = await startRig({ core: await makeCore({ jsonl: jsonl(items) }) });
  });
  afterAll(async () => {
    await rig.close();
  });

  test('/news latest 20 of long items stays within every Slack limit', async () => {
    const r = await rig.send('latest 20');
    const messages = await rig.responses(r.responseId);
    messages.forEach(expectWithinLimits);
    const sections = messages.flatMap((m) =>
      m.blocks.filter((b: any) => b.type === 'section' && b.text.type === 'mrkdwn'),
    );
    expect(sections).toHaveLength(20);
    expect(messages.every((m) => m.response_type === 'ephemeral')).toBe(true);
  });

  test('/news country costa rica pages of long items, with More and Subscribe buttons within limits', async () => {
    const { first } = await rig.command('country costa rica');
    expectWithinLimits(first);
    expect(buttonsOf(first).map((b) => b.action_id)).toEqual([
      'news:more:0',
      'news:subscribe:1',
      'news:share:2',
    ]);
  });

  test('a digest-sized reply rendered for a channel: at most 50 blocks a message, fallback on each', () => {
    const reply: Reply = {
      kind: 'result',
      visibility: 'public',
      heading: 'Weekly digest: Costa Rica',
      paragraphs: ['20 new items'],
      items: Array.from({ length: 20 }, (_, i) => view(i)),
      footer: ['And 25 more: country CR since 2026-11-01'],
      actions: [{ kind: 'more', label: 'More', command: 'country CR since 2026-11-01', offset: 0 }],
    };
    const parts: SlackMessage[] = renderSlack(reply, { audience: 'channel' });
    parts.forEach(expectWithinLimits);
    expect(parts.flatMap((p) => p.blocks).filter((b) => b.type === 'context')).toHaveLength(20);
  });

  test("a fallback full of & < > stays under Slack's 40,000 characters once escaped, and is not cut inside an entity", () => {
    const loud = '<&> '.repeat(1200);
    const reply: Reply = {
      kind: 'result',
      visibility: 'public',
      heading: 'Latest news',
      items: Array.from({ length: 20 }, (_, i) => ({
        ...view(i),
        title: `Item ${i} ${loud.slice(0, 200)}`,
        summary: loud,
      })),
    };
    for (const part of renderSlack(reply, { audience: 'channel' })) {
      expect(part.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
      expect(part.text).not.toMatch(/&[a-z]*…$/);
      expect(part.text.replace(/&(amp|lt|gt);/g, '')).not.toMatch(/[&<>]/);
    }
  });
});
