/**
 * Daily schedules (weekday 0) and fixed-offset zones, through the pure due function with `now`
 * injected (the replay helper runs the scheduler's minute check across the window): each day's
 * digest comes out exactly once, at the local time, across daylight-saving changes.
 */
import { describe, expect, it } from 'vitest';
import { nextOccurrence } from '../../src/digest/due.js';
import type { Schedule } from '../../src/ports.js';
import { replay } from '../helpers/due-replay.js';

const dueAts = (s: Schedule, from: string, to: string) => replay(s, from, to).map((f) => f.dueAt);

describe('a daily schedule', () => {
  it('America/New_York, every day 08:00 across the spring change (8 March 2026): 13:00 UTC before, 12:00 UTC after, once a day', () => {
    const daily: Schedule = { weekday: 0, time: '08:00', timeZone: 'America/New_York' };
    expect(dueAts(daily, '2026-03-06T14:00:00.000Z', '2026-03-10T14:00:00.000Z')).toEqual([
      '2026-03-07T13:00:00.000Z',
      '2026-03-08T12:00:00.000Z',
      '2026-03-09T12:00:00.000Z',
      '2026-03-10T12:00:00.000Z',
    ]);
  });

  it('America/New_York, every day 02:30: the night the clocks skip it, it goes out at 03:30 EDT; the other nights at 02:30', () => {
    const daily: Schedule = { weekday: 0, time: '02:30', timeZone: 'America/New_York' };
    expect(dueAts(daily, '2026-03-06T12:00:00.000Z', '2026-03-09T12:00:00.000Z')).toEqual([
      '2026-03-07T07:30:00.000Z', // 02:30 EST
      '2026-03-08T07:30:00.000Z', // 03:30 EDT: 02:30 does not exist that night
      '2026-03-09T06:30:00.000Z', // 02:30 EDT
    ]);
  });

  it('America/New_York, every day 01:30 across the autumn change (1 November 2026): once that night, at the first 01:30', () => {
    const daily: Schedule = { weekday: 0, time: '01:30', timeZone: 'America/New_York' };
    expect(dueAts(daily, '2026-10-30T12:00:00.000Z', '2026-11-02T12:00:00.000Z')).toEqual([
      '2026-10-31T05:30:00.000Z',
      '2026-11-01T05:30:00.000Z', // 01:30 EDT; the repeat at 01:30 EST (06:30 UTC) sends nothing
      '2026-11-02T06:30:00.000Z',
    ]);
  });

  it('America/Costa_Rica (no daylight saving), every day 09:00: 15:00 UTC each day; the next one is tomorrow once today’s has gone', () => {
    const daily: Schedule = { weekday: 0, time: '09:00', timeZone: 'America/Costa_Rica' };
    expect(dueAts(daily, '2026-11-28T00:00:00.000Z', '2026-12-01T00:00:00.000Z')).toEqual([
      '2026-11-28T15:00:00.000Z',
      '2026-11-29T15:00:00.000Z',
      '2026-11-30T15:00:00.000Z',
    ]);
    expect(nextOccurrence(daily, new Date('2026-11-28T15:00:00Z')).toISOString()).toBe(
      '2026-11-29T15:00:00.000Z',
    );
    expect(nextOccurrence(daily, new Date('2026-11-28T14:59:00Z')).toISOString()).toBe(
      '2026-11-28T15:00:00.000Z',
    );
  });
});

describe('fixed offsets', () => {
  it('UTC-6 (Etc/GMT+6) keeps 14:00 UTC for 08:00 across the spring change, as a fixed offset does', () => {
    const fixed: Schedule = { weekday: 0, time: '08:00', timeZone: 'Etc/GMT+6' };
    expect(dueAts(fixed, '2026-03-07T00:00:00.000Z', '2026-03-10T00:00:00.000Z')).toEqual([
      '2026-03-07T14:00:00.000Z',
      '2026-03-08T14:00:00.000Z',
      '2026-03-09T14:00:00.000Z',
    ]);
  });

  it('UTC-3:30 ("-03:30"), a weekly Monday 09:00: 12:30 UTC, once, and the next a week on', () => {
    const fixed: Schedule = { weekday: 1, time: '09:00', timeZone: '-03:30' };
    expect(dueAts(fixed, '2026-11-29T12:00:00.000Z', '2026-12-01T00:00:00.000Z')).toEqual([
      '2026-11-30T12:30:00.000Z',
    ]);
    expect(nextOccurrence(fixed, new Date('2026-11-30T12:30:00Z')).toISOString()).toBe(
      '2026-12-07T12:30:00.000Z',
    );
  });
});
