/**
 * Daylight-saving edges of the weekly schedule, through the pure due function (dueDigests in
 * src/digest/due.ts) with `now` injected: the scheduler's minute check is replayed minute by
 * minute across the change, each digest found due is recorded as delivered (as the delivery
 * ledger does), and each schedule must come out exactly once, at the instant written here.
 *
 * The repeated autumn hour: a wall-clock time that happens twice resolves (through @date-fns/tz's
 * TZDate) to the FIRST of the two in zones west of UTC (New York: 01:30 EDT) and to the SECOND in
 * zones at or east of UTC (Madrid: 02:30 CET; Sydney: 02:30 AEST). Either is the chat's local
 * time; the point is that the second pass of the hour never sends it again.
 */
import { describe, expect, it } from 'vitest';
import { lastOccurrence, nextOccurrence } from '../../src/digest/due.js';
import type { Schedule } from '../../src/ports.js';
import { replay } from '../helpers/due-replay.js';

/** The wall-clock time and UTC offset of an instant in a zone, e.g. "Sun 01:30 GMT-4". */
const local = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
    hourCycle: 'h23',
  })
    .format(new Date(iso))
    .replace(',', '');

describe('the repeated autumn hour fires once', () => {
  it('America/New_York, Sunday 01:30 on 1 November 2026 (02:00 EDT back to 01:00 EST): once, at the first 01:30 (EDT, 05:30 UTC)', () => {
    const ny: Schedule = { weekday: 7, time: '01:30', timeZone: 'America/New_York' };
    const fired = replay(ny, '2026-10-31T12:00:00.000Z', '2026-11-02T12:00:00.000Z');
    expect(fired).toEqual([{ now: '2026-11-01T05:30:00.000Z', dueAt: '2026-11-01T05:30:00.000Z' }]);
    expect(local(fired[0].dueAt, ny.timeZone)).toBe('Sun 01:30 GMT-4');
    // the second 01:30 (EST) is the same wall-clock time an hour later: nothing is due then
    expect(local('2026-11-01T06:30:00.000Z', ny.timeZone)).toBe('Sun 01:30 GMT-5');
    expect(lastOccurrence(ny, new Date('2026-11-01T06:30:00Z')).toISOString()).toBe(
      '2026-11-01T05:30:00.000Z',
    );
    // the week after, 01:30 EST
    expect(nextOccurrence(ny, new Date(fired[0].dueAt)).toISOString()).toBe('2026-11-08T06:30:00.000Z');
  });

  it('Europe/Madrid, Sunday 02:30 on 25 October 2026 (03:00 CEST back to 02:00 CET): once, at the second 02:30 (CET, 01:30 UTC)', () => {
    const madrid: Schedule = { weekday: 7, time: '02:30', timeZone: 'Europe/Madrid' };
    const fired = replay(madrid, '2026-10-24T12:00:00.000Z', '2026-10-26T12:00:00.000Z');
    expect(fired).toEqual([{ now: '2026-10-25T01:30:00.000Z', dueAt: '2026-10-25T01:30:00.000Z' }]);
    expect(local(fired[0].dueAt, madrid.timeZone)).toBe('Sun 02:30 CET');
    // the first 02:30 (CEST, 00:30 UTC) passes without it
    expect(local('2026-10-25T00:30:00.000Z', madrid.timeZone)).toBe('Sun 02:30 CEST');
    expect(nextOccurrence(madrid, new Date('2026-10-25T00:00:00Z')).toISOString()).toBe(
      '2026-10-25T01:30:00.000Z',
    );
    expect(nextOccurrence(madrid, new Date(fired[0].dueAt)).toISOString()).toBe('2026-11-01T01:30:00.000Z');
  });

  it('Australia/Sydney (east of UTC, southern autumn), Sunday 02:30 on 5 April 2026 (03:00 AEDT back to 02:00 AEST): once, at the second 02:30 (AEST, Saturday 16:30 UTC)', () => {
    const sydney: Schedule = { weekday: 7, time: '02:30', timeZone: 'Australia/Sydney' };
    const fired = replay(sydney, '2026-04-03T12:00:00.000Z', '2026-04-05T12:00:00.000Z');
    expect(fired).toEqual([{ now: '2026-04-04T16:30:00.000Z', dueAt: '2026-04-04T16:30:00.000Z' }]);
    expect(local(fired[0].dueAt, sydney.timeZone)).toBe('Sun 02:30 GMT+10');
    expect(local('2026-04-04T15:30:00.000Z', sydney.timeZone)).toBe('Sun 02:30 GMT+11');
  });
});

describe('east of UTC', () => {
  it('Europe/Madrid, the spring change (02:30 on 29 March 2026 does not exist): once, an hour later on the clock (03:30 CEST, 01:30 UTC)', () => {
    const madrid: Schedule = { weekday: 7, time: '02:30', timeZone: 'Europe/Madrid' };
    const fired = replay(madrid, '2026-03-28T12:00:00.000Z', '2026-03-30T12:00:00.000Z');
    expect(fired).toEqual([{ now: '2026-03-29T01:30:00.000Z', dueAt: '2026-03-29T01:30:00.000Z' }]);
    expect(local(fired[0].dueAt, madrid.timeZone)).toBe('Sun 03:30 CEST');
  });

  it('Europe/Madrid, an ordinary Monday 09:00: 08:00 UTC in winter, 07:00 UTC in summer, once each week', () => {
    const madrid: Schedule = { weekday: 1, time: '09:00', timeZone: 'Europe/Madrid' };
    expect(
      replay(madrid, '2026-11-28T00:00:00.000Z', '2026-12-08T00:00:00.000Z').map((f) => f.dueAt),
    ).toEqual(['2026-11-30T08:00:00.000Z', '2026-12-07T08:00:00.000Z']);
    expect(
      replay(madrid, '2026-06-27T00:00:00.000Z', '2026-07-01T00:00:00.000Z').map((f) => f.dueAt),
    ).toEqual(['2026-06-29T07:00:00.000Z']);
  });

  it('Asia/Kolkata (UTC+05:30, a half-hour offset): Monday 00:30 there is Sunday 19:00 UTC, once', () => {
    const kolkata: Schedule = { weekday: 1, time: '00:30', timeZone: 'Asia/Kolkata' };
    const fired = replay(kolkata, '2026-11-28T00:00:00.000Z', '2026-12-01T00:00:00.000Z');
    expect(fired).toEqual([{ now: '2026-11-29T19:00:00.000Z', dueAt: '2026-11-29T19:00:00.000Z' }]);
    expect(local(fired[0].dueAt, kolkata.timeZone)).toBe('Mon 00:30 GMT+5:30');
  });
});
