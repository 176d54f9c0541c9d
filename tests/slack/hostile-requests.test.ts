/**
 * Whatever a validly signed request carries, the service answers it (400, or an empty 200 for an
 * interaction it does not use) at once and keeps running; a request stamped more than 5 minutes
 * from now either way, or bigger than the body limit, is refused before anything reads it. Each
 * test ends by checking the adapter still answers a real command.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { judgeBody } from '../../adapters/slack/request-guard.js';
import type { CommandPort } from '../../src/ports.js';
import { makeCore } from '../helpers/core.js';
import { postDeclaring } from '../helpers/oversized.js';
import { signedHeaders, slashForm, startRig, type Rig } from '../helpers/slack-rig.js';

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe('Slack: hostile requests at the receiver', () => {
  let rig: Rig;
  const runs: string[] = [];
  beforeAll(async () => {
    const core = await makeCore();
    const commands: CommandPort = {
      ...core.commands,
      run: (text, ctx, offset) => (runs.push(text), core.commands.run(text, ctx, offset)),
    };
    rig = await startRig({ core, commands });
  });
  afterAll(async () => {
    await rig.close();
  });

  /** The adapter still answers: the process and the receiver survived. */
  async function stillAnswers() {
    const { status, first } = await rig.command('latest 1');
    expect(status).toBe(200);
    expect(first.blocks.length).toBeGreaterThan(0);
  }

  test.each([
    ['payload=null', form({ payload: 'null' })],
    ['payload="str"', form({ payload: '"str"' })],
    ['payload=42', form({ payload: '42' })],
    ['payload=[]', form({ payload: '[]' })],
    ['payload that is not JSON', form({ payload: '{not json' })],
    ['payload={} (no kind)', form({ payload: '{}' })],
    [
      'block_actions without actions',
      form({ payload: JSON.stringify({ type: 'block_actions', user: { id: 'U1' } }) }),
    ],
    [
      'block_actions whose action is null',
      form({ payload: JSON.stringify({ type: 'block_actions', user: { id: 'U1' }, actions: [null] }) }),
    ],
    [
      'block_actions without a user',
      form({
        payload: JSON.stringify({ type: 'block_actions', actions: [{ type: 'button', action_id: 'x' }] }),
      }),
    ],
    ['an event that is a string', JSON.stringify({ type: 'event_callback', event: 'boom' })],
    [
      'an event whose item is a string',
      JSON.stringify({ type: 'event_callback', event: { type: 'x', item: 's' } }),
    ],
    ['a form with nothing Slack sends', form({ hello: 'world' })],
  ])('a signed %s gets 400, runs nothing, and the service goes on', async (_what, body) => {
    const before = runs.length;
    const contentType = body.startsWith('{') ? 'application/json' : 'application/x-www-form-urlencoded';
    const r = await rig.post(body, signedHeaders(body, undefined, contentType));
    expect(r.status).toBe(400);
    expect(runs.length).toBe(before);
    await stillAnswers();
  });

  test('a signed JSON body of null, or of text, gets 400', async () => {
    for (const body of ['null', '"str"', '[1,2]', 'not json at all']) {
      const r = await rig.post(body, signedHeaders(body, undefined, 'application/json'));
      expect(r.status, body).toBe(400);
    }
    await stillAnswers();
  });

  test.each(['channel_id', 'user_id', 'team_id', 'response_url', 'command'])(
    'a signed slash command without %s gets 400 and runs nothing',
    async (field) => {
      const before = runs.length;
      const fields = Object.fromEntries(new URLSearchParams(slashForm('latest', rig.fake.responseUrl('x'))));
      delete fields[field];
      const body = form(fields);
      const r = await rig.post(body);
      expect(r.status).toBe(400);
      expect(runs.length).toBe(before);
      await stillAnswers();
    },
  );

  test('a slash command of another name is answered at once, politely, with the command to use', async () => {
    const { status, first } = await rig.command('latest', { command: '/weather' });
    expect(status).toBe(200);
    expect(first.text).toMatch(/This app answers \/news: try \/news help/);
    await stillAnswers();
  });

  test('an unknown command word is answered with what to type', async () => {
    const { status, first } = await rig.command('frobnicate the news');
    expect(status).toBe(200);
    expect(first.response_type).toBe('ephemeral');
    expect(JSON.stringify(first)).toMatch(/frobnicate/);
  });

  test('a well-formed interaction this app does not use (a modal, a shortcut) is acknowledged at once, not left for 3 s', async () => {
    for (const type of ['view_submission', 'shortcut', 'message_action', 'block_suggestion']) {
      const body = form({
        payload: JSON.stringify({ type, user: { id: 'U1', team_id: 'T1' }, team: { id: 'T1' }, view: {} }),
      });
      const r = await rig.post(body);
      expect(r.status, type).toBe(200);
      expect(r.text).toBe('');
    }
    await stillAnswers();
  });

  test.each([
    ['400 seconds ahead', 400],
    ['a year ahead', 365 * 24 * 3600],
    ['400 seconds behind', -400],
  ])('a request stamped %s is refused (401) and runs nothing, even signed', async (_what, offset) => {
    const before = runs.length;
    const body = slashForm('subscribe Honduras', rig.fake.responseUrl('skewed'));
    const r = await rig.post(body, signedHeaders(body, Math.floor(Date.now() / 1000) + offset));
    expect(r.status).toBe(401);
    expect(runs.length).toBe(before);
    expect(rig.fake.responsesTo('skewed')).toHaveLength(0);
  });

  test('a request stamped within 5 minutes either way is taken', async () => {
    for (const offset of [-240, 240]) {
      const id = `near-${offset}`;
      const body = slashForm('latest 1', rig.fake.responseUrl(id));
      const r = await rig.post(body, signedHeaders(body, Math.floor(Date.now() / 1000) + offset));
      expect(r.status).toBe(200);
      await rig.responses(id);
    }
  });

  test('a body declared over 1 MB is refused (413) before it is read, signed or not', async () => {
    const headers = { ...signedHeaders('x'), connection: 'close' };
    expect(await postDeclaring(rig.url, 1024 * 1024 + 1, headers)).toBe(413);
    expect(await postDeclaring(rig.url, 30 * 1024 * 1024, { connection: 'close' })).toBe(413);
    await stillAnswers();
  });
});

describe('judgeBody: what may reach Bolt', () => {
  test('passes what Slack sends: a slash command, a button press, an event, url_verification, ssl_check', () => {
    expect(
      judgeBody({
        command: '/news',
        text: 'latest',
        channel_id: 'C1',
        user_id: 'U1',
        team_id: 'T1',
        response_url: 'https://hooks.slack.com/x',
      }),
    ).toEqual({ pass: true });
    expect(
      judgeBody({
        type: 'block_actions',
        user: { id: 'U1' },
        team: null,
        actions: [{ type: 'button', action_id: 'news:more:0' }],
      }),
    ).toEqual({ pass: true });
    expect(judgeBody({ type: 'event_callback', event: { type: 'app_home_opened' } })).toEqual({ pass: true });
    expect(judgeBody({ type: 'url_verification', challenge: 'c' })).toEqual({ pass: true });
    expect(judgeBody({ ssl_check: '1' })).toEqual({ pass: true });
  });

  test('refuses every value that is not an object, whatever it is', () => {
    for (const v of [null, undefined, 0, 'str', true, [], [{}]])
      expect(judgeBody(v)).toMatchObject({ status: 400 });
  });
});
