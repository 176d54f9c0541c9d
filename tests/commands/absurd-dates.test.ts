import { describe, expect, it } from 'vitest';
import { replyToText } from '../../src/reply.js';
import type { CommandContext } from '../../src/commands/context.js';
import { makeCore, NOW } from '../helpers/core.js';

const ctx: CommandContext = { address: { platform: 'console', chatId: 'c1' }, canManage: true, now: NOW };

// Counts far past the calendar, in every unit and both languages: each is a bad date, answered
// with the date usage, never a crash (these once threw "RangeError: Invalid time value").
const COUNTS = ['3000000', '99999999', '999999999', '99999999999', '9'.repeat(40), '9'.repeat(400)];
const EN_UNITS = ['days', 'weeks', 'months', 'years'];
const ES_UNITS = ['dias', 'semanas', 'meses', 'años'];

describe('absurd dates', () => {
  it('since <absurd count> <unit> gets the date usage in English', async () => {
    const { commands } = await makeCore();
    for (const n of COUNTS)
      for (const unit of EN_UNITS) {
        const text = `country honduras since ${n} ${unit}`;
        const r = await commands.run(text, ctx);
        expect(r.kind, text).toBe('error');
        expect(replyToText(r), text).toMatch(/^I can't read "[^"]+" as a date[\s\S]*Usage: country/);
      }
  });

  it('desde hace <absurd count> <unit> gets the date usage in Spanish', async () => {
    const { commands } = await makeCore();
    for (const n of COUNTS)
      for (const unit of ES_UNITS) {
        const text = `pais mexico desde hace ${n} ${unit}`;
        const r = await commands.run(text, ctx);
        expect(r.kind, text).toBe('error');
        expect(replyToText(r), text).toMatch(/^No entiendo «[^»]+» como fecha[\s\S]*Uso: pais/);
      }
  });

  it('a year the calendar does not reach is a bad date too; a long but real span still works', async () => {
    const { commands } = await makeCore();
    for (const text of [
      'country mexico since 0000',
      'country mexico since 0000-01',
      'pais mexico desde 0000',
    ])
      expect((await commands.run(text, ctx)).kind, text).toBe('error');
    // NOW is 2026-11-28: 2000 years back is the year 26, still a day on the calendar
    expect((await commands.run('country mexico since 2000 years', ctx)).heading).toBe(
      'News about Mexico since 28 November 26',
    );
  });
});
