import type { Notifier } from '../../src/ports.js';
import type { CallbackCodec } from './callback-data.js';
import { renderTelegram } from './render-telegram.js';
import type { Sender } from './sender.js';

/**
 * The push path (digests): a Reply rendered for Telegram and sent paced, part by part, resuming
 * after `fromPart` and reporting each accepted part, so a restart never sends a part twice.
 * Failures arrive as DeliveryError (see api-errors.ts for which is which).
 */
export function createTelegramNotifier(o: { sender: Sender; codec: CallbackCodec }): Notifier {
  return {
    platform: 'telegram',
    async send(to, reply, opts = {}) {
      const rendered = renderTelegram(reply, { encode: o.codec.encode });
      const messageIds = await o.sender.sendParts(to.chatId, rendered, {
        paced: true,
        fromPart: opts.fromPart,
        onPart: opts.onPart,
      });
      return { messageIds };
    },
  };
}
