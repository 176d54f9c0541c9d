/**
 * A Telegram adapter over a test core, pointed at the fake Bot API, and updates as Telegram
 * sends them. Everything a test starts here is closed by `close()`.
 */
import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import type { Update } from 'telegraf/types';
import {
  createTelegramAdapter,
  type TelegramAdapter,
  type TelegramAdapterOptions,
} from '../../adapters/telegram/index.js';
import type { Core } from '../../src/core.js';
import { createHttpListener, type HttpListener } from '../../src/http.js';
import { startFakeTelegram, type FakeTelegramApi, type FakeTelegramOptions } from '../fakes/telegram-api.js';
import { makeCore, NOW } from '../helpers/core.js';
import { silentLog } from '../helpers/logs.js';

export const users = {
  ana: { id: 1001, is_bot: false, first_name: 'Ana', language_code: 'es' },
  bob: { id: 1002, is_bot: false, first_name: 'Bob', language_code: 'en' },
  carla: { id: 1003, is_bot: false, first_name: 'Carla', language_code: 'es-419' },
  dan: { id: 1004, is_bot: false, first_name: 'Dan', language_code: 'en' },
  anonymousAdmin: { id: 1087968824, is_bot: true, first_name: 'Group', username: 'GroupAnonymousBot' },
} as const;

export type TgUser = (typeof users)[keyof typeof users];
export type TgChat = {
  id: number;
  type: 'private' | 'group' | 'supergroup' | 'channel';
  title?: string;
  first_name?: string;
};

export const privateChat = (u: TgUser): TgChat => ({ id: u.id, type: 'private', first_name: u.first_name });
export const group: TgChat = { id: -4001, type: 'group', title: 'Migración laboral CA' };
export const supergroup: TgChat = { id: -1001234567890, type: 'supergroup', title: 'Migración laboral CA' };
export const channel: TgChat = { id: -1009876543210, type: 'channel', title: 'Noticias de migración' };

let updateId = 1;
let messageId = 1;

const commandEntity = (text: string) => {
  const m = /^\/\S+/.exec(text);
  return m ? { entities: [{ type: 'bot_command', offset: 0, length: m[0].length }] } : {};
};

export function message(
  chat: TgChat,
  from: TgUser | undefined,
  text: string,
  extra: Record<string, unknown> = {},
): Update {
  return {
    update_id: updateId++,
    message: {
      message_id: messageId++,
      date: Math.floor(NOW.getTime() / 1000),
      chat,
      ...(from ? { from } : {}),
      text,
      ...commandEntity(text),
      ...extra,
    },
  } as unknown as Update;
}

export function channelPost(chat: TgChat, text: string): Update {
  return {
    update_id: updateId++,
    channel_post: {
      message_id: messageId++,
      date: Math.floor(NOW.getTime() / 1000),
      chat,
      sender_chat: chat,
      text,
      ...commandEntity(text),
    },
  } as unknown as Update;
}

export function serviceMessage(
  chat: TgChat,
  fields: Record<string, unknown>,
  from: TgUser = users.bob,
): Update {
  return {
    update_id: updateId++,
    message: { message_id: messageId++, date: Math.floor(NOW.getTime() / 1000), chat, from, ...fields },
  } as unknown as Update;
}

/** The bot's own membership changing in a chat, as Telegram reports it (my_chat_member). */
export function botMembership(chat: TgChat, from: TgUser, before: string, after: string): Update {
  const bot = { id: 123456, is_bot: true, first_name: 'News bot', username: 'news_bot' };
  return {
    update_id: updateId++,
    my_chat_member: {
      chat,
      from,
      date: Math.floor(NOW.getTime() / 1000),
      old_chat_member: { user: bot, status: before },
      new_chat_member: { user: bot, status: after, ...(after === 'kicked' ? { until_date: 0 } : {}) },
    },
  } as unknown as Update;
}

export function callback(chat: TgChat, from: TgUser, data: string, onMessage: number): Update {
  return {
    update_id: updateId++,
    callback_query: {
      id: `cq${updateId}`,
      from,
      chat_instance: 'ci',
      data,
      message: {
        message_id: onMessage,
        date: Math.floor(NOW.getTime() / 1000),
        chat,
        from: { id: 123456, is_bot: true, first_name: 'News bot' },
        text: '…',
      },
    },
  } as unknown as Update;
}

/** A logger that keeps its JSON lines, to assert on what was logged. */
export function captureLog(): { log: Logger; lines: Record<string, any>[] } {
  const lines: Record<string, any>[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      for (const l of String(chunk).split('\n')) if (l.trim()) lines.push(JSON.parse(l));
      cb();
    },
  });
  return { log: pino({ level: 'debug' }, sink), lines };
}

export interface TgSetup {
  fake: FakeTelegramApi;
  core: Core;
  adapter: TelegramAdapter;
  http?: HttpListener;
  httpUrl?: string;
  /** feeds an update through telegraf as polling and webhook do, and waits until it is handled */
  feed(update: Update): Promise<void>;
  /** the texts (as the user sees them) of the messages the bot sent to a chat */
  texts(chatId: number | string): string[];
  /** the last message sent to a chat */
  last(chatId: number | string): FakeTelegramApi['messages'][number];
  close(): Promise<void>;
}

export interface SetupOptions {
  core?: Core;
  jsonl?: string;
  fake?: FakeTelegramOptions;
  log?: Logger;
  webhook?: { path: string; secret: string };
  adapter?: Partial<TelegramAdapterOptions>;
}

export async function setup(o: SetupOptions = {}): Promise<TgSetup> {
  const fake = await startFakeTelegram(o.fake);
  const core = o.core ?? (await makeCore({ jsonl: o.jsonl }));
  const log = o.log ?? silentLog();
  let http: HttpListener | undefined;
  let httpUrl: string | undefined;
  if (o.webhook) {
    http = createHttpListener(log);
    const port = await http.listen(0, '127.0.0.1');
    httpUrl = `http://127.0.0.1:${port}`;
  }
  const adapter = createTelegramAdapter({
    settings: {
      token: fake.token,
      apiRoot: fake.url,
      webhook: o.webhook ? { url: `${httpUrl}${o.webhook.path}`, secret: o.webhook.secret } : undefined,
    },
    core: core.services,
    http,
    log,
    // tests must not wait out Telegram's real pacing or backoff
    pacing: false,
    retry: { backoffMs: 10 },
    now: () => NOW,
    ...o.adapter,
  });
  return {
    fake,
    core,
    adapter,
    http,
    httpUrl,
    feed: (u) => adapter.bot.handleUpdate(u),
    texts: (chatId) => fake.sent(chatId).map((m) => m.text),
    last: (chatId) => fake.sent(chatId).at(-1)!,
    async close() {
      await adapter.stop();
      await http?.close();
      await fake.close();
    },
  };
}
