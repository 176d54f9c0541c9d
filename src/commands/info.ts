import { formatMoment, t } from '../i18n/index.js';
import type { Reply } from '../reply.js';
import { nextOccurrence } from '../digest/due.js';
import { composeDigest, digestWindow, lastDelivered } from '../digest/compose.js';
import type { Call } from './context.js';
import { COMMAND_NAMES, commandByWord } from './grammar.js';
import { usageReply } from './usage.js';
import { chatOf } from './subscriptions.js';
import { placeList } from './views.js';

export function help(c: Call): Reply {
  const m = t(c.lang);
  const asked = c.args.trim();
  const name = asked ? commandByWord(asked) : undefined;
  if (name && name !== 'start') {
    const r = usageReply(name, c.lang);
    const about = m.commands[name].about;
    return { ...r, kind: 'info', heading: about[0].toUpperCase() + about.slice(1) };
  }
  // Help on a word that is no command: say so, then list them all.
  const unknown = asked && !name ? [m.unknownCommand(asked)] : [];
  return {
    kind: 'info',
    visibility: 'private',
    heading: m.helpHeading,
    paragraphs: [
      ...unknown,
      COMMAND_NAMES.map(
        (n) => `• ${c.ctx.commandPrefix ?? ''}${m.commands[n].usage} — ${m.commands[n].about}`,
      ).join('\n'),
      m.helpFooter,
    ],
  };
}

export function start(c: Call): Reply {
  const m = t(c.lang);
  return {
    kind: 'info',
    visibility: 'private',
    heading: m.welcomeHeading,
    paragraphs: [...m.welcomeBody, m.helpFooter],
  };
}

export async function sources(c: Call): Promise<Reply> {
  const m = t(c.lang);
  const configured = c.deps.sources();
  if (configured.length === 0) return { kind: 'info', visibility: 'private', paragraphs: [m.noSources] };
  const health = new Map((await c.deps.store.sources()).map((h) => [h.source, h]));
  const when = (iso: string) => iso.replace('T', ' ').slice(0, 16) + ' UTC';
  const lines = configured.map((source) => {
    const h = health.get(source);
    const parts = [m.sourceLine(source, h?.itemCount ?? 0)];
    parts.push(
      h?.lastSuccessAt
        ? m.sourceOk(when(h.lastSuccessAt))
        : h?.lastFetchAt
          ? m.sourceNeverRead
          : m.sourceNever,
    );
    if (h?.lastError && h.lastErrorAt && (!h.lastSuccessAt || h.lastErrorAt >= h.lastSuccessAt))
      parts.push(m.sourceError(when(h.lastErrorAt), h.lastError));
    if (h?.nextTryAt && h.failures > 0) parts.push(m.sourceNextTry(when(h.nextTryAt)));
    return `• ${parts.join('; ')}`;
  });
  return { kind: 'info', visibility: 'private', heading: m.sourcesHeading, paragraphs: [lines.join('\n')] };
}

/** What the next digest would hold if it went out now: the same composition the scheduler sends. */
export async function digestPreview(c: Call): Promise<Reply> {
  const m = t(c.lang);
  const chat = chatOf(c);
  if (chat.places.length === 0)
    return { kind: 'info', visibility: 'private', paragraphs: [m.previewNoSubscription] };
  const s = chat.schedule ?? c.deps.defaultSchedule;
  const note = m.previewNote(formatMoment(c.lang, nextOccurrence(s, c.now), s.timeZone));
  const heading = m.previewHeading(
    placeList(
      chat.places.map((p) => p.code),
      c.lang,
    ),
  );
  const last = lastDelivered(chat, await c.deps.store.deliveries(chat.key));
  const window = await digestWindow(c.deps.store.items, chat, last);
  const { selection, reply } = composeDigest(chat, window, last, c.lang);
  if (selection.items.length === 0)
    return {
      kind: 'info',
      visibility: 'private',
      heading,
      paragraphs: [last ? m.previewNothing : m.previewNothingYet, note],
    };
  return { ...reply, visibility: 'private', heading, paragraphs: [note, ...(reply.paragraphs ?? [])] };
}
