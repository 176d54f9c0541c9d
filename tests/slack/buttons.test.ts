import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chatKey } from '../../src/ports.js';
import { jsonl, makeCore } from '../helpers/core.js';
import {
  buttonOf,
  buttonsOf,
  CHANNEL,
  plain,
  pressForm,
  startRig,
  TEAM,
  type Rig,
} from '../helpers/slack-rig.js';

const itemNumbers = (m: Record<string, any>) =>
  m.blocks
    .filter((b: any) => b.type === 'section' && b.text.type === 'mrkdwn')
    .map((b: any) => Number(/^(\d+)\./.exec(b.text.text)?.[1]));

/** Our buttons, pressed through signed block_actions payloads. */
describe('Slack: buttons', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig();
  });
  afterAll(async () => {
    await rig.close();
  });

  const key = (channel: string) => chatKey({ platform: 'slack', chatId: channel, teamId: TEAM });

  test('More on an ephemeral result replaces it with the next page', async () => {
    const { first } = await rig.command('latest');
    expect(itemNumbers(first)).toEqual([1, 2, 3, 4, 5]);
    const next = await rig.press(buttonOf(first, 'more'), { ephemeral: true });
    expect(next.status).toBe(200);
    expect(next.first.replace_original).toBe(true);
    expect(next.first.response_type).toBe('ephemeral');
    expect(itemNumbers(next.first)).toEqual([6, 7, 8, 9, 10]);
    expect(plain(next.first)).toContain('6–10 of 10');
    // The last page has no More.
    expect(buttonsOf(next.first).map((b) => b.text.text)).toEqual(['Share in channel']);
  });

  test('More on a message everyone sees gives the presser the next page, privately, as a new message', async () => {
    const { first } = await rig.command('latest');
    const next = await rig.press(buttonOf(first, 'more'), { ephemeral: false });
    expect(next.first.replace_original).toBe(false);
    expect(next.first.response_type).toBe('ephemeral');
    expect(itemNumbers(next.first)).toEqual([6, 7, 8, 9, 10]);
  });

  test('Share in channel posts the same result for everyone, without Share, and removes the private copy', async () => {
    const { first } = await rig.command('country costa rica');
    const shared = await rig.press(buttonOf(first, 'share'), { ephemeral: true });
    expect(shared.first.response_type).toBe('in_channel');
    expect(shared.first.replace_original).toBe(false);
    expect(shared.first.blocks[0].text.text).toBe('News about Costa Rica');
    expect(itemNumbers(shared.first)).toEqual(itemNumbers(first));
    expect(buttonsOf(shared.first).map((b) => b.action_id)).not.toContain('news:share:2');
    expect(buttonsOf(shared.first).some((b) => String(b.action_id).startsWith('news:share:'))).toBe(false);
    const [, removal] = await rig.responses(shared.responseId, 2);
    expect(removal).toEqual({ delete_original: true });
  });

  test('Share of a later page shares that page', async () => {
    const { first } = await rig.command('latest');
    const page2 = await rig.press(buttonOf(first, 'more'));
    const shared = await rig.press(buttonOf(page2.first, 'share'));
    expect(shared.first.response_type).toBe('in_channel');
    expect(itemNumbers(shared.first)).toEqual([6, 7, 8, 9, 10]);
  });

  test('"Subscribe this channel" under a country result subscribes the channel, in the channel', async () => {
    const { first } = await rig.command('country costa rica', { channel: 'C0BTNSUB' });
    const r = await rig.press(buttonOf(first, 'subscribe'), { channel: 'C0BTNSUB' });
    expect(r.first.response_type).toBe('in_channel');
    expect(r.first.replace_original).toBe(false);
    expect(plain(r.first)).toContain('This channel is now subscribed to Costa Rica.');
    expect((await rig.core.store.chat(key('C0BTNSUB')))?.places.map((p) => p.code)).toEqual(['CR']);
  });

  test('Unsubscribe under /news subscriptions removes that country, in the channel', async () => {
    await rig.command('subscribe Honduras, Panama', { channel: 'C0BTNUN' });
    const { first } = await rig.command('subscriptions', { channel: 'C0BTNUN' });
    const hn = buttonsOf(first).find((b) => b.text.text === 'Unsubscribe: Honduras')!;
    const r = await rig.press(hn, { channel: 'C0BTNUN' });
    expect(r.first.response_type).toBe('in_channel');
    expect(plain(r.first)).toContain('no longer subscribed to Honduras');
    expect((await rig.core.store.chat(key('C0BTNUN')))?.places.map((p) => p.code)).toEqual(['PA']);
  });

  test('a press of a button that is not ours, or with a mangled value, is acknowledged and ignored', async () => {
    const id = 'foreign-press';
    const foreign = await rig.post(
      pressForm({ action_id: 'someone_else', value: '{"c":"subscribe HN"}' }, rig.fake.responseUrl(id), {
        channel: 'C0FOREIGN',
      }),
    );
    const mangled = await rig.post(
      pressForm({ action_id: 'news:subscribe:0', value: 'not json' }, rig.fake.responseUrl(id), {
        channel: 'C0FOREIGN',
      }),
    );
    expect(foreign.status).toBe(200);
    expect(mangled.status).toBe(200);
    await rig.command('latest 1');
    expect(rig.fake.responsesTo(id)).toHaveLength(0);
    expect(await rig.core.store.chat(key('C0FOREIGN'))).toBeUndefined();
  });

  test('an unsigned button press gets 401 and changes nothing', async () => {
    const body = pressForm(
      { action_id: 'news:subscribe:0', value: '{"c":"subscribe HN"}' },
      rig.fake.responseUrl('unsigned-press'),
      { channel: CHANNEL },
    );
    const r = await rig.post(body, { 'content-type': 'application/x-www-form-urlencoded' });
    expect(r.status).toBe(401);
    expect(await rig.core.store.chat(key(CHANNEL))).toBeUndefined();
  });
});

describe('Slack: the subscribe keyboard', () => {
  let rig: Rig;
  beforeAll(async () => {
    const places = ['Belize', 'Jamaica', 'Haiti', 'Cuba', 'Peru', 'Chile', 'Canada', 'Ecuador'];
    rig = await startRig({
      core: await makeCore({
        jsonl: jsonl(
          places.map((p, i) => ({
            title: `Labour migration news from ${p}`,
            summary: `Workers in ${p}.`,
            date: `2026-10-${10 + i}`,
          })),
        ),
      }),
    });
  });
  afterAll(async () => {
    await rig.close();
  });

  const key = (channel: string) => chatKey({ platform: 'slack', chatId: channel, teamId: TEAM });

  test('/news subscribe alone offers country buttons; More pages them in place; pressing one subscribes', async () => {
    const { first } = await rig.command('subscribe', { channel: 'C0KEYS' });
    expect(first.response_type).toBe('ephemeral');
    const countries = buttonsOf(first).filter((b) => String(b.action_id).startsWith('news:subscribe:'));
    expect(countries.length).toBeGreaterThan(1);
    expect(countries[0].text.text).toMatch(/^\S.* \(\d+\)$/);
    expect(countries).toHaveLength(8);
    const page2 = await rig.press(buttonOf(first, 'more'), { channel: 'C0KEYS' });
    expect(page2.first.replace_original).toBe(true);
    const names = (m: Record<string, any>) =>
      buttonsOf(m)
        .filter((b) => String(b.action_id).startsWith('news:subscribe:'))
        .map((b) => b.text.text);
    expect(names(page2.first).length).toBeGreaterThan(0);
    expect(names(page2.first).some((n) => names(first).includes(n))).toBe(false);
    const code = JSON.parse(countries[0].value).c.split(' ')[1];
    const r = await rig.press(countries[0], { channel: 'C0KEYS' });
    expect(r.first.response_type).toBe('in_channel');
    expect((await rig.core.store.chat(key('C0KEYS')))?.places.map((p) => p.code)).toEqual([code]);
  });
});
