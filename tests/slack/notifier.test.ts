import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { boltLogger } from '../../adapters/slack/bolt-logger.js';
import { createSlackNotifier } from '../../adapters/slack/notifier.js';
import { createSlackPipeline, type SlackPipelineOptions } from '../../adapters/slack/pipeline.js';
import { apiBaseUrl, createDeliveryClient } from '../../adapters/slack/web-client.js';
import { chatKey, DeliveryError, type ChatAddress, type Notifier } from '../../src/ports.js';
import type { ItemView, Reply } from '../../src/reply.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack-api.js';
import { BOT_TOKEN, eventBody, plain, signedHeaders, silent, startRig, TEAM } from '../helpers/slack-rig.js';

const at = (channel: string): ChatAddress => ({ platform: 'slack', chatId: channel, teamId: TEAM });
const item = (i: number): ItemView => ({
  id: `i${i}`,
  title: `Item ${i}`,
  url: `https://news.example.org/${i}`,
  date: '2026-11-20',
  places: ['Honduras'],
  summary: `Summary ${i}.`,
});
const digest = (n: number): Reply => ({
  kind: 'result',
  visibility: 'public',
  heading: 'Weekly digest: Honduras',
  paragraphs: [`${n} new items`],
  items: Array.from({ length: n }, (_, i) => item(i + 1)),
});

async function rejection(p: Promise<unknown>): Promise<DeliveryError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DeliveryError);
  return err as DeliveryError;
}

describe('Slack notifier: chat.postMessage against the fake Web API', () => {
  let fake: FakeSlack;
  const notifier = (
    o: Partial<SlackPipelineOptions> = {},
    token = BOT_TOKEN,
    apiUrl = fake.apiUrl,
  ): Notifier => {
    const pipeline = createSlackPipeline({
      apiUrl: apiBaseUrl(apiUrl),
      log: silent(),
      perChannelMs: 0,
      ...o,
      retry: { backoffMs: 5, ...o.retry },
    });
    return createSlackNotifier({
      client: createDeliveryClient(token, apiUrl, boltLogger(silent()), pipeline.fetch),
      pipeline,
      log: silent(),
    });
  };
  const attempts = (channel: string) =>
    fake.calls.filter((c) => c.method === 'chat.postMessage' && c.body.channel === channel);

  beforeAll(async () => {
    fake = await startFakeSlack();
  });
  afterAll(async () => {
    await fake.close();
  });

  test('posts the rendered reply to the channel, with blocks and fallback text, and reports its ts', async () => {
    const parts: [number, string, number][] = [];
    const { messageIds } = await notifier().send(at('C0SEND'), digest(3), {
      onPart: (i, id, n) => void parts.push([i, id, n]),
    });
    const [post] = fake.posts('C0SEND');
    expect(messageIds).toEqual([expect.stringMatching(/^\d+\.\d+$/)]);
    expect(parts).toEqual([[0, messageIds[0], 1]]);
    expect(post.body.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Weekly digest: Honduras' } });
    expect(plain(post.body)).toContain('3. Item 3');
    expect(post.body.unfurl_links).toBe('false');
  });

  test('a long digest goes out in parts, in order; onPart after each; fromPart resumes after the parts already sent', async () => {
    const seen: [number, string, number][] = [];
    const { messageIds } = await notifier().send(at('C0PARTS'), digest(40), {
      onPart: (i, id, n) => void seen.push([i, id, n]),
    });
    expect(messageIds.length).toBeGreaterThan(1);
    expect(seen.map(([i]) => i)).toEqual(messageIds.map((_, i) => i));
    expect(seen.every(([, , n]) => n === messageIds.length)).toBe(true);
    const posts = fake.posts('C0PARTS');
    expect(posts.every((p) => p.body.blocks.length <= 50)).toBe(true);
    expect(plain(posts[0].body)).toContain('1. Item 1');
    expect(plain(posts.at(-1)!.body)).toContain('40. Item 40');

    const resumed = await notifier().send(at('C0RESUME'), digest(40), { fromPart: 1 });
    expect(resumed.messageIds).toHaveLength(messageIds.length - 1);
    expect(fake.posts('C0RESUME').map((p) => p.body.text)).toEqual(posts.slice(1).map((p) => p.body.text));
  });

  test('429: waits Retry-After (1 s), then sends the same part once', async () => {
    fake.fault('C0RATE', 'rate_limited', 1);
    const t0 = performance.now();
    const { messageIds } = await notifier().send(at('C0RATE'), digest(1));
    expect(performance.now() - t0).toBeGreaterThanOrEqual(950);
    expect(messageIds).toHaveLength(1);
    expect(attempts('C0RATE').map((c) => c.outcome)).toEqual(['http 429', 'ok']);
  });

  test('429 more often than it will wait: DeliveryError rate_limited, with the wait Slack asked for', async () => {
    fake.fault('C0RATE2', 'rate_limited', 1);
    const err = await rejection(notifier({ retry: { rateLimitRetries: 0 } }).send(at('C0RATE2'), digest(1)));
    expect(err.code).toBe('rate_limited');
    expect(err.extra.retryAfterMs).toBe(1000);
    expect(err.permanent).toBe(false);
  });

  test.each(['not_in_channel', 'channel_not_found', 'is_archived', 'account_inactive'] as const)(
    "%s: DeliveryError chat_unreachable, with Slack's word as the reason, not retried",
    async (code) => {
      const channel = `C0${code.toUpperCase().replace(/_/g, '')}`;
      fake.fault(channel, code, 1);
      const err = await rejection(notifier().send(at(channel), digest(1)));
      expect(err.code).toBe('chat_unreachable');
      expect(err.reason).toBe(code);
      expect(err.permanent).toBe(true);
      expect(attempts(channel)).toHaveLength(1);
    },
  );

  test('invalid_auth (a wrong token) and token_revoked: DeliveryError auth', async () => {
    const wrong = await rejection(notifier({}, 'xoxb-not-the-token').send(at('C0AUTH'), digest(1)));
    expect(wrong.code).toBe('auth');
    expect(wrong.reason).toBe('invalid_auth');
    fake.fault('C0REVOKED', 'token_revoked', 1);
    expect((await rejection(notifier().send(at('C0REVOKED'), digest(1)))).code).toBe('auth');
  });

  test('a 500 is tried again and goes through', async () => {
    fake.fault('C0FLAKY', 'server_error', 1);
    const { messageIds } = await notifier().send(at('C0FLAKY'), digest(1));
    expect(messageIds).toHaveLength(1);
    expect(attempts('C0FLAKY').map((c) => c.outcome)).toEqual(['http 500', 'ok']);
  });

  test('500s that go on: DeliveryError unavailable after two more tries; the client itself never retries', async () => {
    fake.fault('C0DOWN', 'server_error', 5);
    const err = await rejection(notifier().send(at('C0DOWN'), digest(1)));
    expect(err.code).toBe('unavailable');
    expect(err.permanent).toBe(false);
    expect(attempts('C0DOWN')).toHaveLength(3);
    fake.fault('C0ONCE', 'server_error', 5);
    await rejection(notifier({ retry: { retries: 0 } }).send(at('C0ONCE'), digest(1)));
    expect(attempts('C0ONCE')).toHaveLength(1);
  });

  test('nothing listening (network failure): DeliveryError unavailable', async () => {
    const err = await rejection(
      notifier({ retry: { retries: 1 } }, BOT_TOKEN, 'http://127.0.0.1:1/api/').send(at('C0NET'), digest(1)),
    );
    expect(err.code).toBe('unavailable');
  });

  test("pacing: about one message a second per channel within Slack's bursts, and channels do not wait for each other", async () => {
    // Slack's pace at five times the speed: 5 a second per channel, bursts of 2
    const limited = await startFakeSlack({ channelLimit: { perSecond: 5, burst: 2 } });
    try {
      const paced = notifier({ perChannelMs: 200 }, BOT_TOKEN, limited.apiUrl);
      await Promise.all([
        ...Array.from({ length: 6 }, () => paced.send(at('C0PACE'), digest(1))),
        paced.send(at('C0OTHERPACE'), digest(1)),
      ]);
      const times = limited.posts('C0PACE').map((p) => p.at);
      expect(times).toHaveLength(6);
      expect(limited.rateLimited).toBe(0);
      // five gaps of 200 ms, less what the network's jitter borrowed from the burst
      expect(times[5] - times[0]).toBeGreaterThanOrEqual(800);
      // Queued behind the paced channel it would have come after its second message at least.
      expect(limited.posts('C0OTHERPACE')[0].at).toBeLessThan(times[1]);

      // the same posts unpaced empty the bucket: the fake keeps the pace it claims to
      const unpaced = notifier({ perChannelMs: 0 }, BOT_TOKEN, limited.apiUrl);
      await Promise.all(Array.from({ length: 4 }, () => unpaced.send(at('C0BURST'), digest(1))));
      expect(limited.rateLimited).toBeGreaterThan(0);
      expect(limited.posts('C0BURST')).toHaveLength(4);
    } finally {
      await limited.close();
    }
  });
});

describe('Slack notifier in the adapter: an unreachable channel is paused with the reason', () => {
  test('not_in_channel → chat_unreachable → pauseChat → /news subscriptions says why', async () => {
    const rig = await startRig();
    try {
      await rig.command('subscribe Honduras', { channel: 'C0PAUSE' });
      rig.fake.fault('C0PAUSE', 'not_in_channel', 1);
      const err = await rejection(rig.adapter.notifier.send(at('C0PAUSE'), digest(2)));
      expect(err.code).toBe('chat_unreachable');
      // What the digest sender does with a permanent failure: the adapter named the core's reason.
      expect(err.extra.pause).toBe('not_in_channel');
      await rig.core.services.chats.pause(at('C0PAUSE'), err.extra.pause!, new Date(), err.reason);
      expect(await rig.core.store.chat(chatKey(at('C0PAUSE')))).toMatchObject({
        state: 'paused',
        pausedReason: 'not_in_channel',
      });
      const { first } = await rig.command('subscriptions', { channel: 'C0PAUSE' });
      expect(plain(first)).toContain('Paused since');
      expect(plain(first)).toContain('the app is not a member of this channel (invite it with /invite)');

      // Invited at last: Slack says the bot joined, the digests go on, and the channel is told.
      const posts = rig.fake.posts('C0PAUSE').length;
      const joined = eventBody({
        type: 'member_joined_channel',
        user: rig.fake.botUserId,
        channel: 'C0PAUSE',
        channel_type: 'G',
        team: TEAM,
        inviter: 'U0ASKER',
        event_ts: '1700000000.000200',
      });
      expect((await rig.post(joined, signedHeaders(joined, undefined, 'application/json'))).status).toBe(200);
      const told = await rig.fake.waitFor(() => rig.fake.posts('C0PAUSE')[posts]);
      expect(told.body.text).toContain(
        'Digests to this channel had been paused (the app is not a member of this channel (invite it with /invite)); they are on again.',
      );
      expect(await rig.core.store.chat(chatKey(at('C0PAUSE')))).toMatchObject({ state: 'active' });
      // someone else joining, or the bot joining an active channel, changes nothing and says nothing
      for (const user of ['U0SOMEONE', rig.fake.botUserId]) {
        const again = eventBody({
          type: 'member_joined_channel',
          user,
          channel: 'C0PAUSE',
          channel_type: 'G',
          team: TEAM,
          event_ts: '1700000000.000300',
        });
        await rig.post(again, signedHeaders(again, undefined, 'application/json'));
      }
      await rig.command('latest 1', { channel: 'C0OTHER' });
      expect(rig.fake.posts('C0PAUSE')).toHaveLength(posts + 1);
    } finally {
      await rig.close();
    }
  });
});
