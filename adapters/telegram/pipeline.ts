import type { Logger } from 'pino';
import type { Telegraf, Telegram } from 'telegraf';
import { createPipeline, PRIORITY, type Lane, type Pipeline } from '../shared/pipeline.js';
import { DEFAULT_RETRY, type RetryPolicy, type Verdict } from '../shared/retry.js';
import { classify } from './api-errors.js';

/**
 * Telegram's sending limits, kept without being told: about 30 messages a second overall, one a
 * second per chat, 20 a minute per group, supergroup or channel (negative chat ids).
 */
export interface TelegramLimits {
  overallPerSecond: number;
  perChatIntervalMs: number;
  groupPerMinute: number;
}

const TELEGRAM_LIMITS: TelegramLimits = {
  overallPerSecond: 30,
  perChatIntervalMs: 1000,
  groupPerMinute: 20,
};

/**
 * K, the digest messages in flight at once. Each holds its slot for a round trip and two ledger
 * writes, so K slots keep 30 a second up to about K / 30 s of those: 16 covers the 50–150 ms
 * round trip a server sees three times over, for a busy machine or a slow spell of the network.
 * It is also the most messages a crash can send twice.
 */
export const TELEGRAM_IN_FLIGHT = 16;

export interface TelegramPipelineOptions {
  /** false: no limits kept (benchmarks against an unlimited fake, tests) */
  limits?: Partial<TelegramLimits> | false;
  retry?: Partial<RetryPolicy>;
  inFlight?: number;
  log: Logger;
}

/** The Bot API call of telegraf's Telegram, with the pipeline's priority. */
export type CallApi = <M extends Parameters<Telegram['callApi']>[0]>(
  method: M,
  payload: Parameters<Telegram['callApi']>[1],
  o?: { signal?: AbortSignal; priority?: number },
) => ReturnType<Telegram['callApi']>;

export interface TelegramPipeline extends Pipeline {
  /** a chat's lane: its messages in order, under its limit */
  lane(chatId: string): Lane;
  /** a Bot API call through the pipeline (what bot.telegram.callApi now does, with a priority) */
  call: CallApi;
}

/** Methods that put a message in a chat: they count against the chat's limits and keep its order. */
const MESSAGE_METHOD = /^(send(?!ChatAction)|edit|copyMessage|forwardMessage)/;
/** Long polling waits on purpose; telegraf's polling loop handles its own failures. */
const UNTHROTTLED = new Set(['getUpdates']);

/** What a failed Bot API call means for trying again: TelegramError answers apart from the network's failures. */
function verdict(err: unknown): Verdict {
  const f = classify(err);
  if (f.kind === 'rate_limited') return { kind: 'rate_limited', retryAfterMs: f.retryAfterMs };
  if (f.kind === 'transient') return { kind: 'transient', reason: f.description };
  return { kind: 'final' };
}

/**
 * Every Bot API call the bot makes passes one pipeline: telegraf's `callApi` is the choke point
 * (grammY's API transformers are the model), on `bot.telegram` and on the Telegram of each
 * update's context (telegraf makes one per update). sendMessage, editMessageText,
 * getChatMember, answerCallbackQuery, setMyCommands, getMe… all keep the overall pace, wait out
 * a 429 together and are retried after passing failures; messages also keep their chat's order
 * and limits.
 */
export function installTelegramPipeline(bot: Telegraf, o: TelegramPipelineOptions): TelegramPipeline {
  const limits = o.limits === false ? undefined : { ...TELEGRAM_LIMITS, ...o.limits };
  const pipeline = createPipeline({
    perSecond: limits?.overallPerSecond,
    marginMs: 30,
    inFlight: o.inFlight ?? TELEGRAM_IN_FLIGHT,
    retry: { ...DEFAULT_RETRY, ...o.retry },
    classify: verdict,
    log: o.log,
  });
  const raw = bot.telegram.callApi.bind(bot.telegram);

  const lane = (chatId: string): Lane => ({
    key: chatId,
    limit: limits && {
      gapMs: limits.perChatIntervalMs,
      // Counted from the answer to the previous message: nothing reaches Telegram early.
      from: 'end',
      window: chatId.startsWith('-') ? { count: limits.groupPerMinute, ms: 60_000 } : undefined,
    },
  });

  const call: CallApi = (method, payload, opts = {}) => {
    if (UNTHROTTLED.has(method)) return raw(method, payload, { signal: opts.signal as never });
    const chatId = (payload as { chat_id?: number | string } | undefined)?.chat_id;
    const chatLane = chatId !== undefined && MESSAGE_METHOD.test(method) ? lane(String(chatId)) : undefined;
    return pipeline.request(
      chatLane,
      (signal) =>
        raw(method, payload, {
          signal: (opts.signal ? AbortSignal.any([opts.signal, signal]) : signal) as never,
        }),
      { priority: opts.priority ?? PRIORITY.reply, context: { method, chatId } },
    );
  };

  const install = (telegram: Telegram) => {
    telegram.callApi = call as Telegram['callApi'];
  };
  install(bot.telegram);
  bot.use((ctx, next) => {
    install(ctx.telegram);
    return next();
  });
  return { ...pipeline, lane, call };
}
