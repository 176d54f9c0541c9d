/**
 * A fake Telegram Bot API on 127.0.0.1: `POST /bot<token>/<method>` with JSON, urlencoded or
 * multipart bodies, answering `{ok:true,result}` or `{ok:false,error_code,description,parameters}`
 * as Telegram does. It records every call, keeps the messages it accepted (parsed as Telegram
 * parses HTML), queues updates for long polling or posts them to a webhook, and lets a test
 * script faults per chat (and method), a bad token, a round trip, and Telegram's sending limits.
 *
 * Used by the Telegram adapter's tests, its benchmark, the notifier contract suite and the
 * digest crash test: keep it free of anything adapter-specific.
 */
import {
  Agent,
  createServer,
  request,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { HtmlParseError, parseTelegramHtml, type ParsedHtml } from './telegram-html.js';

export const FAKE_TOKEN = '123456:TEST-fake-token-for-the-bot-api';

export interface FakeCall {
  method: string;
  params: Record<string, any>;
  /** Date.now() when the request was read */
  at: number;
  /** performance.now() when the request was read, for latency measurements in-process */
  t: number;
  token: string;
}

export interface FakeMessage {
  chatId: string;
  messageId: number;
  /** the text as sent (HTML when parseMode is HTML) */
  raw: string;
  parseMode?: string;
  /** what the user sees: entities decoded, tags gone */
  text: string;
  links: ParsedHtml['links'];
  tags: string[];
  replyMarkup?: { inline_keyboard?: { text: string; callback_data?: string; url?: string }[][] };
  params: Record<string, any>;
  at: number;
  edits: number;
}

export type FakeFault =
  | { kind: 'rate_limited'; retryAfter?: number }
  | { kind: 'blocked' }
  | { kind: 'kicked' }
  | { kind: 'deactivated' }
  | { kind: 'chat_not_found' }
  | { kind: 'migrated'; to: string }
  | { kind: 'server_error'; status?: number }
  | { kind: 'bad_request'; description: string }
  /** drop the connection without answering */
  | { kind: 'network' };

export interface FakeRateLimit {
  /** messages a second, all chats together */
  perSecond?: number;
  /** messages a second to one private chat */
  perChat?: number;
  /** messages a minute to one group, supergroup or channel (negative ids) */
  groupPerMinute?: number;
  /** the retry_after of the 429s these limits cause (default 1) */
  retryAfter?: number;
}

/** A message the fake accepted, as `onMessage` listeners see it (even when `record` is off). */
export interface AcceptedMessage {
  chatId: string;
  /** what the user sees */
  text: string;
  /** performance.now() on arrival */
  t: number;
}

export type MemberStatus = 'creator' | 'administrator' | 'member' | 'restricted' | 'left' | 'kicked';

export interface FakeTelegramOptions {
  token?: string;
  /** the bot getMe answers with */
  bot?: { id?: number; username?: string; first_name?: string };
  /**
   * every answer (except a held getUpdates) waits this long after the call was taken: the
   * network's round trip. The call counts (and a message is accepted) on arrival, as Telegram
   * counts it, so an answer still on its way when the bot stops is a message it never heard of.
   */
  delayMs?: number;
  /** Telegram's sending limits, each a sliding window over accepted sendMessage calls; 429 above them */
  rateLimit?: FakeRateLimit;
  /** how long an empty getUpdates with a timeout is held before answering [] */
  pollHoldMs?: number;
  /** keep FakeCall records (turn off for long benchmarks) */
  record?: boolean;
}

export interface FakeTelegramApi {
  /** the apiRoot to give telegraf */
  readonly url: string;
  readonly token: string;
  readonly server: Server;
  readonly calls: FakeCall[];
  readonly messages: FakeMessage[];
  /** 429s answered because of the rate limits; messages accepted, and the first and last arrival (performance.now()) */
  readonly stats: { rateLimited: number; sendMessage: number; firstAt?: number; lastAt?: number };
  /** the webhook set by setWebhook, if any */
  readonly webhook: { url: string; secret?: string } | undefined;
  /** calls of one method */
  callsOf(method: string): FakeCall[];
  /** messages accepted for a chat, in order */
  sent(chatId: string | number): FakeMessage[];
  /**
   * the next `times` sendMessage/editMessageText calls to that chat fail this way; with `method`,
   * the next calls of that method for the chat (getChatMember, answerCallbackQuery by its query id)
   */
  fault(chatId: string | number, fault: FakeFault, times?: number, method?: string): void;
  /** answer 401 Unauthorized to everything */
  setBadToken(on: boolean): void;
  setDelay(ms: number): void;
  setRateLimit(limit: FakeRateLimit | undefined): void;
  /** a member's status for getChatMember (default: member; the bot itself: administrator) */
  setMember(
    chatId: string | number,
    userId: number,
    status: MemberStatus,
    extra?: { is_anonymous?: boolean },
  ): void;
  /**
   * Hands an update to the bot as Telegram would: POSTed to the webhook when one is set (the
   * answer's status is returned), else queued for getUpdates. Assigns update_id when missing.
   */
  deliver(update: Record<string, any>): Promise<number | undefined>;
  /** the next update id */
  nextUpdateId(): number;
  /** resolves with the first call (already made or future) matching, or rejects after timeoutMs */
  waitForCall(match: (c: FakeCall) => boolean, timeoutMs?: number): Promise<FakeCall>;
  /** resolves when `n` messages have been sent to the chat */
  waitForMessages(chatId: string | number, n: number, timeoutMs?: number): Promise<FakeMessage[]>;
  /** calls `fn` with every call as it arrives, even when `record` is off; returns an unsubscribe */
  onCall(fn: (c: FakeCall) => void): () => void;
  /** calls `fn` with every message accepted, even when `record` is off; returns an unsubscribe */
  onMessage(fn: (m: AcceptedMessage) => void): () => void;
  /** forget calls and messages (faults and members stay) */
  reset(): void;
  close(): Promise<void>;
}

const JSON_FIELDS = new Set([
  'reply_markup',
  'allowed_updates',
  'commands',
  'scope',
  'link_preview_options',
  'reply_parameters',
  'entities',
]);

function chatType(id: string): 'private' | 'group' | 'supergroup' {
  if (!id.startsWith('-')) return 'private';
  return id.startsWith('-100') ? 'supergroup' : 'group';
}

/** The request's body as text; plain events, which cost a fraction of an async iterator per request. */
function readText(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function readBody(req: IncomingMessage): Promise<Record<string, any>> {
  const raw = await readText(req);
  const type = req.headers['content-type'] ?? '';
  let params: Record<string, any> = {};
  if (!raw) return params;
  if (type.includes('application/json')) {
    params = JSON.parse(raw);
  } else if (type.includes('application/x-www-form-urlencoded')) {
    params = Object.fromEntries(new URLSearchParams(raw));
  } else if (type.includes('multipart/form-data')) {
    const boundary = /boundary=([^;]+)/.exec(type)?.[1];
    for (const part of boundary ? raw.split(`--${boundary}`) : []) {
      const m = /name="([^"]+)"[^\r\n]*\r\n(?:[^\r\n]+\r\n)*\r\n([\s\S]*)\r\n$/.exec(part);
      if (m) params[m[1]] = m[2];
    }
  }
  for (const k of Object.keys(params)) {
    if (JSON_FIELDS.has(k) && typeof params[k] === 'string') params[k] = JSON.parse(params[k]);
  }
  return params;
}

class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: Record<string, unknown>,
  ) {
    super(description);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Telegram keeps its connections to a webhook open; so does the fake (and it is much cheaper). */
const webhookAgent = new Agent({ keepAlive: true });

function postUpdate(webhook: { url: string; secret?: string }, update: Record<string, any>): Promise<number> {
  const body = JSON.stringify(update);
  return new Promise((resolve, reject) => {
    const req = request(
      webhook.url,
      {
        method: 'POST',
        agent: webhookAgent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(webhook.secret ? { 'x-telegram-bot-api-secret-token': webhook.secret } : {}),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export async function startFakeTelegram(o: FakeTelegramOptions = {}): Promise<FakeTelegramApi> {
  const token = o.token ?? FAKE_TOKEN;
  const me = {
    id: Number(token.split(':')[0]) || 123456,
    is_bot: true,
    first_name: 'News bot',
    username: 'migration_news_bot',
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    ...o.bot,
  };
  const record = o.record ?? true;
  let delayMs = o.delayMs ?? 0;
  let rateLimit = o.rateLimit;
  let badToken = false;
  const calls: FakeCall[] = [];
  const messages: FakeMessage[] = [];
  const byChat = new Map<string, FakeMessage[]>();
  const nextMessageId = new Map<string, number>();
  const faults = new Map<string, FakeFault[]>();
  const members = new Map<string, { status: MemberStatus; is_anonymous?: boolean }>();
  const stats: FakeTelegramApi['stats'] = { rateLimited: 0, sendMessage: 0 };
  const messageListeners = new Set<(m: AcceptedMessage) => void>();
  let webhook: { url: string; secret?: string } | undefined;
  let updateSeq = 1;
  const pending: Record<string, any>[] = [];
  const pollWaiters = new Set<() => void>();
  const callWaiters = new Set<(c: FakeCall) => void>();
  const messageWaiters = new Set<() => void>();

  const key = (id: string | number) => String(id);

  /** the next scripted fault of a chat's messages, or (with `method`) of that method's calls for it */
  const takeFault = (chatId: string, method?: string): FakeFault | undefined => {
    const k = method ? `${method}|${chatId}` : chatId;
    const list = faults.get(k);
    const f = list?.shift();
    if (list && list.length === 0) faults.delete(k);
    return f;
  };

  const throwFault = (f: FakeFault, chatId: string): never => {
    switch (f.kind) {
      case 'rate_limited':
        throw new ApiError(429, `Too Many Requests: retry after ${f.retryAfter ?? 1}`, {
          retry_after: f.retryAfter ?? 1,
        });
      case 'blocked':
        throw new ApiError(403, 'Forbidden: bot was blocked by the user');
      case 'kicked':
        throw new ApiError(
          403,
          `Forbidden: bot was kicked from the ${chatType(chatId) === 'supergroup' ? 'supergroup' : 'group'} chat`,
        );
      case 'deactivated':
        throw new ApiError(403, 'Forbidden: user is deactivated');
      case 'chat_not_found':
        throw new ApiError(400, 'Bad Request: chat not found');
      case 'migrated':
        throw new ApiError(400, 'Bad Request: group chat was upgraded to a supergroup chat', {
          migrate_to_chat_id: Number(f.to),
        });
      case 'server_error':
        throw new ApiError(f.status ?? 500, 'Internal Server Error');
      case 'bad_request':
        throw new ApiError(400, f.description);
      case 'network':
        throw new ApiError(-1, 'network');
    }
  };

  const checkMarkup = (markup: FakeMessage['replyMarkup']) => {
    for (const row of markup?.inline_keyboard ?? []) {
      for (const b of row) {
        if (!b.text)
          throw new ApiError(400, 'Bad Request: text buttons are unallowed in the inline keyboard');
        if (
          b.callback_data !== undefined &&
          (Buffer.byteLength(b.callback_data) > 64 || b.callback_data.length === 0)
        )
          throw new ApiError(400, 'Bad Request: BUTTON_DATA_INVALID');
      }
    }
  };

  const parseText = (params: Record<string, any>): ParsedHtml => {
    const raw = String(params.text ?? '');
    if (!raw.trim()) throw new ApiError(400, 'Bad Request: message text is empty');
    let parsed: ParsedHtml = { text: raw, links: [], tags: [] };
    if (String(params.parse_mode ?? '').toLowerCase() === 'html') {
      try {
        parsed = parseTelegramHtml(raw);
      } catch (err) {
        if (err instanceof HtmlParseError) throw new ApiError(400, `Bad Request: ${err.message}`);
        throw err;
      }
    } else if (params.parse_mode) {
      throw new ApiError(400, `Bad Request: unsupported parse_mode ${params.parse_mode}`);
    }
    if (parsed.text.length > 4096) throw new ApiError(400, 'Bad Request: message is too long');
    return parsed;
  };

  /** Arrival times within the last `ms`, per key ('' for all chats together). */
  const windows = new Map<string, number[]>();
  const countIn = (key: string, now: number, ms: number): number => {
    const list = windows.get(key);
    if (!list) return 0;
    let drop = 0;
    while (drop < list.length && list[drop] <= now - ms) drop++;
    if (drop) list.splice(0, drop);
    return list.length;
  };
  const remember = (key: string, now: number) => {
    const list = windows.get(key);
    if (list) list.push(now);
    else windows.set(key, [now]);
  };
  /** Telegram's limits as sliding windows: overall a second, a private chat a second, a group a minute. */
  const overLimit = (chatId: string, now: number): boolean => {
    if (!rateLimit) return false;
    const group = chatId.startsWith('-');
    if (rateLimit.perSecond !== undefined && countIn('', now, 1000) >= rateLimit.perSecond) return true;
    if (!group && rateLimit.perChat !== undefined && countIn(chatId, now, 1000) >= rateLimit.perChat)
      return true;
    if (
      group &&
      rateLimit.groupPerMinute !== undefined &&
      countIn(chatId, now, 60_000) >= rateLimit.groupPerMinute
    )
      return true;
    return false;
  };
  const countSend = (chatId: string, now: number) => {
    if (!rateLimit) return;
    if (rateLimit.perSecond !== undefined) remember('', now);
    if (rateLimit.perChat !== undefined || rateLimit.groupPerMinute !== undefined) remember(chatId, now);
  };

  const chatOf = (id: string) => ({
    id: Number(id),
    type: chatType(id),
    ...(chatType(id) === 'private' ? { first_name: 'User' } : { title: `Chat ${id}` }),
  });

  const methods: Record<string, (p: Record<string, any>) => unknown> = {
    getMe: () => me,
    logOut: () => true,
    close: () => true,
    setMyCommands: (p) => {
      for (const c of p.commands ?? []) {
        if (!/^[a-z0-9_]{1,32}$/.test(c.command)) throw new ApiError(400, 'Bad Request: BOT_COMMAND_INVALID');
        if (!c.description || c.description.length > 256)
          throw new ApiError(400, 'Bad Request: BOT_COMMAND_DESCRIPTION_INVALID');
      }
      return true;
    },
    deleteMyCommands: () => true,
    getMyCommands: () => [],
    setWebhook: (p) => {
      if (!/^https?:\/\//.test(String(p.url ?? '')))
        throw new ApiError(400, 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook');
      webhook = { url: String(p.url), secret: p.secret_token };
      return true;
    },
    deleteWebhook: (p) => {
      webhook = undefined;
      if (p.drop_pending_updates) pending.length = 0;
      return true;
    },
    getWebhookInfo: () => ({
      url: webhook?.url ?? '',
      has_custom_certificate: false,
      pending_update_count: pending.length,
    }),
    sendMessage: (p) => {
      const chatId = key(p.chat_id);
      const now = Date.now();
      const t = performance.now();
      const f = takeFault(chatId);
      if (f) throwFault(f, chatId);
      if (overLimit(chatId, t)) {
        stats.rateLimited++;
        throw new ApiError(429, `Too Many Requests: retry after ${rateLimit!.retryAfter ?? 1}`, {
          retry_after: rateLimit!.retryAfter ?? 1,
        });
      }
      const parsed = parseText(p);
      checkMarkup(p.reply_markup);
      countSend(chatId, t);
      stats.sendMessage++;
      stats.firstAt ??= t;
      stats.lastAt = t;
      for (const l of messageListeners) l({ chatId, text: parsed.text, t });
      const messageId = nextMessageId.get(chatId) ?? 1;
      nextMessageId.set(chatId, messageId + 1);
      if (record) {
        const msg: FakeMessage = {
          chatId,
          messageId,
          raw: String(p.text),
          parseMode: p.parse_mode,
          text: parsed.text,
          links: parsed.links,
          tags: parsed.tags,
          replyMarkup: p.reply_markup,
          params: p,
          at: now,
          edits: 0,
        };
        messages.push(msg);
        const list = byChat.get(chatId) ?? [];
        list.push(msg);
        byChat.set(chatId, list);
      }
      for (const w of messageWaiters) w();
      return {
        message_id: messageId,
        date: Math.floor(now / 1000),
        chat: chatOf(chatId),
        text: parsed.text,
        ...(p.reply_markup ? { reply_markup: p.reply_markup } : {}),
      };
    },
    editMessageText: (p) => {
      const chatId = key(p.chat_id);
      const f = takeFault(chatId);
      if (f) throwFault(f, chatId);
      const msg = byChat.get(chatId)?.find((m) => m.messageId === Number(p.message_id));
      if (!msg) throw new ApiError(400, 'Bad Request: message to edit not found');
      const parsed = parseText(p);
      checkMarkup(p.reply_markup);
      if (
        msg.raw === String(p.text) &&
        JSON.stringify(msg.replyMarkup ?? null) === JSON.stringify(p.reply_markup ?? null)
      ) {
        throw new ApiError(
          400,
          'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
        );
      }
      Object.assign(msg, {
        raw: String(p.text),
        parseMode: p.parse_mode,
        text: parsed.text,
        links: parsed.links,
        tags: parsed.tags,
        replyMarkup: p.reply_markup,
        params: p,
        edits: msg.edits + 1,
      });
      for (const w of messageWaiters) w();
      return {
        message_id: msg.messageId,
        date: Math.floor(Date.now() / 1000),
        edit_date: Math.floor(Date.now() / 1000),
        chat: chatOf(chatId),
        text: parsed.text,
      };
    },
    answerCallbackQuery: (p) => {
      const f = takeFault(String(p.callback_query_id ?? ''), 'answerCallbackQuery');
      if (f) throwFault(f, '');
      if (!p.callback_query_id)
        throw new ApiError(
          400,
          'Bad Request: query is too old and response timeout expired or query ID is invalid',
        );
      if (p.text && String(p.text).length > 200) throw new ApiError(400, 'Bad Request: MESSAGE_TOO_LONG');
      return true;
    },
    getChatMember: (p) => {
      const f = takeFault(key(p.chat_id), 'getChatMember');
      if (f) throwFault(f, key(p.chat_id));
      const m = members.get(`${key(p.chat_id)}:${p.user_id}`);
      const status = m?.status ?? (Number(p.user_id) === me.id ? 'administrator' : 'member');
      return {
        status,
        user: { id: Number(p.user_id), is_bot: false, first_name: 'User' },
        ...(m?.is_anonymous !== undefined ? { is_anonymous: m.is_anonymous } : {}),
      };
    },
    getChatAdministrators: (p) => {
      const prefix = `${key(p.chat_id)}:`;
      return [...members.entries()]
        .filter(([k, m]) => k.startsWith(prefix) && (m.status === 'creator' || m.status === 'administrator'))
        .map(([k, m]) => ({
          status: m.status,
          user: { id: Number(k.slice(prefix.length)), is_bot: false, first_name: 'Admin' },
          is_anonymous: m.is_anonymous ?? false,
        }));
    },
    getUpdates: () => {
      throw new Error('handled separately');
    },
  };

  const answer = (res: ServerResponse, status: number, body: unknown) => {
    if (res.writableEnded || res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };

  const getUpdates = async (p: Record<string, any>, res: ServerResponse) => {
    if (webhook)
      throw new ApiError(
        409,
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      );
    const offset = Number(p.offset ?? 0);
    const limit = Math.min(100, Number(p.limit ?? 100));
    const drop = () => {
      while (pending.length && offset > 0 && pending[0].update_id < offset) pending.shift();
    };
    drop();
    const holdMs = Math.min(Number(p.timeout ?? 0) * 1000, o.pollHoldMs ?? 500);
    if (pending.length === 0 && holdMs > 0) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          pollWaiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, holdMs);
        pollWaiters.add(done);
        res.once('close', done);
      });
      drop();
    }
    answer(res, 200, { ok: true, result: pending.slice(0, limit) });
  };

  const server = createServer(async (req, res) => {
    const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec((req.url ?? '').split('?')[0]);
    let params: Record<string, any> = {};
    try {
      params = await readBody(req);
    } catch {
      return answer(res, 400, {
        ok: false,
        error_code: 400,
        description: 'Bad Request: invalid request body',
      });
    }
    if (!m) return answer(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const [, reqToken, method] = m;
    const call: FakeCall = { method, params, at: Date.now(), t: performance.now(), token: reqToken };
    if (record) calls.push(call);
    for (const w of callWaiters) w(call);
    try {
      if (badToken || reqToken !== token) throw new ApiError(401, 'Unauthorized');
      if (method === 'getUpdates') return await getUpdates(params, res);
      const fn = methods[method];
      if (!fn) throw new ApiError(404, 'Not Found: method not found');
      let result: unknown;
      let failure: unknown;
      try {
        result = fn(params);
      } catch (err) {
        failure = err;
      }
      // taken (and counted) on arrival; the answer crosses the network back
      if (delayMs > 0) await sleep(delayMs);
      if (failure) throw failure;
      answer(res, 200, { ok: true, result });
    } catch (err) {
      if (err instanceof ApiError && err.code === -1) {
        res.socket?.destroy();
        return;
      }
      if (err instanceof ApiError && err.code >= 500)
        return answer(res, err.code, { ok: false, error_code: err.code, description: err.description });
      if (err instanceof ApiError) {
        return answer(res, err.code, {
          ok: false,
          error_code: err.code,
          description: err.description,
          ...(err.parameters ? { parameters: err.parameters } : {}),
        });
      }
      answer(res, 500, {
        ok: false,
        error_code: 500,
        description: `Internal Server Error: ${(err as Error).message}`,
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const api: FakeTelegramApi = {
    url,
    token,
    server,
    calls,
    messages,
    stats,
    get webhook() {
      return webhook;
    },
    callsOf: (method) => calls.filter((c) => c.method === method),
    sent: (chatId) => byChat.get(key(chatId)) ?? [],
    fault(chatId, fault, times = 1, method) {
      const k = method ? `${method}|${key(chatId)}` : key(chatId);
      const list = faults.get(k) ?? [];
      for (let i = 0; i < times; i++) list.push(fault);
      faults.set(k, list);
    },
    setBadToken: (on) => void (badToken = on),
    setDelay: (ms) => void (delayMs = ms),
    setRateLimit: (limit) => void (rateLimit = limit),
    setMember: (chatId, userId, status, extra = {}) =>
      void members.set(`${key(chatId)}:${userId}`, { status, ...extra }),
    nextUpdateId: () => updateSeq,
    async deliver(update) {
      const u = { ...update, update_id: update.update_id ?? updateSeq };
      updateSeq = Math.max(updateSeq, u.update_id + 1);
      if (webhook) return postUpdate(webhook, u);
      pending.push(u);
      for (const w of [...pollWaiters]) w();
      return undefined;
    },
    waitForCall(match, timeoutMs = 5000) {
      const hit = calls.find(match);
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          callWaiters.delete(w);
          reject(new Error(`no matching Bot API call within ${timeoutMs} ms`));
        }, timeoutMs);
        const w = (c: FakeCall) => {
          if (!match(c)) return;
          clearTimeout(timer);
          callWaiters.delete(w);
          // let the fake answer before the test looks at the outcome
          setImmediate(() => resolve(c));
        };
        callWaiters.add(w);
      });
    },
    waitForMessages(chatId, n, timeoutMs = 5000) {
      const list = () => byChat.get(key(chatId)) ?? [];
      if (list().length >= n) return Promise.resolve(list());
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          messageWaiters.delete(w);
          reject(new Error(`chat ${chatId} got ${list().length} of ${n} messages within ${timeoutMs} ms`));
        }, timeoutMs);
        const w = () => {
          if (list().length < n) return;
          clearTimeout(timer);
          messageWaiters.delete(w);
          resolve(list());
        };
        messageWaiters.add(w);
      });
    },
    onCall(fn) {
      callWaiters.add(fn);
      return () => void callWaiters.delete(fn);
    },
    onMessage(fn) {
      messageListeners.add(fn);
      return () => void messageListeners.delete(fn);
    },
    reset() {
      calls.length = 0;
      messages.length = 0;
      byChat.clear();
      stats.rateLimited = 0;
      stats.sendMessage = 0;
      stats.firstAt = stats.lastAt = undefined;
    },
    close() {
      for (const w of [...pollWaiters]) w();
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  return api;
}
