import { formatMoment, t } from '../i18n/index.js';
import type { Reply } from '../reply.js';
import { nextOccurrence } from '../digest/due.js';
import {
  composeDigest,
  DIGEST_MAX_ITEMS,
  digestFloor,
  digestViews,
  digestWindow,
  lastDelivered,
  rankDigest,
  recentByPlace,
} from '../digest/compose.js';
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
    const name = c.deps.sourceLabels?.get(source)?.name;
    const parts = [m.sourceLine(name ? `${name} (${source})` : source, h?.itemCount ?? 0)];
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

/** A digest's seq window as its "more" command names it: `120-165`. */
const WINDOW = /^(\d{1,15})-(\d{1,15})$/;

/** `digest` alone: the preview; `digest 120-165`: the rest of the digest with that seq window. */
export async function digest(c: Call): Promise<Reply> {
  const args = c.args.trim();
  if (!args) return digestPreview(c);
  const w = WINDOW.exec(args);
  if (!w || Number(w[1]) > Number(w[2]))
    return usageReply('digest', c.lang, [t(c.lang).badDigestWindow(args)]);
  return digestRest(c, Number(w[1]), Number(w[2]));
}

/**
 * The items of a digest past the 20 it showed, a page of 20 at a time: found again from its seq
 * window (what the ledger keeps) and the chat's places, in the order the digest ranked them.
 */
async function digestRest(c: Call, fromSeq: number, toSeq: number): Promise<Reply> {
  const m = t(c.lang);
  const chat = c.chat;
  if (!chat?.places.length)
    return { kind: 'info', visibility: 'private', paragraphs: [m.previewNoSubscription] };
  const codes = chat.places.map((p) => p.code);
  const floor = digestFloor(chat, fromSeq);
  const items = await c.deps.store.items.window(floor, toSeq, codes);
  const ranked = rankDigest(chat, fromSeq, recentByPlace(items, floor));
  const first = DIGEST_MAX_ITEMS + c.offset;
  const page = ranked.slice(first, first + DIGEST_MAX_ITEMS);
  if (page.length === 0) return { kind: 'info', visibility: 'private', paragraphs: [m.digestRestNone] };
  const more = first + page.length < ranked.length;
  return {
    kind: 'result',
    visibility: 'private',
    layout: chat.format === 'full' ? 'full' : 'compact',
    heading: m.digestRestHeading(placeList(codes, c.lang)),
    paragraphs: [m.range(first + 1, first + page.length, ranked.length)],
    items: digestViews(chat, page, fromSeq, c.lang, c.deps.sourceLabels),
    actions: more
      ? [{ kind: 'more', label: m.buttons.more, command: c.command, offset: c.offset + DIGEST_MAX_ITEMS }]
      : [],
    command: c.command,
    offset: first,
  };
}

/** What the next digest would hold if it went out now: the same composition the scheduler sends. */
async function digestPreview(c: Call): Promise<Reply> {
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
  const { selection, reply } = composeDigest(chat, window, last, c.lang, {
    at: c.now,
    zone: s.timeZone,
    labels: c.deps.sourceLabels,
  });
  if (selection.items.length === 0)
    return {
      kind: 'info',
      visibility: 'private',
      heading,
      paragraphs: [last ? m.previewNothing : m.previewNothingYet, note],
    };
  return { ...reply, visibility: 'private', heading, paragraphs: [note, ...(reply.paragraphs ?? [])] };
}
