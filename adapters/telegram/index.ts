import type { Logger } from 'pino';
import { Telegraf } from 'telegraf';
import type { CommandService } from '../../src/commands/service.js';
import type { Config } from '../../src/config.js';
import type { ChatAdapter, HttpRoutes, NewsStore } from '../../src/ports.js';
import { createAdminCheck } from './admins.js';
import { wireBot } from './bot.js';
import { createCallbackCodec } from './callback-data.js';
import { createTelegramNotifier } from './notifier.js';
import { createPacer, type PacingOptions } from './pacing.js';
import { createSender, type RetryOptions } from './sender.js';
import { createTransport } from './transport.js';

export interface TelegramAdapterOptions {
  config: NonNullable<Config['telegram']>;
  commands: CommandService;
  store: NewsStore;
  /** the shared listener, for webhook mode */
  http?: HttpRoutes;
  log: Logger;
  /** the digest pacing; false sends as fast as the API answers (benchmarks against an unlimited fake) */
  pacing?: Partial<PacingOptions> | false;
  /** 429, 5xx and timeout handling of every send */
  retry?: Partial<RetryOptions>;
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
  const bot = new Telegraf(o.config.token, { telegram: { apiRoot: o.config.apiRoot, webhookReply: false } });
  const codec = createCallbackCodec();
  const sender = createSender({ telegram: bot.telegram, pacer: createPacer(o.pacing), log, retry: o.retry });
  const wired = wireBot({
    bot,
    commands: o.commands,
    store: o.store,
    sender,
    codec,
    admins: createAdminCheck({ telegram: bot.telegram, log, ttlMs: o.adminCacheMs }),
    log,
    now: o.now ?? (() => new Date()),
  });
  const transport = createTransport({
    bot,
    config: o.config,
    http: o.http,
    log,
    idle: () => Promise.all([wired.idle(), sender.idle()]).then(() => {}),
  });

  return {
    platform: 'telegram',
    bot,
    notifier: createTelegramNotifier({ sender, codec }),
    start: () => transport.start(),
    stop: () => transport.stop(),
  };
}
