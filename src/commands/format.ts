import { t } from '../i18n/index.js';
import type { Reply } from '../reply.js';
import { fold } from '../places/text.js';
import type { Call } from './context.js';
import { chatOf, info, save } from './subscriptions.js';
import { usageReply } from './usage.js';

/** The words for each format, in either language. */
const FULL = new Set(['full', 'long', 'completo', 'completa', 'largo']);
const COMPACT = new Set(['compact', 'short', 'compacto', 'compacta', 'corto']);

/** `format` alone: how this chat's digests read, and how to change it. */
export function showFormat(c: Call): Reply {
  const m = t(c.lang);
  return {
    kind: 'info',
    visibility: 'private',
    paragraphs: [m.formatLine(c.chat?.format === 'full'), m.changeFormat],
  };
}

/** `format compact|full`: a digest's items one line each (the default), or with their summaries. */
export async function format(c: Call): Promise<Reply> {
  const m = t(c.lang);
  const word = fold(c.args.trim());
  const full = FULL.has(word) ? true : COMPACT.has(word) ? false : undefined;
  if (full === undefined) return usageReply('format', c.lang, [m.badFormat(c.args.trim())]);
  const chat = chatOf(c);
  // Compact is the default: only the choice of full is kept.
  if (full) chat.format = 'full';
  else delete chat.format;
  await save(c, chat);
  return info([m.formatSet(full)]);
}
