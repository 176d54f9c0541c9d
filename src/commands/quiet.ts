import { t } from '../i18n/index.js';
import type { Reply } from '../reply.js';
import { fold } from '../places/text.js';
import type { Call } from './context.js';
import { chatOf, info, save } from './subscriptions.js';
import { usageReply } from './usage.js';

/** The words for on and off, in either language. */
const ON = new Set(['on', 'yes', 'true', '1', 'si', 'activar', 'activado', 'encendido']);
const OFF = new Set(['off', 'no', 'false', '0', 'desactivar', 'desactivado', 'apagado']);

/** `quiet` alone: whether this chat's digests arrive silently, and how to change it. */
export function showQuiet(c: Call): Reply {
  const m = t(c.lang);
  return { kind: 'info', visibility: 'private', paragraphs: [m.quietLine(!!c.chat?.quiet), m.changeQuiet] };
}

/**
 * `quiet on|off`: digests sent without a notification where the platform can (Telegram's
 * disable_notification); Slack has no such setting per message, and its adapter says so.
 */
export async function quiet(c: Call): Promise<Reply> {
  const m = t(c.lang);
  const word = fold(c.args.trim());
  const on = ON.has(word) ? true : OFF.has(word) ? false : undefined;
  if (on === undefined) return usageReply('quiet', c.lang, [m.badQuiet(c.args.trim())]);
  const chat = chatOf(c);
  if (on) chat.quiet = true;
  else delete chat.quiet;
  await save(c, chat);
  return info([on ? m.quietOnSet : m.quietOffSet]);
}
