import { commandWord } from './grammar.js';
import { formatMoment, listOf, pauseReason, scheduleWhen, t, type Lang } from '../i18n/index.js';
import { chatKey, type Chat } from '../ports.js';
import type { Action, Reply } from '../reply.js';
import { nextOccurrence } from '../digest/due.js';
import { zoneLabel } from '../digest/zone.js';
import { placeName, regionCountries, regionIds } from '../places/gazetteer.js';
import { fold } from '../places/text.js';
import { splitList } from './args.js';
import type { Call } from './context.js';
import { placesProblem, resolvePlaces } from './places-arg.js';
import { usageReply } from './usage.js';
import { unsubscribeQuestion } from './unsubscribe-ask.js';
import { itemView, placeList } from './views.js';

/** Countries offered per page of the subscribe keyboard. */
const KEYBOARD_PAGE = 8;

export const info = (paragraphs: string[], extra: Partial<Reply> = {}): Reply => ({
  kind: 'info',
  visibility: 'public',
  paragraphs,
  ...extra,
});

/** The chat's record, or a new one with nothing in it. */
export function chatOf(c: Call): Chat {
  if (c.chat) return structuredClone(c.chat);
  const at = c.now.toISOString();
  return {
    key: chatKey(c.ctx.address),
    address: c.ctx.address,
    places: [],
    state: 'active',
    createdAt: at,
    updatedAt: at,
  };
}

export async function save(c: Call, chat: Chat): Promise<void> {
  chat.updatedAt = c.now.toISOString();
  await c.deps.store.saveChat(chat);
}

export function nextDigestText(c: Call, chat: Chat, lang: Lang): string {
  const s = chat.schedule ?? c.deps.defaultSchedule;
  return formatMoment(lang, nextOccurrence(s, c.now), s.timeZone);
}

export async function subscribe(c: Call): Promise<Reply> {
  const m = t(c.lang);
  const list = splitList(c.args);
  if (list.length === 0) return countryKeyboard(c);
  const resolved = resolvePlaces(list, c.deps.resolver, c.lang);
  if (!resolved.ok) return placesProblem(c, 'subscribe', resolved);
  const chat = chatOf(c);
  const had = new Set(chat.places.map((p) => p.code));
  const added = resolved.codes.filter((code) => !had.has(code));
  const seq = await c.deps.store.items.lastSeq();
  for (const code of added) chat.places.push({ code, sinceSeq: seq, addedAt: c.now.toISOString() });
  // Digests speak the language the chat subscribed in, until `language` says otherwise.
  chat.language ??= c.lang;
  const paragraphs: string[] = [];
  const wasPaused = chat.state === 'paused' && chat.pausedReason !== 'by_user';
  if (chat.state === 'paused' && chat.pausedReason === 'by_user') paragraphs.push(m.stillPausedNote);
  else if (wasPaused) {
    paragraphs.push(m.resumed(pauseReason(c.lang, chat.pausedReason)));
    chat.state = 'active';
    delete chat.pausedReason;
    delete chat.pausedAt;
  }
  await save(c, chat);
  const already = resolved.codes.filter((code) => had.has(code));
  if (added.length) paragraphs.unshift(`${m.subscribed(placeList(added, c.lang))} ${m.firstDigestNote}`);
  if (already.length) paragraphs.push(m.alreadySubscribed(placeList(already, c.lang)));
  if (chat.state === 'active') paragraphs.push(m.nextDigest(nextDigestText(c, chat, c.lang)));
  // Until the chat picks its own time, say how: the default is rarely everyone's.
  if (!chat.schedule) paragraphs.push(m.changeSchedule);
  const region = regionMadeUp(chat, added);
  const actions: Action[] = [];
  if (region) {
    paragraphs.push(m.allOfRegion(placeName(region, c.lang)));
    actions.push({
      kind: 'subscribe',
      label: (c.ctx.shared ? m.buttons.subscribeChannel : m.buttons.subscribe)(placeName(region, c.lang)),
      command: `${commandWord('subscribe', c.lang)} ${region}`,
    });
  }
  const latest = await c.deps.store.items.byPlaces(resolved.codes, { limit: 3 });
  if (latest.items.length) paragraphs.push(m.latestForThem);
  // Nothing changed (all were subscribed already): only the person who typed it needs to know.
  const visibility = added.length || wasPaused ? 'public' : 'private';
  return info(paragraphs, {
    kind: 'result',
    items: latest.items.map((it) => itemView(it, c.lang, c.deps.sourceLabels)),
    actions,
    visibility,
  });
}

/**
 * The largest region whose every country the chat now has, when this subscribe added one of
 * them and the chat does not have the region itself: subscribing the region also brings the
 * news that names only it.
 */
function regionMadeUp(chat: Chat, added: string[]): string | undefined {
  const has = new Set(chat.places.map((p) => p.code));
  let best: string[] | undefined;
  let id: string | undefined;
  for (const region of regionIds()) {
    const countries = regionCountries(region);
    if (countries.length < 3 || has.has(region) || !countries.some((code) => added.includes(code))) continue;
    if (countries.every((code) => has.has(code)) && (!best || countries.length > best.length)) {
      best = countries;
      id = region;
    }
  }
  return id;
}

/** The regions the service is for: the subscribe keyboard offers every country in them. */
const HOME_REGIONS = ['central-america', 'north-america', 'caribbean'];

/**
 * `subscribe` alone: buttons for every country of the region and any other with news, those
 * with news first (most first, with their count), then the rest by name; paged.
 */
async function countryKeyboard(c: Call): Promise<Reply> {
  const m = t(c.lang);
  const subscribed = new Set(c.chat?.places.map((p) => p.code) ?? []);
  const withNews = (await c.deps.store.items.placeCounts()).filter(
    ([code]) => code.length === 2 && !subscribed.has(code),
  );
  const listed = new Set(withNews.map(([code]) => code));
  const rest = [...new Set(HOME_REGIONS.flatMap(regionCountries))]
    .filter((code) => !listed.has(code) && !subscribed.has(code))
    .map((code) => [code, 0] as [string, number])
    .sort(([a], [b]) => placeName(a, c.lang).localeCompare(placeName(b, c.lang), c.lang));
  const counts = [...withNews, ...rest];
  if (counts.length === 0) return usageReply('subscribe', c.lang, [m.noCountriesYet]);
  const page = counts.slice(c.offset, c.offset + KEYBOARD_PAGE);
  const actions: Action[] = page.map(([code, n]) => ({
    kind: 'subscribe',
    label: n ? `${placeName(code, c.lang)} (${n})` : placeName(code, c.lang),
    command: `${commandWord('subscribe', c.lang)} ${code}`,
  }));
  if (c.offset + KEYBOARD_PAGE < counts.length)
    actions.push({
      kind: 'more',
      label: m.buttons.more,
      command: commandWord('subscribe', c.lang),
      offset: c.offset + KEYBOARD_PAGE,
    });
  return {
    kind: 'usage',
    visibility: 'private',
    paragraphs: [m.pickCountry],
    actions,
    command: commandWord('subscribe', c.lang),
    offset: c.offset,
  };
}

export async function unsubscribe(c: Call): Promise<Reply> {
  const m = t(c.lang);
  const arg = c.args.trim();
  const stop = !arg && fold(c.command) === 'stop';
  const chat = chatOf(c);
  if (!arg && !stop && chat.places.length === 0) return usageReply('unsubscribe', c.lang);
  if (chat.places.length === 0) return info([m.nothingToUnsubscribe], { visibility: 'private' });
  if (stop) return stopHow(c, chat);
  if (!arg) return unsubscribeQuestion(c, chat);
  if (['all', 'todo', 'todos', 'todas', 'everything'].includes(fold(arg))) {
    chat.places = [];
    delete chat.topics;
    await save(c, chat);
    return info([m.unsubscribedAll]);
  }
  const resolved = resolvePlaces(splitList(arg), c.deps.resolver, c.lang);
  if (!resolved.ok) return placesProblem(c, 'unsubscribe', resolved);
  const had = new Set(chat.places.map((p) => p.code));
  const removing = resolved.codes.filter((code) => had.has(code));
  const missing = resolved.codes.filter((code) => !had.has(code));
  const current = chat.places.map((p) => p.code);
  if (removing.length === 0) {
    return info(
      [m.notSubscribedTo(placeList(missing, c.lang)), m.stillSubscribed(placeList(current, c.lang))],
      { visibility: 'private' },
    );
  }
  chat.places = chat.places.filter((p) => !removing.includes(p.code));
  await save(c, chat);
  const paragraphs = [m.unsubscribed(placeList(removing, c.lang))];
  if (missing.length) paragraphs.push(m.notSubscribedTo(placeList(missing, c.lang)));
  paragraphs.push(
    chat.places.length
      ? m.stillSubscribed(
          placeList(
            chat.places.map((p) => p.code),
            c.lang,
          ),
        )
      : m.unsubscribedAll,
  );
  return info(paragraphs);
}

/** `/stop` alone, as Telegram users type it first: what stopping means here, with a button for it. */
function stopHow(c: Call, chat: Chat): Reply {
  const m = t(c.lang);
  const all = `${commandWord('unsubscribe', c.lang)} ${c.lang === 'es' ? 'todo' : 'all'}`;
  const places = placeList(
    chat.places.map((p) => p.code),
    c.lang,
  );
  const pause = commandWord('pause', c.lang);
  return info([m.stopHow(places, pause, all)], {
    visibility: 'private',
    actions: [
      { kind: 'command', label: m.buttons.pause, command: pause },
      { kind: 'command', label: m.buttons.unsubscribeAll, command: all },
    ],
  });
}

export function subscriptions(c: Call): Reply {
  const m = t(c.lang);
  const chat = chatOf(c);
  const s = chat.schedule ?? c.deps.defaultSchedule;
  const lines: string[] = [];
  if (chat.places.length === 0) {
    lines.push(m.noSubscriptions);
  } else {
    lines.push(
      m.subscribedTo(
        placeList(
          chat.places.map((p) => p.code),
          c.lang,
        ),
        s.weekday === 0,
      ),
    );
    const when = m.scheduleLine(scheduleWhen(c.lang, s), zoneLabel(s.timeZone));
    // A paused chat has no next digest to promise: why it paused is said instead.
    const since = chat.pausedAt?.slice(0, 10) ?? '?';
    if (chat.state === 'paused' && chat.pausedReason === 'by_user')
      lines.push(when, m.pausedByUserLine(since));
    else if (chat.state === 'paused')
      lines.push(when, m.pausedLine(since, pauseReason(c.lang, chat.pausedReason)));
    else lines.push(`${when} ${m.nextDigest(nextDigestText(c, chat, c.lang))}`);
  }
  if (chat.places.length && chat.topics?.length)
    lines.push(
      m.topicsOfChat(
        listOf(
          c.lang,
          chat.topics.map((id) => m.topicNames[id] ?? id),
        ),
      ),
    );
  if (chat.places.length && chat.quiet) lines.push(m.quietLine(true));
  if (chat.places.length) lines.push(m.formatLine(chat.format === 'full'));
  lines.push(t(c.lang).languageLine);
  const actions: Action[] = chat.places.map((p) => ({
    kind: 'unsubscribe',
    label: m.buttons.unsubscribe(placeName(p.code, c.lang)),
    command: `${commandWord('unsubscribe', c.lang)} ${p.code}`,
  }));
  // A chat paused by its people is one press from its digests again.
  if (chat.places.length && chat.state === 'paused' && chat.pausedReason === 'by_user')
    actions.unshift({ kind: 'command', label: m.buttons.resume, command: commandWord('resume', c.lang) });
  return { kind: 'info', visibility: 'private', heading: m.subscriptionsHeading, paragraphs: lines, actions };
}
