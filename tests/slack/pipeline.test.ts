import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, test } from 'vitest';
import { boltLogger } from '../../adapters/slack/bolt-logger.js';
import { createSlackNotifier } from '../../adapters/slack/notifier.js';
import { createSlackPipeline, type SlackPipelineOptions } from '../../adapters/slack/pipeline.js';
import { apiBaseUrl, createDeliveryClient } from '../../adapters/slack/web-client.js';
import type { ChatAddress } from '../../src/ports.js';
import type { Reply } from '../../src/reply.js';
import { startFakeSlack, type FakeSlack, type FakeSlackOptions } from '../fakes/slack-api.js';
import { blockTexts, BOT_TOKEN, plain, silent, startRig, TEAM, type Rig } from '../helpers/slack-rig.js';

const at = (channel: string): ChatAddress => ({ platform: 'slack', chatId: channel, teamId: TEAM });
/** a digest long enough to go out in several posts, its items numbered 1…n across them */
const digest = (n: number): Reply => ({
  kind: 'result',
  visibility: 'public',
  heading: 'Weekly digest: Honduras',
  paragraphs: [`${n} new items`],
  items: Array.from({ length: n }, (_, i) => ({
    id: `i${i + 1}`,
    title: `Item ${i + 1}`,
    url: `https://news.example.org/${i + 1}`,
    date: '2026-11-20',
    places: ['Honduras'],
    summary: `Summary ${i + 1}.`,
  })),
});
const itemNumbers = (texts: string[]) =>
  texts.flatMap((t) => [...t.matchAll(/(?:^|\n)(\d+)\. Item/g)].map((m) => +m[1]));

/** A logger whose `heard` resolves once the pipeline says it was asked to slow down. */
function listeningLog() {
  let slowedDown!: () => void;
  const heard = new Promise<void>((r) => (slowedDown = r));
  const log = pino(
    { level: 'warn' },
    new Writable({
      write(chunk, _enc, cb) {
        if (/asked to slow down/.test(String(chunk))) slowedDown();
        cb();
      },
    }),
  );
  return { log, heard };
}

let fake: FakeSlack | undefined;
let rig: Rig | undefined;
afterEach(async () => {
  await fake?.close();
  await rig?.close();
  fake = rig = undefined;
});

async function notifierOn(f: FakeSlackOptions, o: Partial<SlackPipelineOptions> = {}) {
  fake = await startFakeSlack(f);
  const pipeline = createSlackPipeline({
    apiUrl: apiBaseUrl(fake.apiUrl),
    log: silent(),
    perChannelMs: 0,
    ...o,
    retry: { backoffMs: 5, ...o.retry },
  });
  const notifier = createSlackNotifier({
    client: createDeliveryClient(BOT_TOKEN, fake.apiUrl, boltLogger(silent()), pipeline.fetch),
    pipeline,
    log: silent(),
  });
  return { fake, notifier };
}

describe('every Slack call passes the one pipeline', () => {
  test("a 429 on one channel's post holds the posts to every channel for its Retry-After", async () => {
    const { log, heard } = listeningLog();
    const { fake, notifier } = await notifierOn({}, { log });
    fake.fault('C0FIRST', 'rate_limited', 1);
    const first = notifier.send(at('C0FIRST'), digest(1));
    const refused = await fake.waitFor(() => fake.calls.find((c) => c.outcome === 'http 429'));
    // once the bot has the 429, a post to another channel waits too
    await heard;
    await Promise.all([first, notifier.send(at('C0OTHER'), digest(1))]);
    const [other] = fake.posts('C0OTHER');
    expect(other.at - refused.at).toBeGreaterThanOrEqual(950);
    expect(fake.posts('C0FIRST')).toHaveLength(1);
  });

  test("keeps each channel's posts in order with several channels in flight (K > 1), at most K at once", async () => {
    const { fake, notifier } = await notifierOn({ delayMs: 5 }, { inFlight: 3 });
    const channels = Array.from({ length: 6 }, (_, i) => `C0ORDER${i}`);
    let open = 0;
    let most = 0;
    await Promise.all(
      channels.map((c) =>
        notifier.send(at(c), digest(40), {
          onAttempt: () => void (most = Math.max(most, ++open)),
          onPart: () => void open--,
        }),
      ),
    );
    expect(most).toBe(3);
    for (const c of channels) {
      const posts = fake.posts(c);
      expect(posts.length).toBeGreaterThan(1);
      expect(itemNumbers(posts.map((p) => plain(p.body)))).toEqual(
        Array.from({ length: 40 }, (_, i) => i + 1),
      );
    }
  });

  test('a 429 on conversations.info (the check after subscribe) waits and asks again: its answer still reaches the person', async () => {
    rig = await startRig();
    rig.fake.setChannel('G0LIMITED', { is_private: true, is_member: false });
    rig.fake.rateLimit('conversations.info', 1);
    const { first } = await rig.command('subscribe Guatemala', { channel: 'G0LIMITED' });
    const asked = rig.fake.calls.filter((c) => c.method === 'conversations.info');
    expect(asked.map((c) => c.outcome)).toEqual(['http 429', 'ok']);
    expect(asked[1].at - asked[0].at).toBeGreaterThanOrEqual(950);
    expect(blockTexts(first).filter((t) => t.startsWith(':warning:'))).toEqual([
      expect.stringContaining(`I'm not a member of this channel yet`),
    ]);
  });

  test('a 429 on a response URL (respond()) waits and posts the answer again, once', async () => {
    rig = await startRig();
    rig.fake.rateLimit('response_url', 1);
    const { responseId } = await rig.send('help');
    const answered = await rig.fake.waitFor(
      () => rig!.fake.responsesTo(responseId).find((r) => r.outcome === 'ok'),
      5000,
      'the answer after the 429',
    );
    const all = rig.fake.responsesTo(responseId);
    expect(all.map((r) => r.outcome)).toEqual(['http 429', 'ok']);
    expect(answered.at - all[0].at).toBeGreaterThanOrEqual(950);
    expect(plain(answered.body)).toMatch(/commands/i);
  });
});
