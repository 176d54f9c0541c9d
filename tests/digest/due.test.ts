import { describe, expect, it } from 'vitest';
import { dueDigests, lastOccurrence, nextOccurrence } from '../../src/digest/due.js';
import type { Chat, Delivery, Schedule } from '../../src/ports.js';

const monday9CR: Schedule = { weekday: 1, time: '09:00', timeZone: 'America/Costa_Rica' };
const at = (iso: string) => new Date(iso);

describe('occurrences of a weekly schedule', () => {
  it('in a zone without daylight saving', () => {
    // Costa Rica is UTC-6 all year: Monday 09:00 local is 15:00 UTC
    expect(nextOccurrence(monday9CR, at('2026-11-28T04:00:00Z')).toISOString()).toBe(
      '2026-11-30T15:00:00.000Z',
    );
    expect(lastOccurrence(monday9CR, at('2026-11-28T04:00:00Z')).toISOString()).toBe(
      '2026-11-23T15:00:00.000Z',
    );
    expect(lastOccurrence(monday9CR, at('2026-11-30T15:00:00Z')).toISOString()).toBe(
      '2026-11-30T15:00:00.000Z',
    );
    expect(nextOccurrence(monday9CR, at('2026-11-30T15:00:00Z')).toISOString()).toBe(
      '2026-12-07T15:00:00.000Z',
    );
  });

  it('keeps the local wall-clock time across daylight-saving changes', () => {
    const ny: Schedule = { weekday: 1, time: '09:00', timeZone: 'America/New_York' };
    // before and after the 2026-03-08 change: 14:00 UTC then 13:00 UTC
    expect(nextOccurrence(ny, at('2026-03-03T00:00:00Z')).toISOString()).toBe('2026-03-09T13:00:00.000Z');
    expect(nextOccurrence(ny, at('2026-02-24T00:00:00Z')).toISOString()).toBe('2026-03-02T14:00:00.000Z');
    // autumn: 2026-11-01 back to EST
    expect(nextOccurrence(ny, at('2026-10-27T00:00:00Z')).toISOString()).toBe('2026-11-02T14:00:00.000Z');
  });

  it('a time the spring change skips comes an hour later, once', () => {
    const sun230: Schedule = { weekday: 7, time: '02:30', timeZone: 'America/New_York' };
    expect(nextOccurrence(sun230, at('2026-03-07T12:00:00Z')).toISOString()).toBe('2026-03-08T07:30:00.000Z');
  });

  it('a weekday that differs between UTC and the zone', () => {
    const sunday23Tokyo: Schedule = { weekday: 7, time: '23:00', timeZone: 'Asia/Tokyo' };
    // Sunday 23:00 in Tokyo is Sunday 14:00 UTC
    expect(nextOccurrence(sunday23Tokyo, at('2026-11-28T04:00:00Z')).toISOString()).toBe(
      '2026-11-29T14:00:00.000Z',
    );
    const mondayEarlyHonolulu: Schedule = { weekday: 1, time: '01:00', timeZone: 'Pacific/Honolulu' };
    expect(nextOccurrence(mondayEarlyHonolulu, at('2026-11-28T04:00:00Z')).toISOString()).toBe(
      '2026-11-30T11:00:00.000Z',
    );
  });
});

const chat = (key: string, extra: Partial<Chat> = {}): Chat => ({
  key,
  address: { platform: 'telegram', chatId: key },
  places: [{ code: 'HN', sinceSeq: 0, addedAt: '2026-11-01T00:00:00.000Z' }],
  state: 'active',
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '',
  ...extra,
});
const delivery = (
  chatKey: string,
  dueAt: string,
  state: Delivery['state'],
  extra: Partial<Delivery> = {},
): Delivery => ({
  id: `${chatKey}@${dueAt}`,
  chatKey,
  dueAt,
  fromSeq: 0,
  toSeq: 1,
  itemIds: [],
  more: 0,
  sent: [],
  state,
  createdAt: dueAt,
  updatedAt: dueAt,
  ...extra,
});

describe('dueDigests', () => {
  const now = at('2026-11-30T15:05:00Z');
  const due = '2026-11-30T15:00:00.000Z';

  it('is due at the latest occurrence, once', () => {
    expect(dueDigests([chat('a')], [], now, monday9CR).map((d) => d.dueAt.toISOString())).toEqual([due]);
    expect(dueDigests([chat('a')], [delivery('a', due, 'sent')], now, monday9CR)).toEqual([]);
    expect(dueDigests([chat('a')], [delivery('a', due, 'empty')], now, monday9CR)).toEqual([]);
  });

  it('catches up once after downtime, not once per missed week', () => {
    const old = delivery('a', '2026-11-09T15:00:00.000Z', 'sent');
    const list = dueDigests([chat('a')], [old], now, monday9CR);
    expect(list.map((d) => d.dueAt.toISOString())).toEqual([due]);
  });

  it('resumes a pending delivery of the same occurrence', () => {
    const pending = delivery('a', due, 'pending', { sent: ['m1'] });
    expect(dueDigests([chat('a')], [pending], now, monday9CR)[0].resume).toEqual(pending);
  });

  it('retries a passing failure after a back-off', () => {
    const failed = delivery('a', due, 'failed', { attempts: 1, updatedAt: '2026-11-30T15:01:00.000Z' });
    expect(dueDigests([chat('a')], [failed], now, monday9CR)).toEqual([]);
    expect(dueDigests([chat('a')], [failed], at('2026-11-30T15:07:00Z'), monday9CR)).toHaveLength(1);
  });

  it('skips paused chats, chats without places, and occurrences before the subscription', () => {
    expect(dueDigests([chat('a', { state: 'paused', pausedReason: 'blocked' })], [], now, monday9CR)).toEqual(
      [],
    );
    expect(dueDigests([chat('a', { places: [] })], [], now, monday9CR)).toEqual([]);
    const fresh = chat('a', { places: [{ code: 'HN', sinceSeq: 0, addedAt: '2026-11-30T15:01:00.000Z' }] });
    expect(dueDigests([fresh], [], now, monday9CR)).toEqual([]);
  });

  it('uses the chat schedule over the default', () => {
    const friday = chat('a', { schedule: { weekday: 5, time: '08:00', timeZone: 'America/Tegucigalpa' } });
    expect(dueDigests([friday], [], now, monday9CR)[0].dueAt.toISOString()).toBe('2026-11-27T14:00:00.000Z');
  });
});
