/**
 * The fake Bot API in a process of its own, for benchmarks: a real Bot API does not spend the
 * bot's CPU. Prints its URL on the first line. `--limits` enforces Telegram's sending limits (30
 * messages a second overall, 1 a second per private chat, 20 a minute per group; 429 with
 * retry_after above them); `--rtt MS` delays every answer by a round trip.
 */
import { startFakeTelegram } from '../tests/fakes/telegram-api.js';

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

// What the bench asks for at the end: per chat, its messages and the items they numbered.
const chats = new Map<string, { messages: number; items: Set<number> }>();
fake.onMessage((m) => {
  let c = chats.get(m.chatId);
  if (!c) chats.set(m.chatId, (c = { messages: 0, items: new Set() }));
  c.messages++;
  for (const x of m.text.matchAll(/^(\d+)\. /gm)) c.items.add(Number(x[1]));
});

process.stdout.write(`${fake.url}\n`);
// On a line "stats" from the bench, answer with the counts.
process.stdin.setEncoding('utf8');
process.stdin.on('data', (line) => {
  if (String(line).trim() !== 'stats') return;
  const { rateLimited, sendMessage, firstAt = 0, lastAt = 0 } = fake.stats;
  let items = 0;
  for (const c of chats.values()) items += c.items.size;
  const stats = { rateLimited, messages: sendMessage, spanMs: lastAt - firstAt, chats: chats.size, items };
  process.stdout.write(`${JSON.stringify(stats)}\n`);
});
process.stdin.on('end', () => void fake.close().then(() => process.exit(0)));
