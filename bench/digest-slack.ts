/**
 * Many Slack channels against the fake Web API that keeps Slack's pace for chat.postMessage
 * (about a message a second per channel, short bursts, 429 with Retry-After), through the Slack
 * adapter's notifier with its default pipeline: a weekly digest run (a digest is one post when it
 * fits, so a channel's pace never binds), then a reply of several posts to every channel, which
 * shows how close each channel comes to its second.
 */
import { createSlackAdapter } from '../adapters/slack/index.js';
import { SLACK_IN_FLIGHT } from '../adapters/slack/pipeline.js';
import { sendDueDigests } from '../src/digest/deliver.js';
import { createHttpListener } from '../src/http.js';
import type { ChatAddress, Notifier, Platform } from '../src/ports.js';
import type { Reply } from '../src/reply.js';
import { fakeProcess, itemsDue, MONDAY, SCHEDULE, storeWith } from './digest-setup.js';
import type { Row } from './lib.js';
import { silentLog } from '../tests/helpers/logs.js';

const log = silentLog();
const CHANNELS = 300;

const channels = (prefix: string): ChatAddress[] =>
  Array.from({ length: CHANNELS }, (_, i) => ({
    platform: 'slack',
    teamId: 'T0BENCH',
    chatId: `${prefix}${i}`,
  }));

/** A result of 100 items with their summaries: several posts in one channel. */
const LONG: Reply = {
  kind: 'result',
  visibility: 'public',
  heading: 'Latest: Honduras',
  items: Array.from({ length: 100 }, (_, i) => ({
    id: `i${i + 1}`,
    title: `Item ${i + 1}: seasonal workers from Honduras and the programmes that recruit them`,
    url: `https://news.example.org/${i + 1}`,
    date: '2026-11-20',
    places: ['Honduras'],
    summary: `Summary ${i + 1}. ${'Employers, recruiters and ministries met about the season. '.repeat(3)}`,
  })),
};

/** The adapter's notifier against the fake at `url`, never started: it needs no listener and no auth.test. */
function slackNotifier(url: string, core: Parameters<typeof createSlackAdapter>[0]['core']): Notifier {
  return createSlackAdapter({
    settings: { botToken: 'xoxb-test-token', signingSecret: 'bench', apiUrl: url, command: '/news' },
    core,
    http: createHttpListener(log),
    log,
  }).notifier;
}

export async function pacedSlack(rttMs: number): Promise<Row[]> {
  const fake = await fakeProcess('./fake-slack-process.ts', ['--limits', '--rtt', String(rttMs)]);
  const { store, core } = await storeWith(channels('C0WEEK'), ['HN', 'GT', 'MX'], 400);
  const notifier = slackNotifier(fake.url, core);
  const notifiers = new Map<Platform, Notifier>([['slack', notifier]]);
  const t0 = performance.now();
  const report = await sendDueDigests({ store, notifiers, defaultSchedule: SCHEDULE, log }, MONDAY);
  const wall = (performance.now() - t0) / 1000;
  const f = await fake.stats();
  const due = await itemsDue(store);

  // The same channels' pace: a reply of several posts to each of 300 more, as many at once as
  // a digest run keeps going.
  const t1 = performance.now();
  const queue = channels('C0LONG');
  await Promise.all(
    Array.from({ length: notifier.concurrency ?? 1 }, async () => {
      for (let to = queue.shift(); to; to = queue.shift()) await notifier.send(to, LONG);
    }),
  );
  const longWall = (performance.now() - t1) / 1000;
  const all = await fake.stats();
  fake.close();
  await store.close();
  if (report.sent !== CHANNELS)
    throw new Error(`expected ${CHANNELS} digests, got ${JSON.stringify(report)}`);
  const size = `${CHANNELS} channels, ${Math.round(due / CHANNELS)} new items each, K ${SLACK_IN_FLIGHT}`;
  const at = `Slack paced, RTT ${rttMs} ms`;
  const overall = (f.messages - 1) / (f.spanMs / 1000);
  // The long replies: what the stats gained since the digests.
  const posts = all.messages - f.messages;
  const pace = (all.perChat.after - f.perChat.after) / ((all.perChat.spanMs - f.perChat.spanMs) / 1000);
  const long = `${CHANNELS} channels, ${(posts / CHANNELS).toFixed(1)} posts each`;
  return [
    {
      section: 'digests',
      measure: `${at}: msg/s at the fake, all channels (first to last accepted), one post per digest`,
      size,
      value: `${overall.toFixed(1)} msg/s`,
    },
    {
      section: 'digests',
      measure: `${at}: 429 answers`,
      size,
      value: String(f.rateLimited),
      target: '0',
      met: f.rateLimited === 0,
    },
    {
      section: 'digests',
      measure: `${at}: channels served, items delivered`,
      size,
      value: `${f.chats}/${CHANNELS}, ${f.items}/${due}`,
      target: 'all',
      met: f.chats === CHANNELS && f.items === due,
    },
    {
      section: 'digests',
      measure: `${at}: messages (per digest), wall time`,
      size,
      value: `${f.messages} (${(f.messages / CHANNELS).toFixed(1)}), ${wall.toFixed(0)} s`,
    },
    {
      section: 'digests',
      measure: `${at}, a reply of several posts per channel: msg/s per channel (first to last accepted) / 1`,
      size: long,
      value: pace.toFixed(2),
      target: '>= 0.95',
      met: pace >= 0.95,
    },
    {
      section: 'digests',
      measure: `${at}, a reply of several posts per channel: 429 answers, channels served, wall time`,
      size: long,
      value: `${all.rateLimited - f.rateLimited}, ${all.chats - f.chats}/${CHANNELS}, ${longWall.toFixed(0)} s`,
      target: '0, all',
      met: all.rateLimited === f.rateLimited && all.chats - f.chats === CHANNELS,
    },
  ];
}
