import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eventBody, signedHeaders, startRig, type Rig } from '../helpers/slack-rig.js';

const opened = (user: string, tab = 'home', channel = 'D0HOME') =>
  eventBody({ type: 'app_home_opened', user, channel, tab, event_ts: '1700000000.000100' });

/** The Home tab, published when someone opens it (a signed app_home_opened event). */
describe('Slack: the Home tab', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig();
    await rig.command('subscribe Honduras, Guatemala', { channel: 'C0MINE' });
    await rig.command('subscribe Panama', { channel: 'C0MINE2' });
    await rig.command('idioma es', { channel: 'C0MINE2' });
    await rig.command('subscribe Cuba', { channel: 'C0NOTMINE' });
    rig.fake.setMembership('U0READER', ['C0MINE', 'C0MINE2', 'C0QUIET']);
    rig.fake.setMembership('U0LECTORA', ['C0MINE2', 'C0QUIET']);
    await rig.command('idioma es', { channel: 'D0ESDM' });
  });
  afterAll(async () => {
    await rig.close();
  });

  const publishOn = async (user: string, dm?: string) => {
    const body = opened(user, 'home', dm);
    const r = await rig.post(body, signedHeaders(body, undefined, 'application/json'));
    expect(r.status).toBe(200);
    return (await rig.fake.waitFor(() => rig.fake.published(user).at(-1))).body.view;
  };

  test("shows the subscriptions of the person's channels, each in its language, and the latest items", async () => {
    const view = await publishOn('U0READER');
    expect(view.type).toBe('home');
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const texts: string[] = view.blocks
      .flatMap((b: any) => [b.text?.text, ...(b.elements ?? []).map((e: any) => e.text)])
      .filter(Boolean);
    expect(texts).toContain('<#C0MINE>');
    expect(texts).toContain('<#C0MINE2>');
    expect(texts).not.toContain('<#C0NOTMINE>');
    expect(texts.join('\n')).toContain('Weekly digest about: Honduras and Guatemala.');
    expect(texts.join('\n')).toContain('Panamá');
    const items = view.blocks.filter((b: any) => b.type === 'section' && /^\d+\. \*/.test(b.text.text));
    expect(items).toHaveLength(5);
  });

  test('in Spanish when most of the subscribed channels are; else in the language of the direct messages', async () => {
    const view = await publishOn('U0LECTORA');
    const json = JSON.stringify(view.blocks);
    expect(view.blocks[0].text.text).toBe('Noticias de migración');
    expect(json).toContain('*Suscripciones de sus canales*');
    expect(json).toContain('*Últimas noticias*');
    expect(json).toContain('Más con /news ultimas');
    // and the English reader's tab (one channel of each) stays English
    expect(JSON.stringify((await publishOn('U0READER')).blocks)).toContain('*Latest news*');
    const newcomer = await publishOn('U0NUEVO', 'D0ESDM');
    expect(JSON.stringify(newcomer.blocks)).toContain(
      'Ninguno de sus canales está suscrito todavía. En un canal, escriba /news suscribir Honduras',
    );
  });

  test('someone whose channels subscribe to nothing is told how to start', async () => {
    const view = await publishOn('U0NEWCOMER');
    expect(JSON.stringify(view.blocks)).toContain(
      'None of your channels is subscribed yet. In a channel, type /news subscribe Honduras',
    );
  });

  test('the Messages tab opening publishes nothing; a repeated delivery of the event publishes once', async () => {
    const messages = opened('U0MSGTAB', 'messages');
    await rig.post(messages, signedHeaders(messages, undefined, 'application/json'));
    const body = opened('U0TWICE');
    await rig.post(body, signedHeaders(body, undefined, 'application/json'));
    await rig.fake.waitFor(() => rig.fake.published('U0TWICE')[0]);
    const again = await rig.post(body, {
      ...signedHeaders(body, undefined, 'application/json'),
      'x-slack-retry-num': '1',
      'x-slack-retry-reason': 'http_timeout',
    });
    expect(again.status).toBe(200);
    await publishOn('U0AFTER');
    expect(rig.fake.published('U0TWICE')).toHaveLength(1);
    expect(rig.fake.published('U0MSGTAB')).toHaveLength(0);
  });
});
