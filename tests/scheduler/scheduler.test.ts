/**
 * createScheduler (src/digest/scheduler.ts) on node-schedule's real path, under vitest's fake
 * timers: node-schedule (through long-timeout) reads Date.now() and the global setTimeout when
 * it plans each invocation, so advancing the fake clock fires its jobs at their instants. No
 * test waits on the wall clock.
 */
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sendDueDigests } from '../../src/digest/deliver.js';
import { createScheduler, type Scheduler } from '../../src/digest/scheduler.js';
import type { ChatAddress, Notifier, Platform } from '../../src/ports.js';
import { replyToText, type Reply } from '../../src/reply.js';
import { DEFAULT_SCHEDULE, jsonl, makeCore } from '../helpers/core.js';
import { silentLog } from '../helpers/logs.js';

const MIN = 60_000;
/** Saturday 2026-11-28, 04:00:30 UTC: half a minute before a minute starts */
const START = new Date('2026-11-28T04:00:30.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

const unsettled: (() => void)[] = [];
/** A promise resolved from outside: a run that takes as long as the test says. */
function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  unsettled.push(resolve);
  return { promise, resolve };
}

/** A scheduled callback that records each call's `now` and how many of its kind overlap. */
function recorder(work: (now: Date, call: number) => Promise<unknown> = async () => {}) {
  const calls: string[] = [];
  let active = 0;
  let maxActive = 0;
  const fn = async (now: Date) => {
    const call = calls.push(now.toISOString()) - 1;
    active++;
    maxActive = Math.max(maxActive, active);
    try {
      return await work(now, call);
    } finally {
      active--;
    }
  };
  return {
    fn,
    calls,
    get active() {
      return active;
    },
    get maxActive() {
      return maxActive;
    },
  };
}

function logCapture() {
  const lines: { msg: string; kind?: string; err?: { message: string } }[] = [];
  const log = pino({ level: 'error' }, { write: (s: string) => void lines.push(JSON.parse(s)) });
  return { log, lines };
}

const silent = silentLog();
let scheduler: Scheduler | undefined;

beforeEach(() => {
  vi.useFakeTimers({ now: START });
});
afterEach(async () => {
  // a failed test may leave a slow run pending: end it, so stop() below cannot wait forever
  unsettled.splice(0).forEach((resolve) => resolve());
  // cancel every node-schedule job this test made before the real timers come back
  await scheduler?.stop();
  scheduler = undefined;
  vi.useRealTimers();
});

describe('createScheduler: when it runs', () => {
  it('checks digests once at start (catch-up, at the start instant), then at second 0 of every minute', async () => {
    const digests = recorder();
    const polls = recorder();
    scheduler = createScheduler({ sendDue: digests.fn, poll: polls.fn, pollMinutes: 60, log: silent });
    await scheduler.start();
    expect(digests.calls).toEqual([START.toISOString()]);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(digests.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(digests.calls).toEqual([START.toISOString(), '2026-11-28T04:01:00.000Z']);
    await vi.advanceTimersByTimeAsync(4 * MIN);
    expect(digests.calls.slice(1)).toEqual(
      ['04:01', '04:02', '04:03', '04:04', '04:05'].map((hm) => `2026-11-28T${hm}:00.000Z`),
    );
    expect(polls.calls).toEqual([]);
  });

  it('polls every SOURCE_POLL_MINUTES from the start, never at start (the service ingests before it starts)', async () => {
    const digests = recorder();
    const polls = recorder();
    scheduler = createScheduler({ sendDue: digests.fn, poll: polls.fn, pollMinutes: 15, log: silent });
    await scheduler.start();
    expect(polls.calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(15 * MIN - 1);
    expect(polls.calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(polls.calls).toEqual(['2026-11-28T04:15:30.000Z']);
    await vi.advanceTimersByTimeAsync(45 * MIN);
    expect(polls.calls).toEqual(
      ['04:15:30', '04:30:30', '04:45:30', '05:00:30'].map((t) => `2026-11-28T${t}.000Z`),
    );
    // the digest check went on every minute meanwhile: the start, then 60 minutes
    expect(digests.calls).toHaveLength(61);
  });

  it('taking the work over from another process, polls at once, then every SOURCE_POLL_MINUTES after', async () => {
    const polls = recorder();
    scheduler = createScheduler({
      sendDue: async () => {},
      poll: polls.fn,
      pollMinutes: 15,
      pollAtStart: true,
      log: silent,
    });
    await scheduler.start();
    expect(polls.calls).toEqual([START.toISOString()]);
    await vi.advanceTimersByTimeAsync(15 * MIN);
    expect(polls.calls).toEqual([START.toISOString(), iso(START.getTime() + 15 * MIN)]);
  });

  it('the default interval (60 minutes, from the config) drives the poll', async () => {
    const { loadConfig } = await import('../../src/config.js');
    const polls = recorder();
    scheduler = createScheduler({
      sendDue: async () => {},
      poll: polls.fn,
      pollMinutes: loadConfig({}).pollMinutes,
      log: silent,
    });
    await scheduler.start();
    await vi.advanceTimersByTimeAsync(2 * 60 * MIN);
    expect(polls.calls).toEqual([iso(START.getTime() + 60 * MIN), iso(START.getTime() + 120 * MIN)]);
  });
});

describe('createScheduler: no overlapping runs', () => {
  it('a slow poll is never started twice; the next one is planned SOURCE_POLL_MINUTES after it ends', async () => {
    const slow = deferred();
    const polls = recorder((_now, call) => (call === 0 ? slow.promise : Promise.resolve()));
    scheduler = createScheduler({ sendDue: async () => {}, poll: polls.fn, pollMinutes: 5, log: silent });
    await scheduler.start();
    await vi.advanceTimersByTimeAsync(5 * MIN);
    expect(polls.calls).toEqual(['2026-11-28T04:05:30.000Z']);
    // the first poll takes 17 minutes: three intervals pass without a second one starting
    await vi.advanceTimersByTimeAsync(17 * MIN);
    expect(polls.calls).toHaveLength(1);
    expect(polls.active).toBe(1);
    slow.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(polls.active).toBe(0);
    await vi.advanceTimersByTimeAsync(5 * MIN);
    expect(polls.calls).toEqual(['2026-11-28T04:05:30.000Z', '2026-11-28T04:27:30.000Z']);
    expect(polls.maxActive).toBe(1);
  });

  it('a digest run longer than a minute skips the ticks it covers, and the next tick after it runs', async () => {
    const slow = deferred();
    const digests = recorder((_now, call) => (call === 1 ? slow.promise : Promise.resolve()));
    scheduler = createScheduler({ sendDue: digests.fn, poll: async () => {}, pollMinutes: 60, log: silent });
    await scheduler.start();
    await vi.advanceTimersByTimeAsync(30_000); // 04:01:00, the slow one
    await vi.advanceTimersByTimeAsync(3 * MIN); // 04:02, 04:03, 04:04 find it busy
    expect(digests.calls).toEqual([START.toISOString(), '2026-11-28T04:01:00.000Z']);
    slow.resolve();
    await vi.advanceTimersByTimeAsync(MIN); // 04:05
    expect(digests.calls.slice(2)).toEqual(['2026-11-28T04:05:00.000Z']);
    expect(digests.maxActive).toBe(1);
  });

  it('a slow catch-up at start holds back the minute ticks until it ends', async () => {
    const slow = deferred();
    const digests = recorder((_now, call) => (call === 0 ? slow.promise : Promise.resolve()));
    scheduler = createScheduler({ sendDue: digests.fn, poll: async () => {}, pollMinutes: 60, log: silent });
    await scheduler.start();
    await vi.advanceTimersByTimeAsync(2 * MIN);
    expect(digests.calls).toEqual([START.toISOString()]);
    slow.resolve();
    await vi.advanceTimersByTimeAsync(MIN);
    expect(digests.calls).toEqual([START.toISOString(), '2026-11-28T04:03:00.000Z']);
  });

  it('digests and polls are separate kinds: a slow poll does not hold back the digest check', async () => {
    const slow = deferred();
    const polls = recorder(() => slow.promise);
    const digests = recorder();
    scheduler = createScheduler({ sendDue: digests.fn, poll: polls.fn, pollMinutes: 1, log: silent });
    await scheduler.start();
    await vi.advanceTimersByTimeAsync(10 * MIN);
    expect(polls.calls).toHaveLength(1);
    expect(digests.calls).toHaveLength(11);
    slow.resolve();
  });
});

describe('createScheduler: failures', () => {
  it('a run that rejects is logged, and the next runs of both kinds go on', async () => {
    const { log, lines } = logCapture();
    const digests = recorder(async (_now, call) => {
      if (call === 1) throw new Error('store unavailable');
    });
    const polls = recorder(async (_now, call) => {
      if (call === 0) throw new Error('poll broke');
    });
    scheduler = createScheduler({ sendDue: digests.fn, poll: polls.fn, pollMinutes: 2, log });
    await scheduler.start();
    await vi.advanceTimersByTimeAsync(5 * MIN);
    expect(digests.calls).toHaveLength(6);
    expect(polls.calls).toEqual(['2026-11-28T04:02:30.000Z', '2026-11-28T04:04:30.000Z']);
    expect(lines.map((l) => [l.msg, l.kind, l.err?.message])).toEqual([
      ['scheduled run failed', 'digests', 'store unavailable'],
      ['scheduled run failed', 'poll', 'poll broke'],
    ]);
  });

  // Before the fix in src/digest/scheduler.ts the throw escaped run(): start() rejected, or at a
  // minute tick node-schedule re-emitted it as an 'error' event nobody listens to, which ends the
  // process; and that kind stayed busy, so it never ran again.
  it.each([
    ['the catch-up at start', 1, START.toISOString()],
    ['a minute tick', 2, '2026-11-28T04:01:00.000Z'],
  ])(
    'a run that throws before returning its promise (%s) is logged like a rejection, and later runs go on',
    async (_name, failing, failedAt) => {
      const { log, lines } = logCapture();
      let calls = 0;
      // not an async function: the throw happens in the call itself
      const sendDue = (now: Date): Promise<unknown> => {
        calls++;
        if (calls === failing) throw new Error(`cannot send at ${now.toISOString()}`);
        return Promise.resolve();
      };
      scheduler = createScheduler({ sendDue, poll: async () => {}, pollMinutes: 60, log });
      await scheduler.start();
      await vi.advanceTimersByTimeAsync(30_000 + 2 * MIN);
      expect(calls).toBe(4);
      expect(lines.map((l) => [l.msg, l.kind, l.err?.message])).toEqual([
        ['scheduled run failed', 'digests', `cannot send at ${failedAt}`],
      ]);
    },
  );
});

describe('createScheduler: stop()', () => {
  it('waits for the poll in flight, then runs nothing more', async () => {
    const slow = deferred();
    const polls = recorder(() => slow.promise);
    const digests = recorder();
    scheduler = createScheduler({ sendDue: digests.fn, poll: polls.fn, pollMinutes: 1, log: silent });
    await scheduler.start();
    await vi.advanceTimersByTimeAsync(MIN);
    expect(polls.calls).toHaveLength(1);
    let stopped = false;
    const stopping = scheduler.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(5 * MIN);
    expect(stopped).toBe(false);
    const digestCalls = digests.calls.length;
    slow.resolve();
    await stopping;
    expect(stopped).toBe(true);
    expect(polls.active).toBe(0);
    // nothing is planned after stop: neither the next poll nor a minute tick
    await vi.advanceTimersByTimeAsync(60 * MIN);
    expect(polls.calls).toHaveLength(1);
    expect(digests.calls).toHaveLength(digestCalls);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('waits for the digest run in flight (the catch-up at start included)', async () => {
    const slow = deferred();
    const digests = recorder(() => slow.promise);
    scheduler = createScheduler({ sendDue: digests.fn, poll: async () => {}, pollMinutes: 60, log: silent });
    await scheduler.start();
    let stopped = false;
    const stopping = scheduler.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(2 * MIN);
    expect(stopped).toBe(false);
    slow.resolve();
    await stopping;
    expect(digests.calls).toEqual([START.toISOString()]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('with nothing in flight, returns at once and leaves no timer behind', async () => {
    const digests = recorder();
    scheduler = createScheduler({ sendDue: digests.fn, poll: async () => {}, pollMinutes: 5, log: silent });
    await scheduler.start();
    await vi.advanceTimersByTimeAsync(7 * MIN);
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    await scheduler.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('createScheduler with the real digest delivery', () => {
  /** Records what the telegram "platform" is given: our own Notifier port, not an SDK mock. */
  function notifier() {
    const sent: { to: string; text: string; reply: Reply }[] = [];
    const n: Notifier = {
      platform: 'telegram',
      async send(to: ChatAddress, reply: Reply) {
        sent.push({ to: to.chatId, text: replyToText(reply), reply });
        return { messageIds: [`${to.chatId}-${sent.length}`] };
      },
    };
    return { n, sent };
  }

  it('a service down for three weekly digests sends one at start (the latest), then the next one at its minute', async () => {
    vi.useRealTimers();
    // subscribed on Sunday 1 November; the default schedule is Monday 09:00 Costa Rica (15:00 UTC)
    const core = await makeCore({ now: new Date('2026-11-01T12:00:00Z') });
    const { n, sent } = notifier();
    const notifiers = new Map<Platform, Notifier>([['telegram', n]]);
    const sendDue = (now: Date) =>
      sendDueDigests({ store: core.store, notifiers, defaultSchedule: DEFAULT_SCHEDULE, log: silent }, now);
    await core.commands.run('subscribe Honduras', {
      address: { platform: 'telegram', chatId: '42' },
      canManage: true,
      now: new Date('2026-11-01T12:00:00Z'),
    });
    // the digest of Monday 2 November had nothing new; the service then stopped
    expect(await sendDue(new Date('2026-11-02T15:00:00Z'))).toMatchObject({ due: 1, empty: 1 });
    await core.news.ingestBody(
      jsonl([{ title: 'Honduran farm workers hired for the Canadian harvest', date: '2026-11-03' }]),
      'later',
      new Date('2026-11-03T00:00:00Z'),
    );
    await core.news.ingestBody(
      jsonl([{ title: 'Tegucigalpa opens a labour migration office', date: '2026-11-20' }]),
      'later',
      new Date('2026-11-20T00:00:00Z'),
    );

    // it comes back on Monday 30 November at 14:57:30 UTC (08:57:30 in Costa Rica): 9, 16 and 23 November were missed
    vi.useFakeTimers({ now: new Date('2026-11-30T14:57:30.000Z') });
    scheduler = createScheduler({ sendDue, poll: async () => {}, pollMinutes: 60, log: silent });
    await scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.map((s) => s.to)).toEqual(['42']);
    expect(sent[0].reply.items?.map((i) => i.title)).toEqual([
      'Tegucigalpa opens a labour migration office',
      'Honduran farm workers hired for the Canadian harvest',
    ]);
    const ledger = async () => (await core.store.deliveries()).map((d) => [d.dueAt, d.state]);
    expect(await ledger()).toEqual([
      ['2026-11-02T15:00:00.000Z', 'empty'],
      ['2026-11-23T15:00:00.000Z', 'sent'],
    ]);

    // the minute ticks before 09:00 send nothing more; 09:00 itself sends the week's digest
    await core.news.ingestBody(
      jsonl([{ title: 'San Pedro Sula job fair for returning migrants', date: '2026-11-30' }]),
      'later',
      new Date(),
    );
    await vi.advanceTimersByTimeAsync(2 * MIN);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(sent).toHaveLength(2);
    expect(sent[1].reply.items?.map((i) => i.title)).toEqual([
      'San Pedro Sula job fair for returning migrants',
    ]);
    expect((await ledger()).at(-1)).toEqual(['2026-11-30T15:00:00.000Z', 'sent']);
    // and not again in the minutes after
    await vi.advanceTimersByTimeAsync(10 * MIN);
    expect(sent).toHaveLength(2);
  });
});
