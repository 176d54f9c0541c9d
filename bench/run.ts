/** `npm run bench`: every measured target, as one table. Sections run alone with an argument: `npm run bench -- core`. */
import { printTable, type Row } from './lib.js';

const sections: Record<string, () => Promise<Row[]>> = {
  core: async () => (await import('./core.js')).benchCore(),
  telegram: async () => (await import('./telegram.js')).benchTelegram(),
  slack: async () => (await import('./slack.js')).benchSlack(),
  digest: async () => (await import('./digest.js')).benchDigest(),
};

const wanted = process.argv.slice(2);
const rows: Row[] = [];
for (const [name, run] of Object.entries(sections)) {
  if (wanted.length && !wanted.includes(name)) continue;
  process.stderr.write(`bench: ${name}…\n`);
  rows.push(...(await run()));
}
printTable(rows);
process.exit(0);
