/**
 * `npm start`: the long-running service. Local mode (no platform token) reads commands from
 * standard input; with a token, the platform adapters run and standard input is left alone.
 */
import { pathToFileURL } from 'node:url';
import { createApp, type App } from './app.js';
import { ConfigError, loadConfig, loadDotEnv } from './config.js';
import { SettingsError, StoreError, UnreachableError } from './ports.js';
import { surviveUnhandledRejections } from './survive.js';

/**
 * What a failure at start-up means for a person: a setting or a store they can fix (exit 2,
 * no stack trace), a platform out of reach (exit 1, no stack trace), or a fault of ours (the stack).
 */
export function problemOf(err: unknown): { code: number; message: string } {
  if (err instanceof ConfigError || err instanceof SettingsError || err instanceof StoreError)
    return { code: 2, message: err.message };
  if (err instanceof UnreachableError) return { code: 1, message: err.message };
  return { code: 1, message: (err as Error)?.stack ?? String(err) };
}

/** Prints a problem a person can act on and exits. */
export function exitWith(err: unknown): never {
  const { code, message } = problemOf(err);
  process.stderr.write(`newsbot: ${message}\n`);
  process.exit(code);
}

export async function serve(): Promise<void> {
  // First thing: a signal that comes while the service is still starting (reading a large store,
  // waiting on a slow source) stops it as gracefully as one that comes later.
  const started: { app?: App } = {};
  let stopping: string | undefined;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = signal;
    // Before the app exists there is nothing to stop yet: the start-up below stops it once made.
    if (!started.app) return;
    started.app.log.info({ signal }, 'stopping');
    await started.app.stop();
    // Replies still on their way to a slow reader (a pipe) are shown before the process ends.
    await started.app.console?.flushed();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  loadDotEnv();
  const config = loadConfig();
  const interactive = !!process.stdin.isTTY;
  const app = await createApp(config, {
    console: config.local ? { input: process.stdin, output: process.stdout, interactive } : false,
  });
  started.app = app;
  surviveUnhandledRejections(process, app.log);
  if (stopping) {
    const signal = stopping;
    stopping = undefined;
    return stop(signal);
  }

  // A second service on the store leaves the sources to the one holding its lease (see App.start).
  const lease = await app.takeLease();
  const reports = lease.ok ? await app.ingest() : [];
  for (const r of reports) {
    if (r.ok) app.log.info({ source: r.source, added: r.added, updated: r.updated }, 'source read');
    // In local mode the banner reports a failed source; a log line would say it twice.
    else if (!app.console) app.log.warn({ source: r.source, error: r.error }, 'source failed');
  }
  await app.start();

  if (app.console) {
    const failed = reports.filter((r) => !r.ok).map((r) => `  ${r.source}: ${r.error}`);
    process.stderr.write(
      [
        `migration-news-bot: local mode (no TELEGRAM_BOT_TOKEN or SLACK_BOT_TOKEN set).`,
        `${await app.itemCount()} news items from ${config.sources.length} source(s)${failed.length ? '; failed:\n' + failed.join('\n') : ''}.`,
        lease.ok
          ? ''
          : `Another newsbot (${lease.holder}) is already sending the digests of this store. This one answers ` +
            'reading commands, changes no subscription and polls no sources; it takes over once that one stops, ' +
            'within half a minute if it was killed. If that one still runs, stop one of them.',
        interactive
          ? 'Type a command, such as: latest, country costa rica, search recruitment, help. Ctrl-D quits.'
          : '',
      ]
        .filter(Boolean)
        .join('\n') + '\n',
    );
    // The first prompt after the banner, not before it.
    app.console.prompt();
    await app.console.finished;
    await stop('end of input');
  } else {
    app.log.info({ adapters: app.platforms() }, 'service ready');
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  serve().catch(exitWith);
}
