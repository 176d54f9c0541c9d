/**
 * The `newsbot` command line: parse, ingest, ask, digests send-due, serve.
 * Results go to standard output, problems to standard error with a non-zero exit.
 */
import { Command, CommanderError, Option } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { PassThrough, type Writable } from 'node:stream';
import { createApp, type App } from './app.js';
import { loadConfig, loadDotEnv } from './config.js';
import type { IngestReport } from './news/ingest.js';
import { FORMATS, type Format } from './news/parse/index.js';
import { readSource, SourceProblem } from './news/read-source.js';
import { problemOf, serve } from './main.js';
import { describeCommand } from './commands/service.js';
import { renderAnswer } from '../adapters/console/render-text.js';

/** Where a run of the command line reads its settings and writes: the process's own, or a test's. */
export interface CliIO {
  out: Writable;
  err: Writable;
  /** the settings; the process's environment when absent (src/config.ts reads it) */
  env?: NodeJS.ProcessEnv;
}

/** A problem with what was asked: said on standard error, exit 1. */
class UsageProblem extends Error {}

const line = (w: Writable, s: string) => void w.write(`${s}\n`);

async function parseCommand(io: CliIO, source: string, opts: { format?: Format; json?: boolean }) {
  const { items, warnings, format } = await readSource(source, { format: opts.format });
  for (const w of warnings) line(io.err, `newsbot parse: ${source}: ${w}`);
  for (const it of items) {
    if (opts.json) {
      const { id, date, title, summary, url, lang, countries, regions, topics } = it;
      line(io.out, JSON.stringify({ id, date, title, summary, url, lang, countries, regions, topics }));
    } else {
      const tags = [...it.countries, ...it.regions].join(',') || '-';
      const topics = it.topics.length ? `  {${it.topics.join(', ')}}` : '';
      line(io.out, `${it.date ?? '(no date)'}  [${tags}]  ${it.title}${topics}`);
    }
  }
  if (!opts.json) line(io.err, `${items.length} ${items.length === 1 ? 'item' : 'items'} (${format})`);
  return 0;
}

/**
 * A running service on lowdb keeps the store in memory and writes it whole: a change made beside
 * it would be overwritten by its next write. Such a command is refused while one runs. A
 * database takes changes from every instance, so nothing is refused there.
 */
async function refuseBesideService(app: App, what: string): Promise<void> {
  if (app.shared) return;
  const holder = await app.leaseHolder();
  if (holder === undefined) return;
  await app.stop();
  throw new UsageProblem(
    `a newsbot service (${holder}) is running on this store (${app.location}), and it would overwrite what ${what} writes. ` +
      'Type the command in that service (its console or a chat), or stop it first; reading commands (latest, country, search) work beside it.',
  );
}

async function ingestCommand(io: CliIO, sources: string[]) {
  const config = loadConfig(io.env);
  const app = await createApp(config, { console: false });
  await refuseBesideService(app, 'ingest');
  const reports: IngestReport[] = [];
  // A source at a time, each reported once read: when the store stops taking writes (a full
  // disk), what was read before is said, and the failure ends the run with the store's message.
  try {
    for (const source of sources.length ? sources : config.sources) {
      const [r] = await app.ingest([source]);
      report(io, r);
      reports.push(r);
    }
  } catch (err) {
    await app.stop().catch(() => {});
    throw err;
  }
  line(io.out, `${await app.itemCount()} items in ${app.location}`);
  await app.stop();
  return reports.some((r) => !r.ok) ? 1 : 0;
}

/** One source's line: what it brought, on standard output, or why it failed, on standard error. */
function report(io: CliIO, r: IngestReport) {
  if (!r.ok) {
    line(io.err, `${r.source}: failed: ${r.error}`);
    return;
  }
  const what = r.notModified
    ? 'unchanged since the last read'
    : `${r.read} read, ${r.added} new, ${r.updated} updated`;
  const skipped = r.warnings.length
    ? ` (${r.warnings.length} skipped: ${r.warnings.slice(0, 3).join('; ')})`
    : '';
  line(io.out, `${r.source}: ${what}${skipped}`);
}

async function askCommand(io: CliIO, text: string, opts: { chat?: string; json?: boolean }) {
  // ask always answers through the console, whatever platform tokens are set
  const config = { ...loadConfig(io.env), local: true };
  const app = await createApp(config, {
    console: { input: new PassThrough(), output: io.out, chatId: opts.chat },
  });
  const command = describeCommand(text);
  if (command.changesChat) await refuseBesideService(app, `"${command.name}"`);
  if ((await app.itemCount()) === 0) await app.ingest();
  const { reply, error } = await app.answer(text);
  line(io.out, opts.json ? JSON.stringify(reply, null, 2) : renderAnswer(reply));
  await app.stop();
  if (error === undefined) return 0;
  // The chat's answer above is what a person in the chat sees; the operator gets the cause and the exit code.
  const problem = problemOf(error);
  line(io.err, `newsbot: ${problem.message}`);
  return problem.code;
}

/**
 * `digests send-due [--now ISO]`: delivers every digest due at that moment through the
 * configured platforms (the console's print here), then exits. It takes the store's scheduler
 * lease, so it never sends alongside a running service.
 */
async function sendDueCommand(io: CliIO, opts: { now?: string }) {
  const now = opts.now ? new Date(opts.now) : new Date();
  if (Number.isNaN(now.getTime()))
    throw new UsageProblem(`--now "${opts.now}" is not an ISO-8601 moment, such as 2026-11-30T15:00:00Z`);
  const app = await createApp(loadConfig(io.env), { console: { input: new PassThrough(), output: io.out } });
  const held = await app.takeLease();
  if (!held.ok) {
    await app.stop();
    throw new UsageProblem(
      `another newsbot (${held.holder}) is sending the digests of this store; nothing was sent.`,
    );
  }
  const r = await app.sendDue(now);
  line(
    io.err,
    `digests due at ${now.toISOString()}: ${r.due}; sent ${r.sent}, nothing new ${r.empty}, failed ${r.failed}, paused ${r.paused}, waiting for an adapter ${r.skipped}${r.resent ? `; ${r.resent} message(s) sent again after an interruption (each may have arrived twice)` : ''}`,
  );
  await app.stop();
  return r.failed ? 1 : 0;
}

const COPY_USAGE =
  'usage: newsbot store copy --from data/newsbot.json --to postgres://user:password@host:5432/database';

/**
 * `store copy --from <lowdb file> --to <postgres URL>`: copies a lowdb store into a database and
 * verifies the counts. The database must be empty or hold an earlier copy of this store: then
 * only what is missing is written, and a second run writes nothing.
 */
async function storeCopyCommand(io: CliIO, opts: { from?: string; to?: string }) {
  const { from, to } = opts;
  if (!from || !to)
    throw new UsageProblem(
      `store copy needs both --from (the lowdb store file) and --to (the database).\n${COPY_USAGE}`,
    );
  if (/^postgres(ql)?:/i.test(from) || !/^postgres(ql)?:\/\//i.test(to))
    throw new UsageProblem(
      `store copy copies a lowdb store file (--from) into a PostgreSQL database (--to postgres://…).\n${COPY_USAGE}`,
    );
  if (!existsSync(from) || !statSync(from).isFile())
    throw new UsageProblem(
      `there is no lowdb store file at ${from}: give the path NEWSBOT_DB names for that store (data/newsbot.json by default).\n${COPY_USAGE}`,
    );
  const { itemFiling } = await import('./search/filing.js');
  const { openLowdbStore } = await import('../store/lowdb-store.js');
  const { openPgStore } = await import('../store/pg/pg-store.js');
  const { copyStore, COPIED } = await import('../store/pg/copy.js');
  const source = await openLowdbStore(from, itemFiling);
  try {
    const target = await openPgStore(to, itemFiling);
    try {
      const r = await copyStore(source, target, itemFiling, new Date());
      if (r.conflicts.length) {
        const byKind = COPIED.map((k) => [k, r.conflicts.filter((c) => c.kind === k)] as const).filter(
          ([, list]) => list.length > 0,
        );
        // The first two of each kind: a chat that differs is not hidden behind a hundred items.
        const shown = byKind.flatMap(([k, list]) => [
          ...list.slice(0, 2).map((c) => `  ${k} ${c.key}: ${c.why}`),
          ...(list.length > 2 ? [`  …and ${list.length - 2} more ${k}`] : []),
        ]);
        throw new UsageProblem(
          [
            `${target.location} already holds data that differs from ${from} (${r.conflicts.length} ${r.conflicts.length === 1 ? 'difference' : 'differences'}); nothing was copied:`,
            ...shown,
            'Copy into an empty database (createdb, then --to that one), or, if the data there is not needed, empty it first (DROP DATABASE and create it again).',
          ].join('\n'),
        );
      }
      const width = Math.max(...COPIED.map((k) => k.length));
      for (const k of COPIED) {
        const c = r.counts[k];
        line(
          io.out,
          `${k.padEnd(width)}  ${c.source} in the store, ${c.copied} copied, ${c.target} in the database`,
        );
      }
      const wrong = COPIED.filter((k) => r.counts[k].source !== r.counts[k].target);
      if (wrong.length) {
        line(
          io.err,
          `newsbot: the counts differ after the copy (${wrong.join(', ')}): check the database before using it.`,
        );
        return 1;
      }
      const copied = COPIED.some((k) => r.counts[k].copied > 0);
      line(
        io.out,
        copied
          ? `Copied ${from} to ${target.location}; the counts match.`
          : `Nothing to copy: ${target.location} already holds everything in ${from}; nothing was changed. The counts match.`,
      );
      return 0;
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

function buildCli(io: CliIO, done: (code: number) => void): Command {
  const program = new Command('newsbot')
    .description(
      'Labour-migration news: parse sources, fill the store, ask what a chat would ask, send digests.',
    )
    .showHelpAfterError('(newsbot --help lists the commands)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out.write(s), writeErr: (s) => io.err.write(s) });
  const action =
    <A extends unknown[]>(f: (io: CliIO, ...args: A) => Promise<number>) =>
    async (...args: A) =>
      done(await f(io, ...args));

  program
    .command('parse')
    .description('parse and tag a file or URL; stores nothing')
    .argument('<source>', 'a file path or an http(s) URL')
    .addOption(new Option('--format <format>', 'the format, instead of sniffing it').choices([...FORMATS]))
    .option(
      '--json',
      'one JSON object a line: {id, date, title, summary, url, lang, countries, regions, topics}',
    )
    .action(action(parseCommand));

  program
    .command('ingest')
    .description(
      'fetch the given sources (default: NEWS_SOURCES, or the bundled sample items) into the store',
    )
    .argument('[sources...]', 'file paths or URLs')
    .action(action(ingestCommand));

  program
    .command('ask')
    .description('run one chat command through the console adapter, as local mode would')
    .argument('<command>', 'the command text, quoted: "country costa rica"')
    .option('--chat <id>', 'the console chat to run it in (its subscriptions and language)', 'local')
    .option('--json', 'print the Reply as JSON')
    .action(action(askCommand));

  const digests = program.command('digests').description('weekly digests');
  digests
    .command('send-due')
    .description('deliver every digest due at that moment, then exit')
    .option('--now <iso>', 'the moment, as ISO-8601 (default: now)')
    .action(action(sendDueCommand));

  const store = program.command('store').description('the store itself');
  store
    .command('copy')
    .description(
      'copy a lowdb store into a PostgreSQL database and verify the counts; run again, it changes nothing',
    )
    .showHelpAfterError(COPY_USAGE)
    .option('--from <file>', 'the lowdb store file (what NEWSBOT_DB names), such as data/newsbot.json')
    .option('--to <url>', 'the database: postgres://user:password@host:5432/database')
    .action(action(storeCopyCommand));

  program
    .command('serve')
    .description('run the service (the same as npm start)')
    .action(() => serve());
  return program;
}

/**
 * Runs one command line, in this process, and resolves to its exit code: 0 done, 1 a problem
 * with what was asked or a source, 2 settings or a store that cannot be used. `serve` runs the
 * service and never resolves.
 */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  let code = 0;
  try {
    await buildCli(io, (c) => (code = c)).parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    if (err instanceof UsageProblem || err instanceof SourceProblem) {
      line(io.err, `newsbot: ${err.message}`);
      return 1;
    }
    const problem = problemOf(err);
    line(io.err, `newsbot: ${problem.message}`);
    return problem.code;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // `newsbot parse x --json | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  loadDotEnv();
  void runCli(process.argv.slice(2), { out: process.stdout, err: process.stderr }).then((code) => {
    process.exitCode = code;
  });
}
