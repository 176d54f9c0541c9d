import type { Logger } from 'pino';
import type { Telegraf } from 'telegraf';
import type { BotCommand } from 'telegraf/types';
import { LANGS, type Lang } from '../../src/i18n/index.js';
import { SettingsError, UnreachableError, type HttpRoutes } from '../../src/ports.js';
import { within } from '../shared/in-flight.js';
import { isTelegramError } from './api-errors.js';
import { ALLOWED_UPDATES } from './bot.js';
import type { TelegramSettings } from './index.js';
import { guardUpdate } from './webhook-guard.js';

export interface Transport {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface TransportOptions {
  bot: Telegraf;
  settings: TelegramSettings;
  /** the command menu in a language */
  menu: (lang: Lang) => BotCommand[];
  http?: HttpRoutes;
  log: Logger;
  /** resolves when the updates in hand are handled and their replies sent */
  idle: () => Promise<void>;
  /** how long stop() waits for work in hand */
  drainMs?: number;
}

const DEFAULT_ROOT = 'https://api.telegram.org';

/**
 * How updates reach the bot: long polling by default, or Telegram's webhook on the shared HTTP
 * listener when TELEGRAM_WEBHOOK_URL is set. Start-up checks the token first, so a wrong one
 * stops the service with a message naming the setting, and registers the command menus.
 */
export function createTransport(o: TransportOptions): Transport {
  const { bot, log } = o;
  const root = o.settings.apiRoot ?? DEFAULT_ROOT;
  let polling: Promise<void> | undefined;
  let stopping = false;

  async function checkToken() {
    try {
      bot.botInfo = await bot.telegram.getMe();
    } catch (err) {
      if (isTelegramError(err) && (err.code === 401 || err.code === 404)) {
        throw new SettingsError(
          `TELEGRAM_BOT_TOKEN was refused by the Telegram Bot API at ${root} (${err.code} ${err.description}): copy the token again from @BotFather (/mybots, API Token) and set TELEGRAM_BOT_TOKEN to it`,
        );
      }
      throw new UnreachableError(
        `Could not reach the Telegram Bot API at ${root} to check TELEGRAM_BOT_TOKEN: ${(err as Error).message}. Check the network, or TELEGRAM_API_ROOT.`,
        { cause: err },
      );
    }
  }

  async function registerMenus() {
    for (const lang of LANGS) {
      try {
        // English is the default for every user; other languages are offered to users whose Telegram speaks them.
        await bot.telegram.setMyCommands(o.menu(lang), lang === 'en' ? {} : { language_code: lang });
      } catch (err) {
        log.warn({ err, lang }, 'could not register the command menu; commands still work when typed');
      }
    }
  }

  function startWebhook(webhook: { url: string; secret: string }) {
    if (!o.http) throw new Error('Telegram webhook mode needs the HTTP listener (PORT)');
    const url = new URL(webhook.url);
    // telegraf checks the path and the X-Telegram-Bot-Api-Secret-Token header; a request failing
    // either gets 403 and never reaches a handler. The guard checks the secret, the body's size
    // and its shape before anything is read into memory (webhook-guard.ts).
    const callback = bot.webhookCallback(url.pathname + url.search, { secretToken: webhook.secret });
    o.http.route(url.pathname, async (req, res) => {
      if (stopping) {
        // Telegram keeps the update and delivers it again: to this service once it is back.
        res.writeHead(503).end();
        return;
      }
      const update = await guardUpdate(req, res, { secret: webhook.secret, log });
      if (!update) return;
      // telegraf takes a body already read as the update (as behind Express).
      await callback(Object.assign(req, { body: update }), res);
    });
    return bot.telegram.setWebhook(webhook.url, {
      secret_token: webhook.secret,
      allowed_updates: [...ALLOWED_UPDATES],
    });
  }

  function startPolling(): Promise<void> {
    return new Promise((resolve) => {
      // launch() resolves only when polling ends; its callback says it has begun.
      polling = bot.launch({ allowedUpdates: [...ALLOWED_UPDATES] }, resolve).catch((err) => {
        if (stopping) return;
        const hint =
          isTelegramError(err) && err.code === 409
            ? 'another process is polling with this TELEGRAM_BOT_TOKEN, or a webhook is set; run one instance'
            : 'no more Telegram updates will arrive until the service restarts';
        log.error({ err }, `Telegram polling stopped: ${hint}`);
        resolve();
      });
    });
  }

  return {
    async start() {
      await checkToken();
      await registerMenus();
      if (o.settings.webhook) await startWebhook(o.settings.webhook);
      else await startPolling();
      log.info(
        { bot: bot.botInfo?.username, mode: o.settings.webhook ? 'webhook' : 'polling' },
        'Telegram bot ready',
      );
    },
    async stop() {
      stopping = true;
      const drainMs = o.drainMs ?? 5_000;
      if (polling) {
        let ended = false;
        void polling.then(() => (ended = true));
        const deadline = Date.now() + drainMs;
        // Between launch()'s start and its first getUpdates telegraf says it is "not running";
        // stopping then would let polling begin afterwards, so keep asking until it takes.
        while (!ended && Date.now() < deadline) {
          try {
            bot.stop('service stopping');
            break;
          } catch {
            await new Promise((r) => setTimeout(r, 10));
          }
        }
        // The webhook, if one was ever set, is left alone: nothing is deleted on the way out.
        await within(polling, Math.max(0, deadline - Date.now()));
      }
      await within(o.idle(), drainMs);
    },
  };
}
