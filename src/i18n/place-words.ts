import type { ChatPlace } from '../ports.js';
import type { Reply } from '../reply.js';
import type { Lang } from './index.js';

/**
 * The catalogs say "this chat" / "este chat"; a group or a channel reads better named as what it
 * is ("Only the administrators of this group…"). Spanish needs no change of article: grupo and
 * canal are masculine, as chat is.
 */
const WORDS: Record<Lang, Record<ChatPlace, string>> = {
  en: { chat: 'chat', group: 'group', channel: 'channel' },
  es: { chat: 'chat', group: 'grupo', channel: 'canal' },
};

const THIS_CHAT: Record<Lang, RegExp> = { en: /\b([Tt]his) chat\b/g, es: /\b([Ee]ste) chat\b/g };

export function placeWords(text: string, lang: Lang, place: ChatPlace): string {
  if (place === 'chat') return text;
  return text.replace(THIS_CHAT[lang], (_m, article: string) => `${article} ${WORDS[lang][place]}`);
}

/** The reply's own words fitted to the place; the items' text is the source's and stays as it is. */
export function fitPlace<R extends Reply>(reply: R, lang: Lang, place: ChatPlace | undefined): R {
  if (!place || place === 'chat') return reply;
  const fit = (s: string) => placeWords(s, lang, place);
  return {
    ...reply,
    heading: reply.heading && fit(reply.heading),
    paragraphs: reply.paragraphs?.map(fit),
    footer: reply.footer?.map(fit),
    actions: reply.actions?.map((a) => ({ ...a, label: fit(a.label) })),
  };
}
