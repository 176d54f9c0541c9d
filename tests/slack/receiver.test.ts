import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CommandPort } from '../../src/ports.js';
import { makeCore } from '../helpers/core.js';
import { signature, signedHeaders, slashForm, startRig, type Rig } from '../helpers/slack-rig.js';

/** The core's commands, counting runs and able to hold them until a test lets go. */
function watched(inner: CommandPort) {
  const runs: string[] = [];
  let gate: Promise<void> | undefined;
  let open: (() => void) | undefined;
  const commands: CommandPort = {
    ...inner,
    async run(text, ctx, offset) {
      runs.push(text);
      if (gate) await gate;
      return inner.run(text, ctx, offset);
    },
  };
  return {
    commands,
    runs,
    hold() {
      gate = new Promise<void>((r) => (open = r));
    },
    release() {
      open?.();
      gate = undefined;
    },
  };
}

describe('Slack: the HTTP receiver on the shared listener', () => {
  let rig: Rig;
  let w: ReturnType<typeof watched>;
  beforeAll(async () => {
    const core = await makeCore();
    w = watched(core.commands);
    rig = await startRig({ core, commands: w.commands });
  });
  afterAll(async () => {
    await rig.close();
  });

  const body = (text: string, id: string, triggerId?: string) =>
    slashForm(text, rig.fake.responseUrl(id), { triggerId });

  test('a request without a signature gets 401 and runs nothing', async () => {
    const before = w.runs.length;
    const b = body('subscribe Honduras', 'unsigned');
    const r = await rig.post(b, { 'content-type': 'application/x-www-form-urlencoded' });
    expect(r.status).toBe(401);
    const noTimestamp = await rig.post(b, {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-signature': signature(b, Math.floor(Date.now() / 1000)),
    });
    expect(noTimestamp.status).toBe(401);
    expect(w.runs.length).toBe(before);
    expect(rig.fake.responsesTo('unsigned')).toHaveLength(0);
  });

  test('a wrong signature (another secret, or another body) gets 401 and runs nothing', async () => {
    const before = w.runs.length;
    const b = body('subscribe Honduras', 'wrong');
    const ts = Math.floor(Date.now() / 1000);
    const otherSecret = await rig.post(b, {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': signature(b, ts, 'not-the-secret'),
    });
    expect(otherSecret.status).toBe(401);
    const tampered = await rig.post(b.replace('Honduras', 'Guatemala'), signedHeaders(b, ts));
    expect(tampered.status).toBe(401);
    const garbage = await rig.post(b, {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': 'v0=00',
    });
    expect(garbage.status).toBe(401);
    expect(w.runs.length).toBe(before);
    expect(rig.fake.responsesTo('wrong')).toHaveLength(0);
  });

  test('a stale request (signed correctly, but more than 5 minutes old) gets 401 and runs nothing', async () => {
    const before = w.runs.length;
    const b = body('latest', 'stale');
    const r = await rig.post(b, signedHeaders(b, Math.floor(Date.now() / 1000) - 5 * 60 - 5));
    expect(r.status).toBe(401);
    expect(w.runs.length).toBe(before);
    const fresh = await rig.post(b, signedHeaders(b, Math.floor(Date.now() / 1000) - 60));
    expect(fresh.status).toBe(200);
    await rig.responses('stale');
  });

  test('only POST: another method gets 405', async () => {
    const res = await fetch(rig.url);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });

  test('the HTTP acknowledgement comes back before the command runs to its answer', async () => {
    w.hold();
    try {
      const b = body('country honduras', 'ack-first');
      const r = await rig.post(b);
      // The answer to Slack's request is in, and empty, while the command is still held.
      expect(r.status).toBe(200);
      expect(r.text).toBe('');
      expect(rig.fake.responsesTo('ack-first')).toHaveLength(0);
    } finally {
      w.release();
    }
    const [answer] = await rig.responses('ack-first');
    expect(answer.blocks[0].text.text).toBe('News about Honduras');
  });

  test('a retried delivery (X-Slack-Retry-Num) of a request already taken is acknowledged and not run again', async () => {
    const b = body('subscribe Belize', 'retried', 'trigger-retried');
    const first = await rig.post(b);
    expect(first.status).toBe(200);
    await rig.responses('retried');
    const runs = w.runs.filter((t) => t === 'subscribe Belize').length;
    const retry = await rig.post(b, {
      ...signedHeaders(b),
      'x-slack-retry-num': '1',
      'x-slack-retry-reason': 'http_timeout',
    });
    expect(retry.status).toBe(200);
    const again = await rig.post(b, {
      ...signedHeaders(b),
      'x-slack-retry-num': '2',
      'x-slack-retry-reason': 'http_timeout',
    });
    expect(again.status).toBe(200);
    // A later command is answered; by then a second run of the retried one would have been counted.
    await rig.command('latest 1');
    expect(w.runs.filter((t) => t === 'subscribe Belize').length).toBe(runs);
    expect(rig.fake.responsesTo('retried')).toHaveLength(1);
  });

  test('a retry of a request never seen (the first try was lost) runs once', async () => {
    const b = body('country panama', 'lost-first', 'trigger-lost-first');
    const r = await rig.post(b, {
      ...signedHeaders(b),
      'x-slack-retry-num': '1',
      'x-slack-retry-reason': 'http_error',
    });
    expect(r.status).toBe(200);
    const [answer] = await rig.responses('lost-first');
    expect(answer.blocks[0].text.text).toBe('News about Panama');
    expect(w.runs.filter((t) => t === 'country panama')).toHaveLength(1);
  });
});
