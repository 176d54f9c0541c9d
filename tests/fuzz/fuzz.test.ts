/**
 * The fuzz test: a few thousand generated command lines (tests/fuzz/generate.ts: random
 * Unicode, 100,000-character lines, control characters, every command word in English and
 * Spanish with random arguments, mention syntax, absurd dates and numbers) through the console,
 * and a few hundred through Telegram and Slack against their fakes. Nothing may fail, every
 * line gets an answer, and every answer keeps its platform's limits. Seeded: a failure here is
 * found again with `npm run fuzz -- <seed> <count>`.
 */
import { describe, expect, it } from 'vitest';
import { fuzzConsole, fuzzSlack, fuzzTelegram } from './drive.js';

const SEED = 20261207;

describe('fuzzed commands', () => {
  it('through the console: 3,000 lines, each answered within 32,000 characters, no failure', async () => {
    const r = await fuzzConsole(SEED, 3000);
    expect(r.failures).toEqual([]);
    expect(r.longest).toBeGreaterThan(0);
  }, 120_000);

  it('through Telegram: 200 updates, each answered in 1 to 3 messages of 4,096 characters at most', async () => {
    const r = await fuzzTelegram(SEED + 1, 200);
    expect(r.failures).toEqual([]);
    expect(r.mostParts).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it('through Slack: 100 signed slash commands, each answered in 5 response-URL posts at most, none refused', async () => {
    const r = await fuzzSlack(SEED + 2, 100);
    expect(r.failures).toEqual([]);
    expect(r.mostParts).toBeGreaterThanOrEqual(1);
  }, 120_000);
});
