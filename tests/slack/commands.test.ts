import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chatKey } from '../../src/ports.js';
import {
  blockTexts,
  buttonOf,
  buttonsOf,
  CHANNEL,
  plain,
  startRig,
  TEAM,
  type Rig,
} from '../helpers/slack-rig.js';

/** Every command of the grammar as `/news <command>`, through the running Bolt app. */
describe('Slack: the /news slash command', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig();
  });
  afterAll(async () => {
    await rig.close();
  });

  const key = (channel = CHANNEL) => chatKey({ platform: 'slack', chatId: channel, teamId: TEAM });

  test('/news alone shows help, privately, with how to type commands in Slack', async () => {
    const { status, first } = await rig.command('');
    expect(status).toBe(200);
    expect(first.response_type).toBe('ephemeral');
    expect(first.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Migration news: commands' } });
    expect(plain(first)).toContain('latest [n]');
    expect(blockTexts(first).join('\n')).toContain('type each command after /news');
  });

  test('help and help <command>', async () => {
    const all = await rig.command('help');
    expect(all.first.response_type).toBe('ephemeral');
    expect(plain(all.first)).toContain('subscribe <country>');
    const one = await rig.command('help country');
    expect(plain(one.first)).toContain('Usage: country <name or code>');
  });

  test('latest: the newest items, ephemeral, one section and a context line per item, More and Share buttons', async () => {
    const { first } = await rig.command('latest');
    expect(first.response_type).toBe('ephemeral');
    expect(first.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Latest news' } });
    const sections = first.blocks.filter((b: any) => b.type === 'section' && b.text.type === 'mrkdwn');
    expect(sections).toHaveLength(5);
    // the sample's items have no URL of their own: they link to their publisher's news page
    expect(sections[0].text.text).toMatch(
      /^1\. \*<https:\/\/programamesocaribe\.iom\.int\/en\/news\|Ministry of Labour/,
    );
    const contexts = first.blocks.filter(
      (b: any) =>
        b.type === 'context' && b.elements[0].type === 'plain_text' && /\d{4} · /.test(b.elements[0].text),
    );
    expect(contexts[0].elements[0].text).toBe(
      'Feb 16, 2021 · Honduras · IOM Mesoamerica–Caribbean labour migration programme',
    );
    expect(buttonsOf(first).map((b) => b.text.text)).toEqual(['More', 'Share in channel']);
    expect(plain(first)).toContain(
      '1. Ministry of Labour and Social Security and IOM promote ethical recruitment principles in Honduras',
    );
  });

  test('latest 3 and a bad count', async () => {
    const three = await rig.command('latest 3');
    expect(
      three.first.blocks.filter((b: any) => b.type === 'section' && b.text.type === 'mrkdwn'),
    ).toHaveLength(3);
    const bad = await rig.command('latest ten');
    expect(bad.first.response_type).toBe('ephemeral');
    expect(plain(bad.first)).toContain('"ten" is not a number from 1 to 20.');
    // more than the most shows the most, and says so
    expect(plain((await rig.command('latest 99')).first)).toContain('20 is the most I show at once');
  });

  test('country: results with a "Subscribe this channel" button in a channel', async () => {
    const { first } = await rig.command('country costa rica');
    expect(first.response_type).toBe('ephemeral');
    expect(first.blocks[0].text.text).toBe('News about Costa Rica');
    const sub = buttonOf(first, 'subscribe');
    expect(sub.text.text).toBe('Subscribe this channel: Costa Rica');
    expect(JSON.parse(sub.value)).toEqual({ c: 'subscribe CR' });
  });

  test('country in a direct message: the button says subscribe, not "this channel"', async () => {
    const { first } = await rig.command('country costa rica', {
      channel: 'D0DIRECT',
      channelName: 'directmessage',
    });
    expect(buttonOf(first, 'subscribe').text.text).toBe('Subscribe: Costa Rica');
  });

  test('country with an unknown name suggests the closest', async () => {
    const { first } = await rig.command('country hondurass');
    expect(first.response_type).toBe('ephemeral');
    expect(plain(first)).toContain('Honduras');
  });

  test('search', async () => {
    const { first } = await rig.command('search ethical recruitment');
    expect(first.blocks[0].text.text).toBe('Search: "ethical recruitment"');
    expect(plain(first)).toContain('Ethical Recruitment');
  });

  test('subscribe: in the channel for everyone, stored for this Slack team and channel', async () => {
    const { first } = await rig.command('subscribe Honduras, Guatemala', { channel: 'C0SUBS' });
    expect(first.response_type).toBe('in_channel');
    expect(plain(first)).toContain('This channel is now subscribed to Honduras and Guatemala.');
    const chat = await rig.core.store.chat(key('C0SUBS'));
    expect(chat?.address).toEqual({ platform: 'slack', chatId: 'C0SUBS', teamId: TEAM });
    expect(chat?.places.map((p) => p.code)).toEqual(['HN', 'GT']);
  });

  test('subscriptions: private, with an Unsubscribe button per country', async () => {
    await rig.command('subscribe Honduras', { channel: 'C0LIST' });
    const { first } = await rig.command('subscriptions', { channel: 'C0LIST' });
    expect(first.response_type).toBe('ephemeral');
    expect(plain(first)).toContain('Weekly digest about: Honduras.');
    expect(buttonOf(first, 'unsubscribe').text.text).toBe('Unsubscribe: Honduras');
  });

  test('schedule', async () => {
    const { first } = await rig.command('schedule friday 08:30 America/Tegucigalpa', { channel: 'C0SCHED' });
    expect(first.response_type).toBe('in_channel');
    expect(plain(first)).toContain('every Friday at 08:30 (America/Tegucigalpa)');
    expect((await rig.core.store.chat(key('C0SCHED')))?.schedule).toEqual({
      weekday: 5,
      time: '08:30',
      timeZone: 'America/Tegucigalpa',
    });
  });

  test('digest: a private preview', async () => {
    await rig.command('subscribe Costa Rica', { channel: 'C0DIGEST' });
    const { first } = await rig.command('digest', { channel: 'C0DIGEST' });
    expect(first.response_type).toBe('ephemeral');
    expect(plain(first)).toMatch(/Costa Rica/);
  });

  test('sources', async () => {
    const { first } = await rig.command('sources');
    expect(first.response_type).toBe('ephemeral');
    expect(first.blocks[0].text.text).toBe('News sources');
    expect(plain(first)).toContain('data/sample-items.txt');
  });

  test('unsubscribe one, then all', async () => {
    await rig.command('subscribe Honduras, Panama', { channel: 'C0UNSUB' });
    const one = await rig.command('unsubscribe Panama', { channel: 'C0UNSUB' });
    expect(one.first.response_type).toBe('in_channel');
    expect(plain(one.first)).toContain('no longer subscribed to Panama');
    const all = await rig.command('unsubscribe all', { channel: 'C0UNSUB' });
    expect(plain(all.first)).toContain('no longer subscribed to anything');
    expect((await rig.core.store.chat(key('C0UNSUB')))?.places).toEqual([]);
  });

  test('an unknown command word: what was meant, and how to type commands in Slack', async () => {
    const { first } = await rig.command('lates');
    expect(first.response_type).toBe('ephemeral');
    expect(plain(first)).toContain('I don\'t know the command "lates".');
    expect(plain(first)).toContain('Did you mean "latest"?');
    expect(blockTexts(first).join('\n')).toContain('/news help');
  });

  test('Spanish command words answer in Spanish: /news pais méxico', async () => {
    const { first } = await rig.command('pais méxico', { channel: 'C0ES1' });
    expect(first.blocks[0].text.text).toBe('Noticias sobre México');
    expect(buttonOf(first, 'subscribe').text.text).toBe('Suscribir este canal: México');
    expect(buttonOf(first, 'share').text.text).toBe('Compartir en el canal');
  });

  test('/news idioma es: the channel is answered in Spanish from then on, even to English words', async () => {
    const set = await rig.command('idioma es', { channel: 'C0ES2' });
    expect(set.first.response_type).toBe('in_channel');
    expect(plain(set.first)).toBe(
      '<@U0ASKER> usó /news idioma es\n\nLas respuestas de este canal ahora son en español.',
    );
    const after = await rig.command('latest', { channel: 'C0ES2' });
    expect(after.first.blocks[0].text.text).toBe('Últimas noticias');
    expect(buttonsOf(after.first).map((b) => b.text.text)).toEqual(['Más', 'Compartir en el canal']);
    const help = await rig.command('', { channel: 'C0ES2' });
    expect(blockTexts(help.first).join('\n')).toContain('escriba cada comando después de /news');
  });

  test('a slash command other than the configured one is acknowledged and pointed at /news, and runs nothing', async () => {
    const { status, first } = await rig.command('subscribe Honduras', {
      command: '/other',
      channel: 'C0OTHER',
    });
    expect(status).toBe(200);
    expect(first).toEqual({ response_type: 'ephemeral', text: 'This app answers /news: try /news help.' });
    expect(await rig.core.store.chat(key('C0OTHER'))).toBeUndefined();
  });
});
