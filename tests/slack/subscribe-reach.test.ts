import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chatKey } from '../../src/ports.js';
import { MANIFEST_SCOPES } from '../fakes/slack-api.js';
import { blockTexts, plain, startRig, TEAM, type Rig } from '../helpers/slack-rig.js';

const key = (channel: string) => chatKey({ platform: 'slack', chatId: channel, teamId: TEAM });
const notes = (m: Record<string, any>) => blockTexts(m).filter((t) => t.startsWith(':warning:'));

/** After a subscribe that worked, the bot checks it can post there and says what to do when it cannot. */
describe('Slack: subscribing a channel the bot cannot post in', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig();
  });
  afterAll(async () => {
    await rig.close();
  });

  test('a channel the bot is in: a plain confirmation, no warning', async () => {
    const { first } = await rig.command('subscribe Honduras', { channel: 'C0MEMBER' });
    expect(first.response_type).toBe('in_channel');
    expect(notes(first)).toEqual([]);
    expect(
      rig.fake.calls.some((c) => c.method === 'conversations.info' && c.body.channel === 'C0MEMBER'),
    ).toBe(true);
  });

  test('a private channel the bot cannot see (channel_not_found): saved, with how to /invite the bot, first', async () => {
    rig.fake.setChannel('G0HIDDEN', 'not_found');
    const { first } = await rig.command('subscribe Honduras', {
      channel: 'G0HIDDEN',
      channelName: 'privategroup',
    });
    expect(first.response_type).toBe('in_channel');
    expect(first.blocks[0].text.type).toBe('mrkdwn');
    expect(first.blocks[0].text.text).toContain(`/invite <@${rig.fake.botUserId}>`);
    expect(plain(first)).toContain('This channel is now subscribed to Honduras.');
    expect((await rig.core.store.chat(key('G0HIDDEN')))?.places.map((p) => p.code)).toEqual(['HN']);
  });

  test('a private channel the bot can see but is not a member of', async () => {
    rig.fake.setChannel('G0NOTIN', { is_private: true, is_member: false });
    const { first } = await rig.command('subscribe Guatemala', { channel: 'G0NOTIN' });
    expect(notes(first)).toEqual([expect.stringContaining(`I'm not a member of this channel yet`)]);
    expect(notes(first)[0]).toContain(`/invite <@${rig.fake.botUserId}>`);
  });

  test('a public channel the bot is not in: fine, chat:write.public lets it post', async () => {
    rig.fake.setChannel('C0PUBLIC', { is_private: false, is_member: false });
    const { first } = await rig.command('subscribe Panama', { channel: 'C0PUBLIC' });
    expect(notes(first)).toEqual([]);
  });

  test('an archived channel', async () => {
    rig.fake.setChannel('C0ARCHIVED', { is_archived: true });
    const { first } = await rig.command('subscribe Panama', { channel: 'C0ARCHIVED' });
    expect(notes(first)).toEqual([expect.stringContaining('archived')]);
  });

  test('a direct message between other people: no /invite there, subscribe a channel instead', async () => {
    rig.fake.setChannel('D0OTHERS', 'not_found');
    const { first } = await rig.command('subscribe Panama', {
      channel: 'D0OTHERS',
      channelName: 'directmessage',
    });
    expect(notes(first)).toEqual([expect.stringContaining("I can't post in this conversation")]);
  });

  test('in Spanish when the command was', async () => {
    rig.fake.setChannel('G0OCULTO', 'not_found');
    const { first } = await rig.command('suscribir honduras', { channel: 'G0OCULTO' });
    expect(notes(first)).toEqual([expect.stringContaining(`escriba /invite <@${rig.fake.botUserId}>`)]);
    expect(plain(first)).toContain('Este canal ahora está suscrito a Honduras.');
  });

  test('when Slack cannot say (conversations.info fails), the confirmation goes out without a warning', async () => {
    rig.fake.breakMethod('conversations.info');
    try {
      const { first } = await rig.command('subscribe Cuba, Haiti', { channel: 'C0UNKNOWN' });
      expect(notes(first)).toEqual([]);
      expect(plain(first)).toContain('This channel is now subscribed to');
    } finally {
      rig.fake.breakMethod('conversations.info', false);
    }
  });

  test('a subscribe that did not work (unknown country) checks nothing', async () => {
    const before = rig.fake.calls.filter((c) => c.method === 'conversations.info').length;
    const { first } = await rig.command('subscribe Narnia', { channel: 'C0NARNIA' });
    expect(first.response_type).toBe('ephemeral');
    expect(rig.fake.calls.filter((c) => c.method === 'conversations.info').length).toBe(before);
  });
});

describe('Slack: without chat:write.public', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig({ fake: { scopes: MANIFEST_SCOPES.filter((s) => s !== 'chat:write.public') } });
  });
  afterAll(async () => {
    await rig.close();
  });

  test('a public channel the bot is not in needs an /invite too', async () => {
    rig.fake.setChannel('C0PUBLIC', { is_private: false, is_member: false });
    const { first } = await rig.command('subscribe Panama', { channel: 'C0PUBLIC' });
    expect(notes(first)).toEqual([expect.stringContaining(`/invite <@${rig.fake.botUserId}>`)]);
  });
});

describe('Slack: when Slack is slow to say', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig({ reachCheckMs: 100 });
  });
  afterAll(async () => {
    await rig.close();
  });

  test('the confirmation does not wait past the deadline, and goes out without a warning', async () => {
    rig.fake.slowMethod('conversations.info', 5000);
    const t0 = performance.now();
    const { first } = await rig.command('subscribe Honduras', { channel: 'G0SLOW' });
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(notes(first)).toEqual([]);
    expect(plain(first)).toContain('This channel is now subscribed to Honduras.');
    rig.fake.slowMethod('conversations.info', 0);
  });
});
