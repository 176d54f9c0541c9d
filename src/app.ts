/**
 * The composition root: Config -> store -> services -> adapters -> scheduler. The only module
 * of src/ that knows the concrete stores and adapters.
 */
import type { Readable, Writable } from 'node:stream';
import type { Logger } from 'pino';
import {
  createConsoleAdapter,
  type ConsoleAdapter,
  type ConsoleAnswer,
} from '../adapters/console/console-adapter.js';
import { createMemoryStore } from '../store/memory-store.js';
import { openLowdbStore } from '../store/lowdb-store.js';
import { sendDueDigests, type DeliveryReport } from './digest/deliver.js';
import { createLeaseKeeper, type TakeResult } from './digest/lease-keeper.js';
import { createScheduler, type Scheduler } from './digest/scheduler.js';
import { createCore } from './core.js';
import type { Config, StoreConfig } from './config.js';
import { healthRoute } from './health.js';
import { createHttpListener } from './http.js';
import { createLogger } from './log.js';
import type { IngestReport } from './news/ingest.js';
import type { ChatAdapter, NewsStore, Platform } from './ports.js';
import type { Reply } from './reply.js';
import { itemFiling } from './search/filing.js';
import { sourceLabels } from './news/source-labels.js';

export interface AppOptions {
  log?: Logger;
  /** keep everything in memory (`newsbot parse`) */
  memory?: boolean;
  /** local mode's console; off for CLI commands that answer one thing and exit */
  console?: { input: Readable; output: Writable; interactive?: boolean; chatId?: string } | false;
  /** how often a service refused the scheduler lease asks again (default LEASE_RETRY_MS) */
  leaseRetryMs?: number;
}

/** The service, composed: what the entry points start, stop and ask. */
export interface App {
  readonly log: Logger;
  /** where the store lives, for messages */
  readonly location: string;
  /** several instances may change the store at once (PostgreSQL): nothing need be refused beside a service */
  readonly shared: boolean;
  /** local mode's console: its first prompt, the end of its input, and its last replies taken by the reader */
  readonly console?: { prompt(): void; readonly finished: Promise<void>; flushed(): Promise<void> };
  /** reads sources into the store: the given ones, or else the configured ones */
  ingest(sources?: string[], now?: Date): Promise<IngestReport[]>;
  /** reads the configured sources whose time has come (what the scheduler does each poll) */
  poll(now: Date): Promise<IngestReport[]>;
  /** one command, as the console answers it (local mode) */
  ask(text: string): Promise<Reply>;
  /** the same, with the error when the command failed (`newsbot ask` exits on it) */
  answer(text: string): Promise<ConsoleAnswer>;
  /** delivers every digest due at `now` (the scheduler's run, and `digests send-due`) */
  sendDue(now: Date): Promise<DeliveryReport>;
  /**
   * Takes the store's scheduler lease. Not ok, with who holds it, when another process does:
   * that one sends the digests.
   */
  takeLease(): Promise<TakeResult>;
  /** who holds the lease, when another process does; nothing is taken */
  leaseHolder(): Promise<string | undefined>;
  /** the number of items in the store */
  itemCount(): Promise<number>;
  /** the platforms whose adapters run */
  platforms(): Platform[];
  /** the HTTP listener's port, once it listens */
  port(): number | undefined;
  /**
   * Listens, starts the adapters, the scheduler under the lease (unless `scheduler: false`),
   * and then builds the full-text index in the background (searches wait for it, nothing else).
   */
  start(opts?: { scheduler?: boolean }): Promise<void>;
  /** stops taking work, waits for the message in flight, closes the store, releases the lease */
  stop(): Promise<void>;
}

/** The store the settings name: lowdb files, or a PostgreSQL database (its client loads only then). */
async function openStore(s: StoreConfig, log: Logger, memory?: boolean): Promise<NewsStore> {
  if (memory) return createMemoryStore(itemFiling);
  if (s.kind === 'lowdb') return openLowdbStore(s.path, itemFiling, { log });
  const { openPgStore } = await import('../store/pg/pg-store.js');
  const ttl = s.leaseTtlMs;
  return openPgStore(s.url, itemFiling, { log, lease: ttl ? { ttlMs: ttl, renewMs: ttl / 5 } : undefined });
}

export async function createApp(config: Config, opts: AppOptions = {}): Promise<App> {
  const log = opts.log ?? createLogger(config.logLevel);
  const store = await openStore(config.store, log, opts.memory);
  // A second process on a store of files (a service started twice by mistake) answers questions
  // but changes nothing: the one holding the store would write over it. A database takes changes
  // from every instance.
  const writable = () => !!store.shared || !keeper.waiting();
  const labels = sourceLabels(config.sourceEntries);
  const { news, commands, services } = createCore({
    store,
    defaultSchedule: config.defaultSchedule,
    sources: config.sources,
    sourceLabels: labels,
    pollMinutes: config.pollMinutes,
    writable,
    requests: store.requests,
  });

  const wantsHttp =
    config.portSet || !!config.telegram?.webhook || (!!config.slack && !config.slack.appToken);
  const http = wantsHttp ? createHttpListener(log) : undefined;
  http?.route(
    '/healthz',
    healthRoute({
      store,
      sources: config.sources,
      itemCount: () => store.items.count(),
      adapters: () => adapters.map((a) => a.platform),
    }),
  );

  const adapters: ChatAdapter[] = [];
  // The SDKs take most of a second to load: only a configured platform pays for its own.
  if (config.telegram) {
    const { createTelegramAdapter } = await import('../adapters/telegram/index.js');
    adapters.push(
      createTelegramAdapter({
        settings: config.telegram,
        core: services,
        http,
        log,
        inFlight: config.telegram.inFlight,
      }),
    );
  }
  if (config.slack) {
    const { createSlackAdapter } = await import('../adapters/slack/index.js');
    adapters.push(
      createSlackAdapter({
        settings: config.slack,
        core: services,
        http,
        log,
        pipeline: { inFlight: config.slack.inFlight },
      }),
    );
  }
  let consoleAdapter: ConsoleAdapter | undefined;
  if (config.local && opts.console) {
    consoleAdapter = createConsoleAdapter({ commands, log, ...opts.console });
    adapters.push(consoleAdapter);
  }
  const notifiers = new Map(adapters.map((a) => [a.platform, a.notifier] as const));

  let stopping = false;
  let scheduler: Scheduler | undefined;
  /** `leased`: a run of the scheduler, which stops between digests once the lease is no longer this process's */
  const sendDue = (now: Date, leased = false) =>
    sendDueDigests(
      {
        store,
        notifiers,
        defaultSchedule: config.defaultSchedule,
        log,
        sourceLabels: labels,
        // Another instance takes the lease over once it runs out: this one must have stopped sending by then.
        stopping: () => stopping || (leased && !lease.held()),
      },
      now,
    ).then((r) => {
      if (r.due) log.info(r, 'digests run');
      return r;
    });
  const lease = store.lease();
  const keeper = createLeaseKeeper({
    lease,
    log,
    // A shorter lease is asked for again as often, so a takeover stays within TTL and a half.
    retryMs:
      opts.leaseRetryMs ??
      (config.store.kind === 'postgres' && config.store.leaseTtlMs ? config.store.leaseTtlMs / 2 : undefined),
    async start({ takeover }) {
      scheduler = createScheduler({
        sendDue: (now) => sendDue(now, true),
        poll: (now) =>
          news.pollDue(config.sources, now).then((reports) => {
            const added = reports.reduce((n, r) => n + r.added, 0);
            const failed = reports.filter((r) => !r.ok).map((r) => r.source);
            log.info({ sources: reports.length, added, failed }, 'sources read');
            return reports;
          }),
        pollMinutes: config.pollMinutes,
        // At its own start the service has just read its sources (main.ts); one taking over has not.
        pollAtStart: takeover,
        log,
      });
      await scheduler.start();
    },
    async stop() {
      await scheduler?.stop();
      scheduler = undefined;
    },
  });

  const answer = (text: string) => {
    if (!consoleAdapter) throw new Error('ask needs the console adapter (createApp with `console`)');
    return consoleAdapter.ask(text);
  };

  let port: number | undefined;
  return {
    log,
    location: store.location,
    shared: !!store.shared,
    console: consoleAdapter,
    ingest: (sources = config.sources, now = new Date()) => news.ingestAll(sources, now),
    poll: (now) => news.pollDue(config.sources, now),
    answer,
    ask: async (text) => (await answer(text)).reply,
    sendDue: (now) => sendDue(now),
    takeLease: keeper.take,
    leaseHolder: () => lease.heldElsewhere(),
    itemCount: () => store.items.count(),
    platforms: () => adapters.map((a) => a.platform),
    port: () => port,
    async start(startOpts = {}) {
      if (http) {
        port = await http.listen(config.port);
        log.info({ port }, 'HTTP listener ready');
      }
      for (const a of adapters) await a.start();
      if (startOpts.scheduler !== false) await keeper.keep();
      const t0 = Date.now();
      void store.items.searchReady().then(
        () => log.info({ ms: Date.now() - t0 }, 'search index ready'),
        // The first search builds it again.
        (err) => log.warn({ err }, 'the search index could not be built yet'),
      );
    },
    async stop() {
      stopping = true;
      await keeper.stop();
      for (const a of [...adapters].reverse())
        await a.stop().catch((err) => log.error({ err, platform: a.platform }, 'adapter stop failed'));
      await http?.close();
      await store.close();
      await lease.release();
    },
  };
}
