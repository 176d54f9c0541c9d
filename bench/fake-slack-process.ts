/**
 * The fake Slack Web API in a process of its own, for benchmarks. Prints its API URL on the first
 * line. `--limits` keeps Slack's pace for chat.postMessage: about one a second per channel with
 * short bursts (a bucket of 2 refilled at 1 a second), 429 with Retry-After above it; `--rtt MS`
 * delays every answer by a round trip.
 */
import { startFakeSlack } from '../tests/fakes/slack-api.js';
import { serveStats, tally } from './digest-setup.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const fake = await startFakeSlack({
  delayMs: Number(arg('--rtt') ?? 0),
  channelLimit: process.argv.includes('--limits') ? { perSecond: 1, burst: 2 } : undefined,
});

process.stdout.write(`${fake.apiUrl}\n`);
serveStats(
  () => {
    const channels = tally();
    for (const p of fake.posts()) channels.add(String(p.body.channel), String(p.body.text ?? ''), p.at);
    return channels.stats(fake.calls.filter((c) => c.outcome === 'http 429').length);
  },
  () => fake.close(),
);
