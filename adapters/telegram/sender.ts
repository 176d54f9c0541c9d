import type { Logger } from 'pino';
import type { Telegram } from 'telegraf';
import type { InlineKeyboardMarkup, Message } from 'telegraf/types';
import { DeliveryError } from '../../src/ports.js';
import { classify } from './api-errors.js';
import { createKeyedQueue } from './keyed-queue.js';
import { realClock, type Clock, type Pacer } from './pacing.js';
import type { RenderedReply } from './render-telegram.js';

export interface RetryOptions {
  /** 429s honoured per message before giving up with rate_limited */
  rateLimitRetries: number;
  /** a retry_after longer than this is not waited for here: rate_limited, for the next run */
  maxRetryAfterMs: number;
  /** waits before each retry after a 5xx, a timeout or a network failure */
  backoffMs: number[];
  /** a request that takes longer is abandoned (and counts as a network failure) */
  timeoutMs: number;
}

export const DEFAULT_RETRY: RetryOptions = {
  rateLimitRetries: 4,
  maxRetryAfterMs: 60_000,
  backoffMs: [1_000, 4_000],
  timeoutMs: 30_000,
};

export interface SendPartsOptions {
  /** wait for the pacer (digests); replies to a command go at once */
  paced: boolean;
  fromPart?: number;
  onPart?: (index: number, messageId: string, parts: number) => Promise<void> | void;
  /** the first part answers this message (in groups, so people see whom it answers) */
  replyTo?: number;
}

export interface Sender {
  /** sends the parts in order, the keyboard under the last; returns their message ids */
  sendParts(chatId: string, r: RenderedReply, o: SendPartsOptions): Promise<string[]>;
  /** replaces a one-part message (and its keyboard); false when it could not be edited */
  edit(chatId: string, messageId: number, r: RenderedReply): Promise<boolean>;
  /** resolves when every send started so far has finished */
  idle(): Promise<void>;
}

export interface SenderOptions {
  telegram: Telegram;
  pacer: Pacer;
  log: Logger;
  retry?: Partial<RetryOptions>;
  clock?: Clock;
}

/**
 * Runs `call` with a signal that aborts after `ms`. Unlike AbortSignal.timeout, the timer is
 * cleared as soon as the call is over: a digest run would otherwise leave one 30-second timer
 * pending for every request it made, tens of thousands of them, each holding its signal.
 */
async function withTimeout<T>(ms: number, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
    ms,
  );
  try {
    return await call(controller.signal);
  } finally {
    clearTimeout(timer);
  }
}

/** A Bot API chat_id: numeric ids as numbers, @channelnames as they are. */
export const chatIdParam = (chatId: string): number | string =>
  /^-?\d+$/.test(chatId) ? Number(chatId) : chatId;

/**
 * Every message the bot sends goes through here: one chat at a time in order, paced when asked,
 * 429 honoured (telegraf does not retry), passing failures retried with backoff, and the rest
 * turned into a DeliveryError the digest layer can act on.
 */
export function createSender(o: SenderOptions): Sender {
  const retry = { ...DEFAULT_RETRY, ...o.retry };
  const clock = o.clock ?? realClock;
  const queue = createKeyedQueue();
  // Paced (digest) messages leave one at a time, each recorded (onPart) before the next is sent:
  // a crash then leaves at most one message sent and not recorded, the one that may go twice.
  // At Telegram's 30 a second there is time for that; only an unpaced benchmark sends several at once.
  const takeTurn = createMutex();

  /**
   * One API call with the retries; `paced` waits for the pacer before every attempt. A digest
   * message holds `slot` from its first try until it is recorded, except while it waits out a
   * failure of its own chat (a 5xx, a timeout): the other chats' digests go on meanwhile.
   */
  async function attempt<T>(
    chatId: string,
    call: (signal: AbortSignal) => Promise<T>,
    paced: boolean,
    slot?: Slot,
  ): Promise<T> {
    let limited = 0;
    let failed = 0;
    for (;;) {
      await slot?.hold();
      if (paced) await o.pacer.turn(chatId);
      let err: unknown;
      try {
        const result = await withTimeout(retry.timeoutMs, call);
        o.pacer.sent(chatId);
        return result;
      } catch (e) {
        // a refused request may still have counted against the chat's limits
        o.pacer.sent(chatId);
        err = e;
      }
      const f = classify(err);
      if (f.kind === 'rate_limited') {
        if (limited >= retry.rateLimitRetries || f.retryAfterMs > retry.maxRetryAfterMs) {
          throw new DeliveryError('rate_limited', f.description, {
            retryAfterMs: f.retryAfterMs,
            cause: err,
          });
        }
        limited++;
        o.log.warn({ chatId, retryAfterMs: f.retryAfterMs }, 'Telegram asked to slow down; waiting');
        await clock.sleep(f.retryAfterMs);
        continue;
      }
      if (f.kind === 'transient') {
        if (failed >= retry.backoffMs.length)
          throw new DeliveryError('unavailable', f.description, { cause: err });
        o.log.warn({ chatId, problem: f.description }, 'Telegram Bot API call failed; trying again');
        slot?.letGo();
        await clock.sleep(retry.backoffMs[failed++]);
        continue;
      }
      throw err;
    }
  }

  /** A failure that retrying will not cure, as the DeliveryError it is. */
  const failWith = (err: unknown): never => {
    if (err instanceof DeliveryError) throw err;
    const f = classify(err);
    if (f.kind === 'final') throw f.error;
    throw new DeliveryError('bad_request', 'description' in f ? f.description : 'message is not modified', {
      cause: err,
    });
  };

  async function sendOne(
    chatId: string,
    r: RenderedReply,
    i: number,
    opts: SendPartsOptions,
    slot?: Slot,
  ): Promise<Message.TextMessage> {
    const part = r.parts[i];
    const base = {
      chat_id: chatIdParam(chatId),
      link_preview_options: { is_disabled: !r.linkPreview },
      ...(i === r.parts.length - 1 && r.keyboard ? { reply_markup: { inline_keyboard: r.keyboard } } : {}),
      ...(i === 0 && opts.replyTo
        ? { reply_parameters: { message_id: opts.replyTo, allow_sending_without_reply: true } }
        : {}),
    };
    const send = (payload: object) =>
      attempt(
        chatId,
        (signal) =>
          o.telegram.callApi('sendMessage', payload as never, {
            signal: signal as never,
          }) as Promise<Message.TextMessage>,
        opts.paced,
        slot,
      );
    try {
      return await send({ ...base, text: part.html, parse_mode: 'HTML' });
    } catch (err) {
      if (err instanceof DeliveryError || classify(err).kind !== 'bad_html') return failWith(err);
    }
    // Our escaping should make this impossible; if Telegram still refuses the markup, the words
    // matter more than the bold.
    o.log.error({ chatId }, 'Telegram refused our HTML; sending the plain text instead');
    try {
      return await send({ ...base, text: part.text });
    } catch (err) {
      return failWith(err);
    }
  }

  return {
    sendParts(chatId, r, opts) {
      return queue.run(chatId, async () => {
        const ids: string[] = [];
        for (let i = opts.fromPart ?? 0; i < r.parts.length; i++) {
          const serial = opts.paced && !o.pacer.unlimited;
          // The chat's own wait (a second between its messages) is not spent holding the others up.
          if (serial) await o.pacer.chatReady(chatId);
          const slot = serial ? createSlot(takeTurn) : undefined;
          try {
            const msg = await sendOne(chatId, r, i, opts, slot);
            ids.push(String(msg.message_id));
            await opts.onPart?.(i, String(msg.message_id), r.parts.length);
          } finally {
            slot?.letGo();
          }
        }
        return ids;
      });
    },
    edit(chatId, messageId, r) {
      if (r.parts.length !== 1) return Promise.resolve(false);
      const markup: InlineKeyboardMarkup = { inline_keyboard: r.keyboard ?? [] };
      return queue.run(chatId, async () => {
        try {
          await attempt(
            chatId,
            (signal) =>
              o.telegram.callApi(
                'editMessageText',
                {
                  chat_id: chatIdParam(chatId),
                  message_id: messageId,
                  text: r.parts[0].html,
                  parse_mode: 'HTML',
                  link_preview_options: { is_disabled: !r.linkPreview },
                  reply_markup: markup,
                },
                { signal: signal as never },
              ),
            false,
          );
          return true;
        } catch (err) {
          if (err instanceof DeliveryError) throw err;
          const f = classify(err);
          // a second tap on the same button: the message already shows that page
          if (f.kind === 'not_modified') return true;
          if (f.kind === 'final' && f.error.code !== 'bad_request') throw f.error;
          o.log.debug(
            { chatId, messageId, problem: (err as Error).message },
            'could not edit the message; sending a new one',
          );
          return false;
        }
      });
    },
    idle: () => queue.idle(),
  };
}

/** Hands out turns one at a time, in the order they were asked for. */
function createMutex(): () => Promise<() => void> {
  let tail: Promise<void> = Promise.resolve();
  return () => {
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    const ready = tail;
    tail = tail.then(() => mine);
    return ready.then(() => release);
  };
}

/** A message's hold on the turn: taken (again) before each try, let go when it waits or is done. */
interface Slot {
  hold(): Promise<void>;
  letGo(): void;
}

function createSlot(takeTurn: () => Promise<() => void>): Slot {
  let release: (() => void) | undefined;
  return {
    async hold() {
      release ??= await takeTurn();
    },
    letGo() {
      release?.();
      release = undefined;
    },
  };
}
