/**
 * The buttons under a digest, against the fake Bot API with the real telegraf: Pause/Resume,
 * Change day/time, Unsubscribe (asked first) run the typed commands' path, so only a group's
 * administrators can use them, and they work after a restart (a new adapter over the same store).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { sendDueDigests } from '../../src/digest/deliver.js';
import { DEFAULT_SCHEDULE, jsonl } from '../helpers/core.js';
import { callback, message, setup, supergroup, users, type TgSetup } from './setup.js';
import { silentLog } from '../helpers/logs.js';

const open: TgSetup[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

const key = `telegram:${supergroup.id}`;

/** The callback_data of a message's button, by its label. */
function buttonData(s: TgSetup, label: string, msg = s.last(supergroup.id)): string {
  const b = msg.replyMarkup?.inline_keyboard?.flat().find((x) => x.text === label) as
    { callback_data: string } | undefined;
  if (!b) throw new Error(`no button "${label}" in ${JSON.stringify(msg.replyMarkup)}`);
  return b.callback_data;
}

async function digestInGroup() {
  const s = await setup();
  open.push(s);
  s.fake.setMember(supergroup.id, users.bob.id, 'administrator');
  s.fake.setMember(supergroup.id, users.dan.id, 'member');
  await s.feed(message(supergroup, users.bob, '/subscribe Honduras'));
  await s.core.news.ingestBody(
    jsonl([{ title: 'Seasonal work permits for Honduras', date: '2026-11-28' }]),
    't.jsonl',
    new Date('2026-11-28T06:00:00Z'),
    { format: 'jsonl' },
  );
  const deps = {
    store: s.core.store,
    notifiers: new Map([['telegram' as const, s.adapter.notifier]]),
    defaultSchedule: DEFAULT_SCHEDULE,
    log: silentLog(),
  };
  expect(await sendDueDigests(deps, new Date('2026-11-30T15:01:00Z'))).toMatchObject({ sent: 1 });
  const digest = s.last(supergroup.id);
  expect(digest.text).toMatch(/Seasonal work permits for Honduras/);
  return { s, digest };
}

const press = (s: TgSetup, from: (typeof users)[keyof typeof users], data: string, on: number) =>
  s.feed(callback(supergroup, from, data, on));

describe("a digest's buttons on Telegram", () => {
  it('sit under the digest; a member is refused and nothing changes; an administrator pauses and resumes', async () => {
    const { s, digest } = await digestInGroup();
    expect(digest.replyMarkup?.inline_keyboard?.flat().map((b) => b.text)).toEqual([
      'Pause',
      'Change day/time',
      'Unsubscribe',
    ]);
    for (const label of ['Pause', 'Unsubscribe']) {
      await press(s, users.dan, buttonData(s, label, digest), digest.messageId);
      expect(s.fake.callsOf('answerCallbackQuery').at(-1)!.params.text, label).toMatch(
        /^Only this group's administrators/,
      );
    }
    expect(await s.core.store.chat(key)).toMatchObject({ state: 'active', places: [{ code: 'HN' }] });

    await press(s, users.bob, buttonData(s, 'Pause', digest), digest.messageId);
    expect(await s.core.store.chat(key)).toMatchObject({ state: 'paused', pausedReason: 'by_user' });
    const paused = s.last(supergroup.id);
    expect(paused.text).toMatch(/^Digests to this group are paused\./);
    await press(s, users.bob, buttonData(s, 'Resume', paused), paused.messageId);
    expect((await s.core.store.chat(key))?.state).toBe('active');
    expect(s.last(supergroup.id).text).toMatch(/^Digests to this group are on again\./);
  });

  it('Change day/time offers the common times in the chat’s zone; only an administrator’s choice changes it', async () => {
    const { s, digest } = await digestInGroup();
    // seeing the choices changes nothing: anyone may
    await press(s, users.dan, buttonData(s, 'Change day/time', digest), digest.messageId);
    const choices = s.last(supergroup.id);
    expect(choices.text).toMatch(/^Every Monday at 09:00 \(America\/Costa_Rica\)\./);
    expect(choices.text).toMatch(/Or pick one of these, in this group's zone \(America\/Costa_Rica\):/);
    expect(choices.replyMarkup?.inline_keyboard?.flat().map((b) => b.text)).toEqual([
      'Friday 08:00',
      'Daily 08:00',
    ]);
    await press(s, users.dan, buttonData(s, 'Friday 08:00', choices), choices.messageId);
    expect((await s.core.store.chat(key))?.schedule).toBeUndefined();
    await press(s, users.bob, buttonData(s, 'Friday 08:00', choices), choices.messageId);
    expect((await s.core.store.chat(key))?.schedule).toEqual({
      weekday: 5,
      time: '08:00',
      timeZone: 'America/Costa_Rica',
    });
    expect(s.last(supergroup.id).text).toMatch(/^Digests for this group now go out every Friday at 08:00/);
  });

  it('Unsubscribe asks first, and No keeps everything; after a restart the same buttons still work', async () => {
    const { s, digest } = await digestInGroup();
    await press(s, users.bob, buttonData(s, 'Unsubscribe', digest), digest.messageId);
    const ask = s.last(supergroup.id);
    expect(ask.text).toMatch(/^Unsubscribe this group from all its digests \(Honduras\)\?/);
    await press(s, users.bob, buttonData(s, 'No, keep them', ask), ask.messageId);
    expect((await s.core.store.chat(key))?.places.map((p) => p.code)).toEqual(['HN']);
    expect(s.last(supergroup.id).text).toMatch(/Weekly digest about: Honduras/);

    // a new process: a new adapter over the same store, the old messages' buttons pressed
    const again = await setup({ core: s.core });
    open.push(again);
    again.fake.setMember(supergroup.id, users.bob.id, 'administrator');
    await press(again, users.bob, buttonData(s, 'Unsubscribe', digest), digest.messageId);
    const ask2 = again.last(supergroup.id);
    expect(ask2.text).toMatch(/^Unsubscribe this group from all its digests/);
    await press(again, users.bob, buttonData(again, 'Yes, unsubscribe from all', ask2), ask2.messageId);
    expect((await s.core.store.chat(key))?.places).toEqual([]);
    expect(again.last(supergroup.id).text).toMatch(/no longer subscribed to anything/);
  });
});
