/**
 * A digest's Block Kit buttons through the running Bolt app and the fake Web API: Pause and
 * Resume, Change day/time, Unsubscribe (asked first) run the commands' own path, and still do
 * after a restart (another app over the same store).
 */
import { afterEach, describe, expect, test } from 'vitest';
import { makeCore } from '../helpers/core.js';
import { addTypical, sendDigests, SUBSCRIBED_AT } from '../helpers/digest-items.js';
import { blockTexts, buttonsOf, CHANNEL, startRig, TEAM, type Rig } from '../helpers/slack-rig.js';

let rig: Rig | undefined;
let other: Rig | undefined;
afterEach(async () => {
  await other?.close();
  await rig?.close();
  rig = other = undefined;
});

const address = { platform: 'slack' as const, chatId: CHANNEL, teamId: TEAM };
const key = `slack:${TEAM}:${CHANNEL}`;
const button = (m: Record<string, any>, label: string) => {
  const b = buttonsOf(m).find((x) => x.text.text === label);
  if (!b) throw new Error(`no button "${label}": ${JSON.stringify(buttonsOf(m).map((x) => x.text.text))}`);
  return b;
};
const text = (m: Record<string, any>) => blockTexts(m).join('\n');

async function digest() {
  rig = await startRig({ core: await makeCore({ sample: false }) });
  await rig.core.commands.run('subscribe Honduras', {
    address,
    canManage: true,
    shared: true,
    now: SUBSCRIBED_AT,
  });
  await addTypical(rig.core, 3);
  await sendDigests(rig.core, 'slack', rig.adapter.notifier);
  const [post] = rig.fake.posts(CHANNEL);
  return { r: rig, m: post.body };
}

describe("a digest's buttons in Slack", () => {
  test('Pause, Change day/time and Unsubscribe sit under the digest; Pause then Resume', async () => {
    const { r, m } = await digest();
    expect(buttonsOf(m).map((b) => b.text.text)).toEqual(['Pause', 'Change day/time', 'Unsubscribe']);
    const paused = await r.press(button(m, 'Pause'), { ephemeral: false });
    expect(await r.core.store.chat(key)).toMatchObject({ state: 'paused', pausedReason: 'by_user' });
    expect(text(paused.first)).toMatch(/are paused\./);
    const resumed = await r.press(button(paused.first, 'Resume'), { ephemeral: false });
    expect((await r.core.store.chat(key))?.state).toBe('active');
    expect(text(resumed.first)).toMatch(/are on again\./);
  });

  test('Change day/time offers the common times; one pressed sets it', async () => {
    const { r, m } = await digest();
    const choices = await r.press(button(m, 'Change day/time'), { ephemeral: false });
    expect(choices.first.response_type).toBe('ephemeral');
    expect(buttonsOf(choices.first).map((b) => b.text.text)).toEqual(['Friday 08:00', 'Daily 08:00']);
    await r.press(button(choices.first, 'Daily 08:00'));
    expect((await r.core.store.chat(key))?.schedule).toEqual({
      weekday: 0,
      time: '08:00',
      timeZone: 'America/Costa_Rica',
    });
  });

  test('Unsubscribe asks first; after a restart the same buttons work, and Yes unsubscribes', async () => {
    const { r, m } = await digest();
    const ask = await r.press(button(m, 'Unsubscribe'), { ephemeral: false });
    expect(ask.first.response_type).toBe('ephemeral');
    expect(text(ask.first)).toMatch(/from all its digests \(Honduras\)\?/);
    expect((await r.core.store.chat(key))?.places).toHaveLength(1);

    other = await startRig({ core: r.core });
    const again = await other.press(button(m, 'Unsubscribe'), { ephemeral: false });
    await other.press(button(again.first, 'Yes, unsubscribe from all'));
    expect((await r.core.store.chat(key))?.places).toEqual([]);
  });
});
