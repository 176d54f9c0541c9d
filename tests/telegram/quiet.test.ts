/** A quiet chat's digest reaches the fake Bot API with disable_notification: true; another's without it. */
import { afterEach, describe, expect, it } from 'vitest';
import { sendDueDigests } from '../../src/digest/deliver.js';
import { DEFAULT_SCHEDULE, jsonl } from '../helpers/core.js';
import { message, privateChat, setup, users, type TgSetup } from './setup.js';
import { silentLog } from '../helpers/logs.js';

let s: TgSetup | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

describe('quiet digests on Telegram', () => {
  it('sends a quiet chat its digest with disable_notification: true, and a chat that rings without it', async () => {
    s = await setup();
    const quietOne = privateChat(users.ana);
    const ringing = privateChat(users.bob);
    await s.feed(message(quietOne, users.ana, '/suscribir Honduras'));
    await s.feed(message(quietOne, users.ana, '/silencio si'));
    expect(s.last(quietOne.id).text).toBe(
      'Los resúmenes de este chat ahora llegan en silencio, sin sonido de notificación.',
    );
    await s.feed(message(ringing, users.bob, '/subscribe Honduras'));
    await s.core.news.ingestBody(
      jsonl([{ title: 'New labour agreement in Honduras', date: '2026-11-28' }]),
      't.jsonl',
      new Date('2026-11-28T06:00:00Z'),
      { format: 'jsonl' },
    );
    const report = await sendDueDigests(
      {
        store: s.core.store,
        notifiers: new Map([['telegram' as const, s.adapter.notifier]]),
        defaultSchedule: DEFAULT_SCHEDULE,
        log: silentLog(),
      },
      new Date('2026-11-30T15:01:00Z'),
    );
    expect(report).toMatchObject({ sent: 2 });
    const quietDigest = s.last(quietOne.id);
    expect(quietDigest.text).toMatch(/New labour agreement in Honduras/);
    expect(quietDigest.params.disable_notification).toBe(true);
    const loud = s.last(ringing.id);
    expect(loud.text).toMatch(/New labour agreement in Honduras/);
    expect(loud.params.disable_notification).toBeUndefined();
  });
});
