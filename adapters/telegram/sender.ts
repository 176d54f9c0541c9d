import type { Logger } from 'pino';
import type { InlineKeyboardMarkup, Message } from 'telegraf/types';
import { DeliveryError } from '../../src/ports.js';
import { createKeyedQueue } from '../shared/keyed-queue.js';
import { PRIORITY } from '../shared/pipeline.js';
import { classify } from './api-errors.js';
import type { TelegramPipeline } from './pipeline.js';
import type { RenderedReply } from './render-telegram.js';

export interface SendPartsOptions {
  /**
   * A digest message (the Notifier): it waits behind replies to people, each part holds one of
   * the pipeline's K slots from its onAttempt to its onPart. False: a reply, which goes first.
   */
  paced: boolean;
  fromPart?: number;
  /** called before each part goes, inside its slot (digests) */
  onAttempt?: (index: number) => Promise<void> | void;
  /** called once each part is accepted, inside its slot (digests) */
  onPart?: (index: number, messageId: string, parts: number) => Promise<void> | void;
  /** the first part answers this message (in groups, so people see whom it answers) */
  replyTo?: number;
  /** sent without a notification sound (the chat's quiet setting) */
  silent?: boolean;
}

export interface Sender {
  /** sends the parts in order, the keyboard under the last; returns their message ids */
  sendParts(chatId: string, r: RenderedReply, o: SendPartsOptions): Promise<string[]>;
  /** replaces a one-part message (and its keyboard); false when it could not be edited */
  edit(chatId: string, messageId: number, r: RenderedReply): Promise<boolean>;
  /** resolves when every send started so far has finished */
  idle(): Promise<void>;
}

/** A Bot API chat_id: numeric ids as numbers, @channelnames as they are. */
const chatIdParam = (chatId: string): number | string => (/^-?\d+$/.test(chatId) ? Number(chatId) : chatId);

/**
 * A failure the pipeline gave up on, as the DeliveryError the digest layer acts on: Telegram's
 * codes mapped here, inside the adapter.
 */
function deliveryError(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const f = classify(err);
  if (f.kind === 'final') return f.error;
  if (f.kind === 'rate_limited')
    return new DeliveryError('rate_limited', f.description, { retryAfterMs: f.retryAfterMs, cause: err });
  if (f.kind === 'transient') return new DeliveryError('unavailable', f.description, { cause: err });
  return new DeliveryError('bad_request', 'description' in f ? f.description : 'message is not modified', {
    cause: err,
  });
}

/**
 * Every message the bot sends, through the pipeline (which paces, orders and retries each call):
 * a reply's parts one after another, never mixed with another message to the same chat, and
 * Telegram's refusals turned into DeliveryErrors.
 */
export function createSender(o: { pipeline: TelegramPipeline; log: Logger }): Sender {
  const replies = createKeyedQueue();

  async function sendOne(
    chatId: string,
    r: RenderedReply,
    i: number,
    opts: SendPartsOptions,
  ): Promise<Message.TextMessage> {
    const part = r.parts[i];
    const base = {
      chat_id: chatIdParam(chatId),
      link_preview_options: { is_disabled: !r.linkPreview },
      ...(opts.silent ? { disable_notification: true } : {}),
      ...(i === r.parts.length - 1 && r.keyboard ? { reply_markup: { inline_keyboard: r.keyboard } } : {}),
      ...(i === 0 && opts.replyTo
        ? { reply_parameters: { message_id: opts.replyTo, allow_sending_without_reply: true } }
        : {}),
    };
    const priority = opts.paced ? PRIORITY.digest : PRIORITY.reply;
    const send = (payload: object) =>
      o.pipeline.call('sendMessage', payload as never, { priority }) as Promise<Message.TextMessage>;
    try {
      return await send({ ...base, text: part.html, parse_mode: 'HTML' });
    } catch (err) {
      if (classify(err).kind !== 'bad_html') throw deliveryError(err);
    }
    // Our escaping should make this impossible; if Telegram still refuses the markup, the words
    // matter more than the bold.
    o.log.error({ chatId }, 'Telegram refused our HTML; sending the plain text instead');
    try {
      return await send({ ...base, text: part.text });
    } catch (err) {
      throw deliveryError(err);
    }
  }

  return {
    sendParts(chatId, r, opts) {
      return replies.run(chatId, async () => {
        const ids: string[] = [];
        const lane = o.pipeline.lane(chatId);
        for (let i = opts.fromPart ?? 0; i < r.parts.length; i++) {
          const part = async () => {
            await opts.onAttempt?.(i);
            const id = String((await sendOne(chatId, r, i, opts)).message_id);
            await opts.onPart?.(i, id, r.parts.length);
            return id;
          };
          ids.push(await (opts.paced ? o.pipeline.deliver(lane, part) : part()));
        }
        return ids;
      });
    },
    edit(chatId, messageId, r) {
      if (r.parts.length !== 1) return Promise.resolve(false);
      const markup: InlineKeyboardMarkup = { inline_keyboard: r.keyboard ?? [] };
      return replies.run(chatId, async () => {
        try {
          await o.pipeline.call('editMessageText', {
            chat_id: chatIdParam(chatId),
            message_id: messageId,
            text: r.parts[0].html,
            parse_mode: 'HTML',
            link_preview_options: { is_disabled: !r.linkPreview },
            reply_markup: markup,
          } as never);
          return true;
        } catch (err) {
          const f = classify(err);
          // a second tap on the same button: the message already shows that page
          if (f.kind === 'not_modified') return true;
          if (f.kind === 'rate_limited' || f.kind === 'transient') throw deliveryError(err);
          if (f.kind === 'final' && f.error.code !== 'bad_request') throw f.error;
          o.log.debug(
            { chatId, messageId, problem: (err as Error).message },
            'could not edit the message; sending a new one',
          );
          return false;
        }
      });
    },
    idle: () => replies.idle(),
  };
}
