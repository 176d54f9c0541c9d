import { describe, expect, it } from 'vitest';
import { createPipeline, PRIORITY, type Lane, type PipelineOptions } from '../../adapters/shared/pipeline.js';
import { createPace } from '../../adapters/shared/pace.js';
import { DEFAULT_RETRY, type Verdict } from '../../adapters/shared/retry.js';
import { silentLog } from '../helpers/logs.js';

/** A failure of the platform, as a platform adapter would classify it. */
class Refusal extends Error {
  constructor(readonly verdict: Verdict) {
    super(verdict.kind);
  }
}

const pipeline = (o: Partial<PipelineOptions> = {}) =>
  createPipeline({
    inFlight: 4,
    retry: { ...DEFAULT_RETRY, backoffMs: 5 },
    classify: (err) => (err instanceof Refusal ? err.verdict : { kind: 'final' }),
    log: silentLog(),
    ...o,
  });

/** A call that takes `ms` and records when it ran. */
function recorder(ms = 5) {
  const runs: { key: string; start: number; end: number }[] = [];
  const call = (key: string) => async () => {
    const start = performance.now();
    await new Promise((r) => setTimeout(r, ms));
    runs.push({ key, start, end: performance.now() });
    return key;
  };
  return { runs, call };
}

describe('the outbound pipeline', () => {
  it('spaces a lane from the end of its last call, and keeps its window', async () => {
    const p = pipeline();
    const lane: Lane = { key: 'a', limit: { gapMs: 60, from: 'end', window: { count: 2, ms: 300 } } };
    const { runs, call } = recorder();
    await Promise.all(Array.from({ length: 5 }, () => p.request(lane, call('a'))));
    for (let i = 1; i < runs.length; i++) expect(runs[i].start - runs[i - 1].end).toBeGreaterThanOrEqual(60);
    // at most 2 in any 300 ms, counted from the ends
    for (let i = 2; i < runs.length; i++) expect(runs[i].start - runs[i - 2].end).toBeGreaterThanOrEqual(300);
  });

  it('spaces a "start" lane from the departures, so a slow answer does not slow the lane', async () => {
    const p = pipeline();
    const lane: Lane = { key: 'b', limit: { gapMs: 50, from: 'start' } };
    const { runs, call } = recorder(40);
    await Promise.all(Array.from({ length: 4 }, () => p.request(lane, call('b'))));
    for (let i = 1; i < runs.length; i++) {
      // measured inside the call, a moment after the pipeline's own mark, and a busy machine can
      // take the process off the core between the two: a few milliseconds of slack
      expect(runs[i].start - runs[i - 1].start).toBeGreaterThanOrEqual(35);
      expect(runs[i].start).toBeGreaterThanOrEqual(runs[i - 1].end);
    }
  });

  it('keeps the overall pace across lanes: never more than perSecond in any second, nor two calls closer than 0.9 of a spacing', async () => {
    const p = pipeline({ perSecond: 50 });
    const { runs, call } = recorder(0);
    await Promise.all(Array.from({ length: 80 }, (_, i) => p.request({ key: String(i) }, call(String(i)))));
    const starts = runs.map((r) => r.start).sort((a, b) => a - b);
    // Measured inside the call, a moment after the pace's own mark: a busy machine can take the
    // process off the core between the two, for longer before one call than before the next.
    // The pace's own marks are held to the exact figures in the test below.
    for (let i = 50; i < starts.length; i++) expect(starts[i] - starts[i - 50]).toBeGreaterThanOrEqual(950);
    for (let i = 1; i < starts.length; i++) expect(starts[i] - starts[i - 1]).toBeGreaterThanOrEqual(9);
  });

  it('the pace itself: never more than perSecond in any window of departures, no two closer than 0.9 of a spacing', async () => {
    const pace = createPace(50, 1000);
    const left: number[] = [];
    for (let i = 0; i < 80; i++) {
      await pace();
      left.push(performance.now());
    }
    for (let i = 50; i < left.length; i++) expect(left[i] - left[i - 50]).toBeGreaterThanOrEqual(995);
    for (let i = 1; i < left.length; i++) expect(left[i] - left[i - 1]).toBeGreaterThanOrEqual(17.5);
  });

  it('sends replies before digest messages that wait for the same pace', async () => {
    const p = pipeline({ perSecond: 50 });
    const order: string[] = [];
    const note = (what: string) => async () => void order.push(what);
    const all = [
      ...Array.from({ length: 5 }, () => p.request(undefined, note('digest'), { priority: PRIORITY.digest })),
      p.request(undefined, note('reply'), { priority: PRIORITY.reply }),
    ];
    await Promise.all(all);
    expect(order.indexOf('reply')).toBeLessThan(2);
  });

  it('keeps at most K deliveries in flight, and uses them all', async () => {
    const p = pipeline({ inFlight: 3 });
    let open = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        p.deliver({ key: String(i) }, async () => {
          most = Math.max(most, ++open);
          await new Promise((r) => setTimeout(r, 10));
          open--;
        }),
      ),
    );
    expect(most).toBe(3);
  });

  it('tries a passing failure again with back-off, and gives up after the policy says', async () => {
    const p = pipeline({ retry: { ...DEFAULT_RETRY, backoffMs: 5, retries: 2 } });
    let calls = 0;
    const flaky = async () => {
      if (++calls < 3) throw new Refusal({ kind: 'transient', reason: '502' });
      return 'ok';
    };
    expect(await p.request(undefined, flaky)).toBe('ok');
    expect(calls).toBe(3);
    calls = 0;
    const down = async () => {
      calls++;
      throw new Refusal({ kind: 'transient', reason: '502' });
    };
    await expect(p.request(undefined, down)).rejects.toThrow('transient');
    expect(calls).toBe(3);
  });

  it('never tries a final answer again', async () => {
    const p = pipeline();
    let calls = 0;
    const refused = async () => {
      calls++;
      throw new Refusal({ kind: 'final' });
    };
    await expect(p.request(undefined, refused)).rejects.toThrow('final');
    expect(calls).toBe(1);
  });

  it('holds every call while a 429 says to wait, then sends them', async () => {
    const p = pipeline();
    let limited = true;
    let refusedAt = 0;
    const first = p.request({ key: 'x' }, async () => {
      if (limited) {
        limited = false;
        refusedAt = performance.now();
        throw new Refusal({ kind: 'rate_limited', retryAfterMs: 150 });
      }
      return performance.now();
    });
    // the refusal is in: the pipeline is paused for everyone
    while (!refusedAt) await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    const other = await p.request({ key: 'y' }, async () => performance.now());
    expect(other - refusedAt).toBeGreaterThanOrEqual(149);
    expect((await first) - refusedAt).toBeGreaterThanOrEqual(149);
  });

  it('fails a call that 429s more often than the policy waits, or asks for too long a wait', async () => {
    const p = pipeline({ retry: { ...DEFAULT_RETRY, rateLimitRetries: 1, maxRetryAfterMs: 100 } });
    let calls = 0;
    const always = async () => {
      calls++;
      throw new Refusal({ kind: 'rate_limited', retryAfterMs: 20 });
    };
    await expect(p.request(undefined, always)).rejects.toThrow('rate_limited');
    expect(calls).toBe(2);
    calls = 0;
    const t0 = performance.now();
    const long = async () => {
      calls++;
      throw new Refusal({ kind: 'rate_limited', retryAfterMs: 60_000 });
    };
    await expect(p.request(undefined, long)).rejects.toThrow('rate_limited');
    expect(calls).toBe(1);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
