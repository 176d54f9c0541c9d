import type { Lang } from '../i18n/index.js';
import { t } from '../i18n/index.js';
import { formatPeriod, formatShortDay } from '../i18n/dates.js';
import { firstAfter, type NewsItem } from '../news/item.js';
import type { SourceLabels } from '../news/source-labels.js';
import { placeFlag } from '../places/flag.js';
import { placeName } from '../places/gazetteer.js';
import { placeKeys } from '../places/match.js';
import type { Chat, Delivery, ItemQueries } from '../ports.js';
import type { ItemView, Reply } from '../reply.js';
import { itemView, placeList } from '../commands/views.js';
import { commandWord } from '../commands/grammar.js';
import { effectiveDate } from '../search/news-index.js';
import { digestManageActions } from './manage-actions.js';

export const DIGEST_MAX_ITEMS = 20;

export interface DigestSelection {
  items: NewsItem[];
  /** matching items beyond DIGEST_MAX_ITEMS */
  more: number;
  fromSeq: number;
  toSeq: number;
}

/** The chat's last finished digest: items after its toSeq are new. */
export function lastDelivered(chat: Chat, deliveries: readonly Delivery[]): Delivery | undefined {
  let last: Delivery | undefined;
  for (const d of deliveries) {
    if (
      d.chatKey === chat.key &&
      (d.state === 'sent' || d.state === 'empty') &&
      (!last || d.dueAt > last.dueAt)
    )
      last = d;
  }
  return last;
}

/** The last finished digest of every chat, found in one pass over the ledger. */
export function lastDeliveredByChat(deliveries: readonly Delivery[]): Map<string, Delivery> {
  const last = new Map<string, Delivery>();
  for (const d of deliveries) {
    if (d.state !== 'sent' && d.state !== 'empty') continue;
    const prev = last.get(d.chatKey);
    if (!prev || d.dueAt > prev.dueAt) last.set(d.chatKey, d);
  }
  return last;
}

/** When the period a digest covers starts: the last digest's due time, else the subscription's. */
export function digestPeriodStart(chat: Chat, last: Delivery | undefined): Date {
  return new Date(last?.dueAt ?? chat.places.map((p) => p.addedAt).sort()[0]);
}

/** The period a digest covers, said in the chat's zone: from the last digest (or the subscription) to this one. */
export interface DigestPeriod {
  from: Date;
  to: Date;
  zone: string;
  /** the sources' names and home pages, for items without a link of their own */
  labels?: SourceLabels;
}

/**
 * The items a digest run looks at: those first seen after a seq, in seq order, up to the store's
 * last seq when it was read (what arrives after belongs to the next digest).
 */
export interface ItemWindow {
  items: readonly NewsItem[];
  toSeq: number;
}

/**
 * The window of one chat's next digest, read from the store: after its last finished digest,
 * under its places, up to `toSeq` (default: the store's last seq now).
 */
export async function digestWindow(
  items: ItemQueries,
  chat: Chat,
  last: Delivery | undefined,
  toSeq?: number,
): Promise<ItemWindow> {
  toSeq ??= await items.lastSeq();
  const codes = chat.places.map((p) => p.code);
  return { items: await items.window(digestFloor(chat, last?.toSeq ?? 0), toSeq, codes), toSeq };
}

/**
 * What the chat's digest holds, composed after its last finished one, and how it reads. `at` is
 * when it is due (the end of its period), `zone` the zone its period is said in.
 */
export function composeDigest(
  chat: Chat,
  window: ItemWindow,
  last: Delivery | undefined,
  lang: Lang,
  when: { at: Date; zone: string; labels?: SourceLabels },
  recent?: RecentByPlace,
): { selection: DigestSelection; reply: Reply } {
  const selection = selectDigest(chat, window, last?.toSeq ?? 0, recent);
  const period = { from: digestPeriodStart(chat, last), to: when.at, zone: when.zone, labels: when.labels };
  return { selection, reply: digestReply(chat, selection, lang, period) };
}

/** Newest first by the item's date, then by arrival: the order a digest lists its items in. */
function newestFirst(a: NewsItem, b: NewsItem): number {
  const da = effectiveDate(a);
  const db = effectiveDate(b);
  return da === db ? b.seq - a.seq : da < db ? 1 : -1;
}

/**
 * Items after a seq, grouped by place key and each list in digest order: built once per digest
 * run and shared by every chat, so a one-place digest needs no sorting of its own.
 */
export type RecentByPlace = Map<string, NewsItem[]>;

export function recentByPlace(items: readonly NewsItem[], afterSeq: number): RecentByPlace {
  const by: RecentByPlace = new Map();
  for (let i = firstAfter(items, afterSeq); i < items.length; i++) {
    for (const k of placeKeys(items[i])) {
      let list = by.get(k);
      if (!list) by.set(k, (list = []));
      list.push(items[i]);
    }
  }
  for (const list of by.values()) list.sort(newestFirst);
  return by;
}

/** The lowest seq a chat's digest looks beyond. */
export function digestFloor(chat: Chat, fromSeq: number): number {
  return Math.min(...chat.places.map((p) => Math.max(fromSeq, p.sinceSeq)));
}

/**
 * What a chat's digest holds: items first seen after the last digest (by seq, so an item
 * published late still comes once) and after each place was subscribed, matching the places;
 * newest first, at most 20. `window` holds at least the items after this chat's floor;
 * `recent`, when given, groups what came after at least that floor.
 */
function selectDigest(
  chat: Chat,
  window: ItemWindow,
  fromSeq: number,
  recent = recentByPlace(window.items, digestFloor(chat, fromSeq)),
): DigestSelection {
  const picked = rankDigest(chat, fromSeq, recent);
  return {
    items: picked.slice(0, DIGEST_MAX_ITEMS),
    more: Math.max(0, picked.length - DIGEST_MAX_ITEMS),
    fromSeq,
    toSeq: window.toSeq,
  };
}

/**
 * Every item of a digest, newest first: its first 20 are those the digest shows, the rest what
 * its "more" pages through. The same window and places give the same list, so the rest is found
 * again from the seq window the ledger keeps.
 */
export function rankDigest(chat: Chat, fromSeq: number, recent: RecentByPlace): NewsItem[] {
  const several = chat.places.length > 1;
  const seen = new Set<NewsItem>();
  const picked: NewsItem[] = [];
  // A chat limited to topics gets only items tagged with one of them.
  const topics = chat.topics?.length ? new Set(chat.topics) : undefined;
  for (const p of chat.places) {
    const after = Math.max(fromSeq, p.sinceSeq);
    for (const it of recent.get(p.code) ?? []) {
      if (it.seq <= after || (several && seen.has(it))) continue;
      if (topics && !it.topics.some((x) => topics.has(x))) continue;
      if (several) seen.add(it);
      picked.push(it);
    }
  }
  // One place's list is already in digest order; several are merged.
  if (several) picked.sort(newestFirst);
  return picked;
}

/**
 * The place an item of the digest is listed under: the first of the chat's places, in the order
 * it subscribed to them, that the item is new under. An item about two of them is listed once.
 */
function digestPlace(chat: Chat, item: NewsItem, fromSeq: number): string | undefined {
  const keys = placeKeys(item);
  return chat.places.find((p) => item.seq > Math.max(fromSeq, p.sinceSeq) && keys.includes(p.code))?.code;
}

/** A place as a digest's group heading: "🇭🇳 Honduras"; a region has no flag. */
function groupHeading(code: string, lang: Lang): string {
  const flag = placeFlag(code);
  return flag ? `${flag} ${placeName(code, lang)}` : placeName(code, lang);
}

/**
 * Items of a digest as one-line views, grouped under their places in the chat's order, each group
 * in the order given (newest first); dates in the chat's language (the item text stays as written).
 */
export function digestViews(
  chat: Chat,
  items: readonly NewsItem[],
  fromSeq: number,
  lang: Lang,
  labels?: SourceLabels,
): ItemView[] {
  const order = new Map(chat.places.map((p, i) => [p.code, i]));
  const placed = items.map((item, i) => ({ item, i, place: digestPlace(chat, item, fromSeq) }));
  const rank = (p: string | undefined) => (p === undefined ? order.size : order.get(p)!);
  placed.sort((a, b) => rank(a.place) - rank(b.place) || a.i - b.i);
  return placed.map(({ item, place }) => ({
    ...itemView(item, lang, labels),
    date: item.date && formatShortDay(lang, item.date),
    ...(place ? { group: groupHeading(place, lang) } : {}),
  }));
}

/** The command that shows the items of a digest past its first 20: `digest 120-165` (its seq window). */
function digestRestCommand(fromSeq: number, toSeq: number, lang: Lang): string {
  return `${commandWord('digest', lang)} ${fromSeq}-${toSeq}`;
}

/** The digest as a Reply, in the chat's language: the period and count, then its items by place. */
export function digestReply(
  chat: Chat,
  sel: Pick<DigestSelection, 'items' | 'more' | 'fromSeq' | 'toSeq'>,
  lang: Lang,
  period: DigestPeriod,
): Reply {
  const m = t(lang);
  const codes = chat.places.map((p) => p.code);
  const rest = digestRestCommand(sel.fromSeq, sel.toSeq, lang);
  const when = formatPeriod(lang, period.from, period.to, period.zone);
  return {
    kind: 'result',
    visibility: 'public',
    layout: chat.format === 'full' ? 'full' : 'compact',
    heading: m.digestHeading(placeList(codes, lang), chat.schedule?.weekday === 0),
    paragraphs: [`${when} · ${m.digestCount(sel.items.length + sel.more)}`],
    items: digestViews(chat, sel.items, sel.fromSeq, lang, period.labels),
    footer: sel.more > 0 ? [m.digestMore(sel.more, rest)] : [],
    actions: [
      ...(sel.more > 0 ? [{ kind: 'more' as const, label: m.buttons.more, command: rest, offset: 0 }] : []),
      ...digestManageActions(chat, lang),
    ],
  };
}
