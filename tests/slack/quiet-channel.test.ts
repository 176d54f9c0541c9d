import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { plain, startRig, USER, type Rig } from '../helpers/slack-rig.js';

/** A channel sees the changes made to it, with who made them; everything else stays with the person who asked. */
describe('Slack: a quiet channel', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig();
  });
  afterAll(async () => {
    await rig.close();
  });

  test('a change is posted in the channel and names who made it', async () => {
    const { first } = await rig.command('subscribe Honduras', { channel: 'C0QUIET1' });
    expect(first.response_type).toBe('in_channel');
    expect(plain(first)).toMatch(new RegExp(`^<@${USER}> used /news subscribe Honduras\\n`));
    expect(plain(first)).toContain('This channel is now subscribed to Honduras.');
    // in Spanish too, and for a setting
    const es = await rig.command('idioma es', { channel: 'C0QUIET1', user: 'U0ANA' });
    expect(es.first.response_type).toBe('in_channel');
    expect(plain(es.first)).toMatch(/^<@U0ANA> usó \/news idioma es\n/);
  });

  test('a command that changes nothing answers only the person who typed it, without naming them', async () => {
    const none = await rig.command('unsubscribe all', { channel: 'C0QUIET2' });
    expect(none.first.response_type).toBe('ephemeral');
    expect(plain(none.first)).toBe('This channel has no subscriptions.');

    await rig.command('subscribe Guatemala', { channel: 'C0QUIET2' });
    const missing = await rig.command('unsubscribe Panama', { channel: 'C0QUIET2' });
    expect(missing.first.response_type).toBe('ephemeral');
    expect(plain(missing.first)).toContain('This channel is not subscribed to Panama.');
    const again = await rig.command('subscribe Guatemala', { channel: 'C0QUIET2' });
    expect(again.first.response_type).toBe('ephemeral');
    expect(plain(again.first)).toContain('This channel was already subscribed to Guatemala.');
    expect(plain(again.first)).not.toContain('used /news');
    // a refusal or a mistake too
    const bad = await rig.command('subscribe Narnia', { channel: 'C0QUIET2' });
    expect(bad.first.response_type).toBe('ephemeral');
  });
});
