import { describe, expect, it } from 'vitest';
import { createPacer, type Clock } from '../../adapters/telegram/pacing.js';

/** A clock whose sleeps pass at once, moving time forward: for calls made one after another. */
function virtualClock(): Clock & { t: number } {
  const c = {
    t: 0,
    now: () => c.t,
    sleep: async (ms: number) => {
      c.t += ms;
    },
  };
  return c;
}

describe('pacing', () => {
  it('sends at most one message a second to a chat', async () => {
    const clock = virtualClock();
    const pacer = createPacer({}, clock);
    const at: number[] = [];
    for (let i = 0; i < 4; i++) {
      await pacer.turn('42');
      at.push(clock.t);
      pacer.sent('42');
    }
    for (let i = 1; i < at.length; i++) expect(at[i] - at[i - 1]).toBeGreaterThanOrEqual(1000);
  });

  it('sends at most 20 a minute to a group, supergroup or channel', async () => {
    const clock = virtualClock();
    const pacer = createPacer({}, clock);
    const at: number[] = [];
    for (let i = 0; i < 45; i++) {
      await pacer.turn('-100123');
      at.push(clock.t);
      pacer.sent('-100123');
    }
    for (let i = 20; i < at.length; i++) expect(at[i] - at[i - 20]).toBeGreaterThanOrEqual(60_000);
    // and no slower than it must
    expect(at[20] - at[0]).toBeLessThan(61_000);
  });

  it('spreads messages to many chats at under 30 a second overall, evenly', async () => {
    const clock = virtualClock();
    const pacer = createPacer({}, clock);
    const at: number[] = [];
    for (let i = 0; i < 120; i++) {
      await pacer.turn(String(1000 + i));
      at.push(clock.t);
      pacer.sent(String(1000 + i));
    }
    for (let i = 30; i < at.length; i++) expect(at[i] - at[i - 30]).toBeGreaterThanOrEqual(1000);
    const rate = (at.length - 1) / ((at.at(-1)! - at[0]) / 1000);
    expect(rate).toBeGreaterThan(28.5);
    expect(rate).toBeLessThanOrEqual(30);
  });

  it('counts from the end of the last request, so a digest right after a reply still waits its second', async () => {
    const clock = virtualClock();
    const pacer = createPacer({}, clock);
    pacer.sent('7');
    clock.t += 300;
    await pacer.turn('7');
    expect(clock.t).toBeGreaterThanOrEqual(1000);
  });

  it('lets a ready chat go while another waits for its own second (real clock)', async () => {
    const pacer = createPacer({ perChatIntervalMs: 300, overallPerSecond: 1000 });
    await pacer.turn('1');
    pacer.sent('1');
    const t0 = performance.now();
    const slow = pacer.turn('1').then(() => performance.now() - t0);
    const fast = pacer.turn('2').then(() => performance.now() - t0);
    const [a, b] = await Promise.all([slow, fast]);
    expect(a).toBeGreaterThanOrEqual(250);
    expect(b).toBeLessThan(a);
  });

  it('can be switched off (benchmarks against an unlimited fake)', async () => {
    const clock = virtualClock();
    const pacer = createPacer(false, clock);
    for (let i = 0; i < 100; i++) await pacer.turn('-5');
    expect(clock.t).toBe(0);
  });
});
