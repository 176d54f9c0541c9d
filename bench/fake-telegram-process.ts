/**
 * The fake Bot API in a process of its own, for benchmarks: a real Bot API does not spend the
 * bot's CPU. Prints its URL on the first line; `--limit N` answers 429 above N messages a second.
 */
import { startFakeTelegram } from '../tests/fakes/telegram-api.js';

const i = process.argv.indexOf('--limit');
const limit = i > 0 ? Number(process.argv[i + 1]) : undefined;
const fake = await startFakeTelegram({
  record: false,
  rateLimit: limit ? { perSecond: limit, retryAfter: 1 } : undefined,
});
process.stdout.write(`${fake.url}\n`);
// On a line "stats" from the bench, answer with the counts.
process.stdin.setEncoding('utf8');
process.stdin.on('data', (line) => {
  if (String(line).trim() === 'stats') process.stdout.write(`${JSON.stringify(fake.stats)}\n`);
});
process.stdin.on('end', () => void fake.close().then(() => process.exit(0)));
