import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../fakes/slack-api.js';
import { BOT_TOKEN, expectNoSlackViolations } from '../helpers/slack-rig.js';

/**
 * The fake Slack checks Block Kit's limits on everything it is sent, as Slack does: these
 * hand-built messages go straight to it, without the adapter, one past each limit and one at it.
 */
describe('the fake Slack Web API: Block Kit limits', () => {
  let fake: FakeSlack;
  beforeAll(async () => {
    fake = await startFakeSlack();
  });
  afterAll(async () => {
    await fake.close();
  });

  /** A Web API call as WebClient makes it: a form body, objects JSON-encoded, a bearer token. */
  async function api(method: string, args: Record<string, unknown>): Promise<Record<string, any>> {
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(args)) form.set(k, typeof v === 'string' ? v : JSON.stringify(v));
    const res = await fetch(`${fake.apiUrl}${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${BOT_TOKEN}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as Record<string, any>;
  }

  /** A post to a response URL as Bolt's respond() makes it: JSON. */
  async function respond(
    id: string,
    message: Record<string, unknown>,
  ): Promise<{ status: number; text: string }> {
    const res = await fetch(fake.responseUrl(id), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message),
    });
    return { status: res.status, text: await res.text() };
  }

  const plain = (text: string) => ({ type: 'plain_text', text });
  const button = (i: number, o: { text?: string; value?: string; actionId?: string } = {}) => ({
    type: 'button',
    action_id: o.actionId ?? `b${i}`,
    text: plain(o.text ?? `Button ${i}`),
    value: o.value ?? `${i}`,
  });
  const dividers = (n: number) => Array.from({ length: n }, () => ({ type: 'divider' }));

  /** One of every block the adapter sends, `over` each limit by this much (0: exactly at it). */
  const blocks = (over: 0 | 1) => {
    const b = [
      { type: 'header', text: plain('h'.repeat(150 + over)) },
      {
        type: 'section',
        block_id: 'b'.repeat(255 + over),
        text: { type: 'mrkdwn', text: 's'.repeat(3000 + over), verbatim: true },
      },
      {
        type: 'section',
        fields: Array.from({ length: 10 + over }, (_, i) => ({ type: 'mrkdwn', text: `f${i}` })),
      },
      { type: 'section', fields: [plain('f'.repeat(2000 + over))] },
      { type: 'context', elements: Array.from({ length: 10 + over }, (_, i) => plain(`c${i}`)) },
      {
        type: 'actions',
        elements: [
          button(0, {
            text: 'x'.repeat(75 + over),
            value: 'v'.repeat(2000 + over),
            actionId: 'a'.repeat(255 + over),
          }),
        ],
      },
      { type: 'actions', elements: Array.from({ length: 25 + over }, (_, i) => button(i)) },
    ];
    return [...b, ...dividers(50 + over - b.length)];
  };

  test('a message past every limit: invalid_blocks, each problem in response_metadata.messages, nothing posted, the violation recorded', async () => {
    const res = await api('chat.postMessage', { channel: 'C0OVER', text: 'The fallback', blocks: blocks(1) });
    expect(res.ok).toBe(false);
    expect(res.error).toBe('invalid_blocks');
    expect(res.response_metadata.messages).toEqual([
      '[ERROR] must be less than 51 items [json-pointer:/blocks]',
      '[ERROR] must be less than 151 characters [json-pointer:/blocks/0/text/text]',
      '[ERROR] must be less than 256 characters [json-pointer:/blocks/1/block_id]',
      '[ERROR] must be less than 3001 characters [json-pointer:/blocks/1/text/text]',
      '[ERROR] must be less than 11 items [json-pointer:/blocks/2/fields]',
      '[ERROR] must be less than 2001 characters [json-pointer:/blocks/3/fields/0/text]',
      '[ERROR] must be less than 11 items [json-pointer:/blocks/4/elements]',
      '[ERROR] must be less than 256 characters [json-pointer:/blocks/5/elements/0/action_id]',
      '[ERROR] must be less than 76 characters [json-pointer:/blocks/5/elements/0/text/text]',
      '[ERROR] must be less than 2001 characters [json-pointer:/blocks/5/elements/0/value]',
      '[ERROR] must be less than 26 items [json-pointer:/blocks/6/elements]',
    ]);
    expect(fake.posts('C0OVER')).toEqual([]);
    expect(fake.calls.at(-1)).toMatchObject({ method: 'chat.postMessage', outcome: 'invalid_blocks' });
    expect(fake.violations).toHaveLength(1);
    expect(fake.violations[0]).toMatchObject({
      method: 'chat.postMessage',
      target: 'C0OVER',
      outcome: 'invalid_blocks',
      seq: fake.calls.at(-1)!.seq,
    });
    expect(fake.violations[0].problems[3]).toEqual({
      severity: 'error',
      code: 'invalid_blocks',
      pointer: '/blocks/1/text/text',
      message: 'must be less than 3001 characters',
      value: `${'s'.repeat(120)}… (3001 characters)`,
    });
    expect(fake.takeViolations()).toHaveLength(1);
    expect(fake.violations).toEqual([]);
  });

  test('the same message exactly at every limit, with a 40,000-character fallback: accepted, nothing recorded', async () => {
    const res = await api('chat.postMessage', {
      channel: 'C0AT',
      text: 't'.repeat(40_000),
      blocks: blocks(0),
    });
    expect(res).toMatchObject({ ok: true, channel: 'C0AT' });
    expect(fake.posts('C0AT')).toHaveLength(1);
    expect(fake.violations).toEqual([]);
  });

  test('what Slack refuses besides lengths: empty text, a mrkdwn header or button, emoji on mrkdwn, duplicate ids, an unknown block', async () => {
    const res = await api('chat.postEphemeral', {
      channel: 'C0SHAPE',
      user: 'U0ASKER',
      text: 'The fallback',
      blocks: [
        { type: 'section', block_id: 'same', text: { type: 'mrkdwn', text: '' } },
        { type: 'header', block_id: 'same', text: { type: 'mrkdwn', text: 'Heading' } },
        { type: 'section', text: { type: 'mrkdwn', text: 'x', emoji: true } },
        {
          type: 'actions',
          elements: [
            button(1, { actionId: 'twice' }),
            { ...button(2, { actionId: 'twice' }), text: { type: 'mrkdwn', text: 'B' } },
          ],
        },
        { type: 'carousel_of_dreams' },
      ],
    });
    expect(res.error).toBe('invalid_blocks');
    expect(res.response_metadata.messages).toEqual([
      '[ERROR] must be more than 0 characters [json-pointer:/blocks/0/text/text]',
      '[ERROR] duplicate block_id [json-pointer:/blocks/1/block_id]',
      '[ERROR] must be plain_text [json-pointer:/blocks/1/text/type]',
      '[ERROR] invalid additional property: emoji [json-pointer:/blocks/2/text]',
      '[ERROR] duplicate action_id [json-pointer:/blocks/3/elements/1/action_id]',
      '[ERROR] must be plain_text [json-pointer:/blocks/3/elements/1/text/type]',
      '[ERROR] unsupported type: carousel_of_dreams [json-pointer:/blocks/4/type]',
    ]);
    expect(fake.takeViolations()).toMatchObject([
      { method: 'chat.postEphemeral', target: 'C0SHAPE', outcome: 'invalid_blocks' },
    ]);
  });

  test('a fallback past 40,000 characters: msg_too_long (Slack would cut it)', async () => {
    const res = await api('chat.postMessage', { channel: 'C0LONG', text: 't'.repeat(40_001) });
    expect(res).toMatchObject({
      ok: false,
      error: 'msg_too_long',
      response_metadata: { messages: ['[ERROR] must be less than 40001 characters [json-pointer:/text]'] },
    });
    expect(fake.takeViolations()).toMatchObject([{ target: 'C0LONG', outcome: 'msg_too_long' }]);
  });

  test('blocks without a fallback text: posted, as Slack posts it, but recorded as a warning', async () => {
    const res = await api('chat.postMessage', {
      channel: 'C0NOTEXT',
      blocks: [{ type: 'section', text: plain('Only blocks') }],
    });
    expect(res.ok).toBe(true);
    expect(fake.posts('C0NOTEXT')).toHaveLength(1);
    expect(fake.takeViolations()).toEqual([
      {
        seq: fake.posts('C0NOTEXT')[0].seq,
        method: 'chat.postMessage',
        target: 'C0NOTEXT',
        outcome: 'ok',
        problems: [
          {
            severity: 'warning',
            code: 'missing_fallback_text',
            pointer: '/text',
            message: 'missing top-level text: the fallback for notifications and screen readers',
          },
        ],
      },
    ]);
  });

  test('a response URL: 400 invalid_blocks past a limit, 200 at it, and at most 5 posts (then 404 used_url)', async () => {
    const over = await respond('r-over', {
      response_type: 'ephemeral',
      text: 'The fallback',
      blocks: dividers(51),
    });
    expect(over).toEqual({ status: 400, text: 'invalid_blocks' });
    expect(fake.responsesTo('r-over')).toMatchObject([{ outcome: 'invalid_blocks' }]);
    expect(fake.takeViolations()).toMatchObject([
      {
        method: 'response_url',
        target: 'r-over',
        outcome: 'invalid_blocks',
        problems: [{ pointer: '/blocks', message: 'must be less than 51 items', value: '[51 items]' }],
      },
    ]);

    for (let i = 0; i < 5; i++)
      expect(await respond('r-five', { text: `Part ${i}`, blocks: dividers(50) })).toEqual({
        status: 200,
        text: 'ok',
      });
    expect(await respond('r-five', { text: 'One too many' })).toEqual({ status: 404, text: 'used_url' });
    expect(fake.takeViolations()).toMatchObject([
      { method: 'response_url', target: 'r-five', outcome: 'used_url' },
    ]);
    // removing the original is a post like any other, with nothing to check
    expect(await respond('r-delete', { delete_original: true })).toEqual({ status: 200, text: 'ok' });
    expect(fake.violations).toEqual([]);
  });

  test('views.publish: a Home tab holds 100 blocks; 101 is invalid_arguments', async () => {
    const over = await api('views.publish', {
      user_id: 'U0HOME',
      view: { type: 'home', blocks: dividers(101) },
    });
    expect(over).toMatchObject({
      ok: false,
      error: 'invalid_arguments',
      response_metadata: { messages: ['[ERROR] must be less than 101 items [json-pointer:/view/blocks]'] },
    });
    expect(fake.published('U0HOME')).toEqual([]);
    expect(fake.takeViolations()).toMatchObject([
      { method: 'views.publish', target: 'U0HOME', outcome: 'invalid_arguments' },
    ]);
    const at = await api('views.publish', {
      user_id: 'U0HOME',
      view: { type: 'home', blocks: [{ type: 'header', text: plain('Home') }, ...dividers(99)] },
    });
    expect(at.ok).toBe(true);
    expect(fake.published('U0HOME')).toHaveLength(1);
  });

  test("the rig's check after each test fails on what a test left behind, saying where, what and the value", async () => {
    await api('chat.postMessage', {
      channel: 'C0LEFT',
      text: 'The fallback',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }],
    });
    expect(() => expectNoSlackViolations('in this test')).toThrow(
      /chat\.postMessage to C0LEFT \(fake answered invalid_blocks\): \/blocks\/0\/text\/text must be less than 3001 characters \(got "x{120}… \(3001 characters\)"\)/,
    );
    // what the check reported is not reported again after this test
    expect(() => expectNoSlackViolations('in this test')).not.toThrow();
    // the fake still lists it
    expect(fake.takeViolations()).toHaveLength(1);
  });
});
