import type { Logger } from 'pino';
import { Telegraf } from 'telegraf';
import type { ChatAdapter, CoreServices, HttpRoutes } from '../../src/ports.js';
import { createAdminCheck } from './admins.js';
import { wireBot } from './bot.js';
import { createCallbackCodec } from './callback-data.js';
import type { RetryPolicy } from '../shared/retry.js';
import { createTelegramNotifier } from './notifier.js';
import { installTelegramPipeline, type TelegramLimits } from './pipeline.js';
import { createSender } from './sender.js';
import { createTransport } from './transport.js';

/** The adapter's own settings (TELEGRAM_* in the environment). */
export interface TelegramSettings {
  token: string;
  /** another Bot API server (a self-hosted one, a test fake); default the public one */
  apiRoot?: string;
  /** webhook mode: Telegram posts updates to `url`, whose path is served on the shared listener */
  webhook?: { url: string; secret: string };
}

export interface TelegramAdapterOptions {
  settings: TelegramSettings;
  /** what the adapter may ask of the core */
  core: CoreServices;
  /** the shared listener, for webhook mode */
  http?: HttpRoutes;
  log: Logger;
  /** Telegram's limits the pipeline keeps; false sends as fast as the API answers (benchmarks, tests) */
  pacing?: Partial<TelegramLimits> | false;
  /** 429, 5xx and timeout handling of every API call */
  retry?: Partial<RetryPolicy>;
  /** K, digest messages in flight at once (default TELEGRAM_IN_FLIGHT) */
  inFlight?: number;
  /** how long an administrator check is remembered */
  adminCacheMs?: number;
  /** the clock commands see (tests) */
  now?: () => Date;
}

export interface TelegramAdapter extends ChatAdapter {
  /** the telegraf bot: `bot.handleUpdate` feeds an update as webhook and polling do */
  readonly bot: Telegraf;
}

/**
 * The Telegram adapter: a telegraf bot answering the command grammar in private chats, groups
 * and channels, and the Notifier digests go out through. Nothing touches the network until
 * start(), except the notifier when it is asked to send.
 */
export function createTelegramAdapter(o: TelegramAdapterOptions): TelegramAdapter {
  const log = o.log.child({ platform: 'telegram' });
  // webhookReply off: the first API call of a handler must really be made, for its message id.
  const bot = new Telegraf(o.settings.token, {
    telegram: { apiRoot: o.settings.apiRoot, webhookReply: false },
  });
  const codec = createCallbackCodec();
  // Installed first: every API call, the bot's and each update's, passes it.
  const pipeline = installTelegramPipeline(bot, {
    limits: o.pacing,
    retry: o.retry,
    inFlight: o.inFlight,
    log,
  });
  const sender = createSender({ pipeline, log });
  const wired = wireBot({
    bot,
    core: o.core,
    sender,
    codec,
    admins: createAdminCheck({ telegram: bot.telegram, log, ttlMs: o.adminCacheMs }),
    log,
    now: o.now ?? (() => new Date()),
  });
  const transport = createTransport({
    bot,
    settings: o.settings,
    menu: (lang) => o.core.commands.menu(lang),
    http: o.http,
    log,
    idle: () => Promise.all([wired.idle(), sender.idle(), pipeline.idle()]).then(() => {}),
  });

  return {
    platform: 'telegram',
    bot,
    notifier: createTelegramNotifier({ sender, codec }),
    start: () => transport.start(),
    stop: () => transport.stop(),
  };
}
