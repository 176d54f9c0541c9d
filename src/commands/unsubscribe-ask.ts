import { t } from '../i18n/index.js';
import type { Chat } from '../ports.js';
import type { Reply } from '../reply.js';
import type { Call } from './context.js';
import { commandWord } from './grammar.js';
import { usageReply } from './usage.js';
import { placeList } from './views.js';

/**
 * `unsubscribe` alone in a subscribed chat (the digest's Unsubscribe button runs it): the
 * question before everything is forgotten, Yes running `unsubscribe all` and No only showing
 * what stays. Asked of the person alone; the answer to Yes is the chat's to see.
 */
export function unsubscribeQuestion(c: Call, chat: Chat): Reply {
  const m = t(c.lang);
  const places = placeList(
    chat.places.map((p) => p.code),
    c.lang,
  );
  const usage = usageReply('unsubscribe', c.lang).paragraphs ?? [];
  return {
    kind: 'info',
    visibility: 'private',
    paragraphs: [m.unsubscribeAsk(places), ...usage.slice(0, 1)],
    actions: [
      {
        kind: 'command',
        label: m.buttons.confirmUnsubscribeAll,
        command: `${commandWord('unsubscribe', c.lang)} ${c.lang === 'es' ? 'todo' : 'all'}`,
      },
      { kind: 'command', label: m.buttons.keepSubscriptions, command: commandWord('subscriptions', c.lang) },
    ],
  };
}
