import type { Lang } from '../i18n/index.js';
import { t } from '../i18n/index.js';
import type { NewsItem } from '../news/item.js';
import { placeKeys } from '../places/match.js';
import type { Chat, Delivery, ItemQueries } from '../ports.js';
import type { Reply } from '../reply.js';
import { itemView, placeList } from '../commands/views.js';
import { commandWord } from '../commands/grammar.js';
import { effectiveDate } from '../search/news-index.js';

const DIGEST_MAX_ITEMS = 20;

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

/** The day the new items start from, for the "and N more" command: the last digest, else the subscription. */
export function digestSinceDay(chat: Chat, last: Delivery | undefined): string {
  return (last?.dueAt ?? chat.places.map((p) => p.addedAt).sort()[0]).slice(0, 10);
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

/** What the chat's digest holds, composed after its last finished one, and how it reads. */
export function composeDigest(
  chat: Chat,
  window: ItemWindow,
  last: Delivery | undefined,
  lang: Lang,
  recent?: RecentByPlace,
): { selection: DigestSelection; reply: Reply } {
  const selection = selectDigest(chat, window, last?.toSeq ?? 0, recent);
  return {
    selection,
    reply: digestReply(chat, selection.items, selection.more, lang, digestSinceDay(chat, last)),
  };
}

function firstAfter(items: readonly NewsItem[], seq: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].seq <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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
  const { toSeq } = window;
  const several = chat.places.length > 1;
  const seen = new Set<NewsItem>();
  const picked: NewsItem[] = [];
  for (const p of chat.places) {
    const after = Math.max(fromSeq, p.sinceSeq);
    for (const it of recent.get(p.code) ?? []) {
      if (it.seq <= after || (several && seen.has(it))) continue;
      if (several) seen.add(it);
      picked.push(it);
    }
  }
  // One place's list is already in digest order; several are merged.
  if (several) picked.sort(newestFirst);
  return {
    items: picked.slice(0, DIGEST_MAX_ITEMS),
    more: Math.max(0, picked.length - DIGEST_MAX_ITEMS),
    fromSeq,
    toSeq,
  };
}

/** The digest as a Reply, in the chat's language. `since` is the day the "more" command starts from. */
export function digestReply(chat: Chat, items: NewsItem[], more: number, lang: Lang, since: string): Reply {
  const m = t(lang);
  const codes = chat.places.map((p) => p.code);
  const moreCommand = `${commandWord('country', lang)} ${codes.join(', ')} ${lang === 'es' ? 'desde' : 'since'} ${since}`;
  return {
    kind: 'result',
    visibility: 'public',
    heading: m.digestHeading(placeList(codes, lang), chat.schedule?.weekday === 0),
    paragraphs: [m.digestCount(items.length + more)],
    items: items.map((it) => itemView(it, lang)),
    footer: more > 0 ? [m.digestMore(more, moreCommand)] : [],
    actions: more > 0 ? [{ kind: 'more', label: m.buttons.more, command: moreCommand, offset: 0 }] : [],
  };
}
