/**
 * `npm run bench`: every measured target, as one table. Sections run alone with an argument:
 * `npm run bench -- core`. Each section runs in a process of its own, so one section's heap
 * (a 100,000-item store) and its leftover timers never slow the next.
 */
import { spawnSync } from 'node:child_process';
import { printTable, type Row } from './lib.js';

const sections: Record<string, () => Promise<Row[]>> = {
  core: async () => (await import('./core.js')).benchCore(),
  telegram: async () => (await import('./telegram.js')).benchTelegram(),
  slack: async () => (await import('./slack.js')).benchSlack(),
  digest: async () => (await import('./digest.js')).benchDigest(),
  search: async () => (await import('./search.js')).benchSearch(),
  store: async () => (await import('./store.js')).benchStore(),
};

const args = process.argv.slice(2);
const asJson = args.includes('--rows-json');
const wanted = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--sizes');
const unknown = wanted.filter((w) => !(w in sections));
if (unknown.length) {
  process.stderr.write(
    `bench: no section ${unknown.join(', ')}; the sections are ${Object.keys(sections).join(', ')}\n`,
  );
  process.exit(2);
}

const rows: Row[] = [];
if (wanted.length === 1) {
  process.stderr.write(`bench: ${wanted[0]}…\n`);
  rows.push(...(await sections[wanted[0]]()));
} else {
  for (const name of wanted.length ? wanted : Object.keys(sections)) {
    const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1], name, '--rows-json'], {
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    if (child.status !== 0) {
      process.stderr.write(`bench: section ${name} failed (exit ${child.status ?? child.signal})\n`);
      process.exit(1);
    }
    rows.push(...JSON.parse(child.stdout.trim().split('\n').pop()!));
  }
}
if (asJson) process.stdout.write(JSON.stringify(rows) + '\n');
else printTable(rows);
process.exit(0);
