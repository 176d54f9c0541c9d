import type { Notifier } from '../../src/ports.js';
import type { CallbackCodec } from './callback-data.js';
import { renderTelegram } from './render-telegram.js';
import type { Sender } from './sender.js';

/**
 * Digests under way at once. A chat takes a message a second, so about 30 × (1 s + a round trip)
 * chats are needed to keep 30 a second: 64 leaves room for the chats waiting their second.
 */
const TELEGRAM_DIGESTS_AT_ONCE = 64;

/**
 * The push path (digests): a Reply rendered for Telegram and sent as digest messages, part by
 * part, resuming after `fromPart`; each part is reported before it goes (onAttempt) and once
 * accepted (onPart), both inside its pipeline slot. Failures arrive as DeliveryError (see
 * api-errors.ts for which is which).
 */
export function createTelegramNotifier(o: { sender: Sender; codec: CallbackCodec }): Notifier {
  return {
    platform: 'telegram',
    concurrency: TELEGRAM_DIGESTS_AT_ONCE,
    async send(to, reply, opts = {}) {
      const rendered = renderTelegram(reply, { encode: o.codec.encode });
      const messageIds = await o.sender.sendParts(to.chatId, rendered, {
        paced: true,
        fromPart: opts.fromPart,
        onAttempt: opts.onAttempt,
        onPart: opts.onPart,
        silent: opts.silent,
      });
      return { messageIds };
    },
  };
}
