/**
 * The composition root: Config -> store -> services -> adapters -> scheduler. The only module
 * of src/ that knows the concrete stores and adapters.
 */
import type { Readable, Writable } from 'node:stream';
import type { Logger } from 'pino';
import { createConsoleAdapter, type ConsoleAdapter } from '../adapters/console/console-adapter.js';
import { createMemoryStore } from '../store/memory-store.js';
import { openLowdbStore } from '../store/lowdb-store.js';
import type { CommandService } from './commands/service.js';
import { createCore } from './core.js';
import type { Config } from './config.js';
import { createHttpListener, type HttpListener } from './http.js';
import { createLogger } from './log.js';
import type { NewsService } from './news/ingest.js';
import type { Tagger } from './places/tagger.js';
import type { ChatAdapter, NewsStore, Notifier, Platform } from './ports.js';
import type { NewsIndex } from './search/news-index.js';

export interface AppOptions {
  log?: Logger;
  /** keep everything in memory (`newsbot parse`) */
  memory?: boolean;
  /** local mode's console; off for CLI commands that answer one thing and exit */
  console?: { input: Readable; output: Writable; interactive?: boolean; chatId?: string } | false;
}

export interface App {
  config: Config;
  log: Logger;
  store: NewsStore;
  index: NewsIndex;
  tagger: Tagger;
  news: NewsService;
  commands: CommandService;
  adapters: ChatAdapter[];
  console?: ConsoleAdapter;
  http?: HttpListener;
  notifiers: Map<Platform, Notifier>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function createApp(config: Config, opts: AppOptions = {}): Promise<App> {
  const log = opts.log ?? createLogger(config.logLevel);
  const store = opts.memory ? createMemoryStore() : await openLowdbStore(config.dbPath);
  const { index, tagger, news, commands } = createCore({ store, defaultSchedule: config.defaultSchedule, sources: config.sources, pollMinutes: config.pollMinutes });

  const wantsHttp = config.portSet || !!config.telegram?.webhook || (!!config.slack && !config.slack.appToken);
  const http = wantsHttp ? createHttpListener(log) : undefined;
  http?.route('/healthz', (_req, res) => {
    const body = { ok: true, items: index.size, sources: store.sources(), adapters: adapters.map((a) => a.platform) };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });

  const adapters: ChatAdapter[] = [];
  // The SDKs take most of a second to load: only a configured platform pays for its own.
  if (config.telegram) {
    const { createTelegramAdapter } = await import('../adapters/telegram/index.js');
    adapters.push(createTelegramAdapter({ config: config.telegram, commands, store, http, log }));
  }
  if (config.slack) {
    const { createSlackAdapter } = await import('../adapters/slack/index.js');
    adapters.push(createSlackAdapter({ config: config.slack, commands, store, http, log }));
  }
  let consoleAdapter: ConsoleAdapter | undefined;
  if (config.local && opts.console) {
    consoleAdapter = createConsoleAdapter({ commands, log, ...opts.console });
    adapters.push(consoleAdapter);
  }
  const notifiers = new Map(adapters.map((a) => [a.platform, a.notifier] as const));

  return {
    config, log, store, index, tagger, news, commands, adapters, console: consoleAdapter, http, notifiers,
    async start() {
      if (http) {
        const port = await http.listen(config.port);
        log.info({ port }, 'HTTP listener ready');
      }
      for (const a of adapters) await a.start();
    },
    async stop() {
      for (const a of [...adapters].reverse()) await a.stop().catch((err) => log.error({ err, platform: a.platform }, 'adapter stop failed'));
      await http?.close();
      await store.close();
    },
  };
}
