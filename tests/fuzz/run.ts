/**
 * `npm run fuzz -- [seed] [count]`: the fuzz test at any size. `count` lines through the console,
 * a tenth of them through Telegram and a twentieth through Slack (at least 10 each); the seed
 * (default: from the clock, and printed) makes a run repeatable. Prints a table and the first
 * failures; exits 1 when there was any.
 */
import { fuzzConsole, fuzzSlack, fuzzTelegram, type FuzzRun } from './drive.js';

const [seedArg, countArg] = process.argv.slice(2).filter((a) => a !== '--');
const seed = seedArg === undefined ? Date.now() % 2 ** 31 : Number(seedArg);
const count = countArg === undefined ? 10_000 : Number(countArg);
if (!Number.isInteger(seed) || !Number.isInteger(count) || count < 1) {
  process.stderr.write('usage: npm run fuzz -- [seed] [count]   (whole numbers; count at least 1)\n');
  process.exit(1);
}

process.stdout.write(`fuzz: seed ${seed}, ${count} lines\n`);
const runs: FuzzRun[] = [];
runs.push(await fuzzConsole(seed, count));
runs.push(await fuzzTelegram(seed + 1, Math.max(10, Math.round(count / 10))));
runs.push(await fuzzSlack(seed + 2, Math.max(10, Math.round(count / 20))));

const rows = [
  ['way', 'seed', 'commands', 'failures', 'longest reply (chars)', 'most parts', 'seconds'],
  ...runs.map((r) => [
    r.way,
    String(r.seed),
    String(r.commands),
    String(r.failures.length),
    String(r.longest),
    String(r.mostParts),
    (r.ms / 1000).toFixed(1),
  ]),
];
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const r of rows) process.stdout.write(`| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |\n`);
const failures = runs.flatMap((r) => r.failures.map((f) => `${r.way}: ${f}`));
for (const f of failures.slice(0, 20)) process.stdout.write(`${f}\n`);
if (failures.length > 20) process.stdout.write(`…and ${failures.length - 20} more\n`);
process.exit(failures.length ? 1 : 0);
