/**
 * The `newsbot` command line: parse, ingest, ask, digests send-due, serve.
 * Results go to standard output, problems to standard error with a non-zero exit.
 */
import { Command, Option } from 'commander';
import { pathToFileURL } from 'node:url';
import { PassThrough } from 'node:stream';
import { createApp, type App } from './app.js';
import { loadConfig, loadDotEnv } from './config.js';
import { FORMATS, type Format } from './news/parse/index.js';
import { readSource, SourceProblem } from './news/read-source.js';
import { exitWith, serve } from './main.js';
import { describeCommand } from './commands/service.js';
import { renderText } from '../adapters/console/render-text.js';

const out = (s: string) => process.stdout.write(`${s}\n`);

class UsageProblem extends Error {}

async function parseCommand(source: string, opts: { format?: Format; json?: boolean }) {
  const { items, warnings, format } = await readSource(source, { format: opts.format });
  for (const w of warnings) process.stderr.write(`newsbot parse: ${source}: ${w}\n`);
  for (const it of items) {
    if (opts.json) {
      out(
        JSON.stringify({
          id: it.id,
          date: it.date,
          title: it.title,
          summary: it.summary,
          url: it.url,
          lang: it.lang,
          countries: it.countries,
          regions: it.regions,
          topics: it.topics,
        }),
      );
    } else {
      const tags = [...it.countries, ...it.regions].join(',') || '-';
      out(
        `${it.date ?? '(no date)'}  [${tags}]  ${it.title}${it.topics.length ? `  {${it.topics.join(', ')}}` : ''}`,
      );
    }
  }
  if (!opts.json)
    process.stderr.write(`${items.length} ${items.length === 1 ? 'item' : 'items'} (${format})\n`);
}

/**
 * A running service keeps the store in memory and writes it whole: a change made beside it
 * would be overwritten by its next write. Such a command is refused while one runs.
 */
async function refuseBesideService(app: App, what: string): Promise<void> {
  const holder = await app.store.lease().heldElsewhere();
  if (holder === undefined) return;
  await app.stop();
  throw new UsageProblem(
    `a newsbot service (${holder}) is running on this store (${app.config.dbPath}), and it would overwrite what ${what} writes. ` +
      'Type the command in that service (its console or a chat), or stop it first; reading commands (latest, country, search) work beside it.',
  );
}

async function ingestCommand(sources: string[]) {
  const config = loadConfig();
  const app = await createApp(config, { console: false });
  await refuseBesideService(app, 'ingest');
  const list = sources.length ? sources : config.sources;
  const reports = await app.news.ingestAll(list, new Date());
  for (const r of reports) {
    if (r.ok)
      out(
        `${r.source}: ${r.notModified ? 'unchanged since the last read' : `${r.read} read, ${r.added} new, ${r.updated} updated`}${r.warnings.length ? ` (${r.warnings.length} skipped: ${r.warnings.slice(0, 3).join('; ')})` : ''}`,
      );
    else process.stderr.write(`${r.source}: failed: ${r.error}\n`);
  }
  out(`${app.store.items().length} items in ${app.store.location}`);
  await app.stop();
  if (reports.some((r) => !r.ok)) process.exitCode = 1;
}

async function askCommand(text: string, opts: { chat?: string; json?: boolean }) {
  // ask always answers through the console, whatever platform tokens are set
  const config = { ...loadConfig(), local: true };
  const app = await createApp(config, {
    console: { input: new PassThrough(), output: process.stdout, chatId: opts.chat },
  });
  const command = describeCommand(text);
  if (command.changesChat) await refuseBesideService(app, `"${command.name}"`);
  if (app.store.items().length === 0) await app.news.ingestAll(config.sources, new Date());
  const reply = await app.console!.ask(text);
  out(opts.json ? JSON.stringify(reply, null, 2) : renderText(reply));
  await app.stop();
}

export function buildCli(): Command {
  const program = new Command('newsbot')
    .description(
      'Labour-migration news: parse sources, fill the store, ask what a chat would ask, send digests.',
    )
    .showHelpAfterError('(newsbot --help lists the commands)');

  program
    .command('parse')
    .description('parse and tag a file or URL; stores nothing')
    .argument('<source>', 'a file path or an http(s) URL')
    .addOption(new Option('--format <format>', 'the format, instead of sniffing it').choices([...FORMATS]))
    .option(
      '--json',
      'one JSON object a line: {id, date, title, summary, url, lang, countries, regions, topics}',
    )
    .action(parseCommand);

  program
    .command('ingest')
    .description(
      'fetch the given sources (default: NEWS_SOURCES, or the bundled sample items) into the store',
    )
    .argument('[sources...]', 'file paths or URLs')
    .action(ingestCommand);

  program
    .command('ask')
    .description('run one chat command through the console adapter, as local mode would')
    .argument('<command>', 'the command text, quoted: "country costa rica"')
    .option('--chat <id>', 'the console chat to run it in (its subscriptions and language)', 'local')
    .option('--json', 'print the Reply as JSON')
    .action(askCommand);

  const digests = program.command('digests').description('weekly digests');
  digests
    .command('send-due')
    .description('deliver every digest due at that moment, then exit')
    .option('--now <iso>', 'the moment, as ISO-8601 (default: now)')
    .action(async (opts: { now?: string }) => {
      const { sendDueCommand } = await import('./digest/send-due-command.js');
      await sendDueCommand(opts);
    });

  program.command('serve').description('run the service (the same as npm start)').action(serve);
  return program;
}

export async function runCli(argv: string[]): Promise<void> {
  // `newsbot parse x --json | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  loadDotEnv();
  try {
    await buildCli().parseAsync(argv);
  } catch (err) {
    if (err instanceof UsageProblem || err instanceof SourceProblem) {
      process.stderr.write(`newsbot: ${err.message}\n`);
      process.exit(1);
    }
    exitWith(err);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void runCli(process.argv);
}
