/**
 * A command's answer in Slack fits the five posts a response URL takes, and never goes past
 * them: content that does not fit is left out and the last post says so, keeping the buttons.
 * The mechanism (renderSlack's budget) on replies of every size, then through the adapter,
 * where the fake Slack refuses a sixth post as Slack does (and the rig fails the test on it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESPONSE_URL_POSTS } from '../../adapters/slack/answer.js';
import { LIMITS, renderSlack } from '../../adapters/slack/render-slack.js';
import { slackTexts } from '../../adapters/slack/texts.js';
import type { ChatReply } from '../../src/ports.js';
import type { Reply } from '../../src/reply.js';
import { makeCore } from '../helpers/core.js';
import { blockTexts, buttonOf, buttonsOf, startRig, type Rig } from '../helpers/slack-rig.js';

const note = slackTexts('en').replyCut;

function reply(paragraphs: number, size: number, items = 0): Reply {
  return {
    kind: 'result',
    visibility: 'private',
    heading: 'Heading',
    paragraphs: Array.from({ length: paragraphs }, (_, i) => `${i}: ${'<!channel> & '.repeat(size / 13)}`),
    items: Array.from({ length: items }, (_, i) => ({
      id: `i${i}`,
      title: `Item ${i}`,
      url: `https://example.org/${i}`,
      date: '2021-02-16',
      places: ['Honduras'],
      summary: 's'.repeat(300),
    })),
    actions: [
      { kind: 'more', label: 'More', command: 'country HN', offset: 5 },
      { kind: 'share', label: 'Share in channel', command: 'country HN' },
    ],
    command: 'country HN',
  };
}

describe('renderSlack with a budget', () => {
  it('keeps every reply within the budget and 50 blocks a message, saying so exactly when it cut, buttons kept', () => {
    for (const messages of [1, 4, 5])
      for (const n of [0, 10, 49, 60, 200, 400])
        for (const size of [10, 2900])
          for (const items of [0, 20]) {
            const where = `${messages} messages; ${n} paragraphs of ${size}, ${items} items`;
            const r = reply(n, size, items);
            const free = renderSlack(r, { audience: 'ephemeral', hint: 'hint' });
            const capped = renderSlack(r, {
              audience: 'ephemeral',
              hint: 'hint',
              budget: { messages, cutNote: note },
            });
            expect(capped.length, where).toBeLessThanOrEqual(messages);
            for (const m of capped) expect(m.blocks.length, where).toBeLessThanOrEqual(LIMITS.blocks);
            const cut = free.length > messages;
            expect(blockTexts(capped.at(-1)!).includes(note), where).toBe(cut);
            if (!cut) expect(capped, where).toEqual(free);
            expect(
              buttonsOf(capped.at(-1)!).map((b) => b.action_id),
              where,
            ).toEqual(buttonsOf(free.at(-1)!).map((b) => b.action_id));
          }
  });
});

describe('the Slack adapter answers within the response URL’s five posts', () => {
  let rig: Rig;
  let next: ChatReply;
  beforeAll(async () => {
    const core = await makeCore();
    rig = await startRig({ core, commands: { ...core.commands, run: async () => next } });
  });
  afterAll(async () => {
    await rig.close();
  });

  it.each(['en', 'es'] as const)(
    'an answer of 400 long paragraphs (%s): five posts, the last saying it stops there',
    async (lang) => {
      next = { ...reply(400, 2900), lang };
      const { responseId } = await rig.send('country q0,q1,q2');
      const posts = await rig.responses(responseId, RESPONSE_URL_POSTS);
      expect(posts).toHaveLength(RESPONSE_URL_POSTS);
      expect(blockTexts(posts.at(-1)!)).toContain(slackTexts(lang).replyCut);
      expect(rig.fake.responsesTo(responseId).every((r) => r.outcome === 'ok')).toBe(true);
    },
  );

  it('"Share in channel" of such an answer: four posts and the preview removed, five in all, none refused', async () => {
    next = { ...reply(400, 2900), lang: 'en' };
    const { responseId: asked } = await rig.send('country q0');
    const preview = (await rig.responses(asked, RESPONSE_URL_POSTS)).at(-1)!;
    const { responseId } = await rig.press(buttonOf(preview, 'share'));
    const posts = await rig.responses(responseId, RESPONSE_URL_POSTS);
    expect(posts.filter((p) => p.delete_original)).toHaveLength(1);
    expect(posts).toHaveLength(RESPONSE_URL_POSTS);
    expect(rig.fake.responsesTo(responseId).every((r) => r.outcome === 'ok')).toBe(true);
  });
});
