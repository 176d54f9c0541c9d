/**
 * The fake Bot API in a process of its own, for benchmarks: a real Bot API does not spend the
 * bot's CPU. Prints its URL on the first line. `--limits` enforces Telegram's sending limits (30
 * messages a second overall, 1 a second per private chat, 20 a minute per group; 429 with
 * retry_after above them); `--rtt MS` delays every answer by a round trip.
 */
import { startFakeTelegram } from '../tests/fakes/telegram-api.js';
import { serveStats, tally } from './digest-setup.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const limits = process.argv.includes('--limits');
const fake = await startFakeTelegram({
  record: false,
  delayMs: Number(arg('--rtt') ?? 0),
  rateLimit: limits ? { perSecond: 30, perChat: 1, groupPerMinute: 20, retryAfter: 1 } : undefined,
});

const chats = tally();
fake.onMessage((m) => chats.add(m.chatId, m.text, m.t));

process.stdout.write(`${fake.url}\n`);
serveStats(
  () => chats.stats(fake.stats.rateLimited),
  () => fake.close(),
);
