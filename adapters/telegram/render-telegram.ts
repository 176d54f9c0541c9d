import type { InlineKeyboardButton } from 'telegraf/types';
import {
  itemLineText,
  itemViewToText,
  shorten,
  type Action,
  type ItemView,
  type Reply,
} from '../../src/reply.js';

/** Telegram's limit on one message's text, as the reader sees it (after entities are parsed). */
export const MESSAGE_LIMIT = 4096;
/** A compact line's title is cut here, so a line always fits a message. */
const LINE_TITLE = 250;
/** A longer link target is dropped rather than eat the message. */
const URL_CHARS = 2000;
/** Buttons with labels up to this long go two to a row (country names); longer ones get a row each. */
const PAIR_LABEL = 22;
const HEADING_MAX = 256;

/** One message: its HTML, and the same content as plain text for when HTML is refused. */
export interface RenderedPart {
  html: string;
  text: string;
}

/** A piece of a message: its separator from the block before ("\n\n" unless a line of a list). */
interface Block extends RenderedPart {
  sep?: string;
  /** a compact item's group, or the group a heading opens */
  group?: string;
  opens?: boolean;
}

export interface RenderedReply {
  parts: RenderedPart[];
  /** attached to the last part */
  keyboard?: InlineKeyboardButton[][];
  /** previews help a single story; for lists and notices they only add noise */
  linkPreview: boolean;
}

export interface RenderOptions {
  /** callback_data for a button (see callback-data.ts) */
  encode: (a: Action) => string;
  limit?: number;
  /**
   * At most this many messages (a command's answer): the items' summaries are left out first;
   * what still does not fit is left out, and the last message ends with `cutNote`, which says
   * so. Digests, which page by their ledger, have none.
   */
  budget?: { parts: number; cutNote: string };
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** HTML parse mode needs exactly these four escaped, in text and in attribute values alike. */
export function escapeHtml(s: string): string {
  // Most text holds none of them: one scan and no copy, which counts when a digest run renders thousands.
  return /[&<>"]/.test(s) ? s.replace(/[&<>"]/g, (c) => ESCAPES[c]) : s;
}

const isWebUrl = (u: string | null): u is string => !!u && /^https?:\/\/\S+$/i.test(u);

const ENTITY = /&(?:amp|lt|gt|quot);/g;
/**
 * How long HTML is as Telegram counts it: the text after entities are parsed (tags gone, each
 * entity one character), in UTF-16 units like JavaScript's length.
 */
export function visibleLength(html: string): number {
  return html.replace(/<[^>]*>/g, '').replace(ENTITY, '&').length;
}

/** A compact item: one line, the title linked to the story (or its source's home page), the source's name there, the date. */
function lineHtml(v: ItemView, n: number): string {
  const title = escapeHtml(shorten(v.title, LINE_TITLE));
  const linked =
    isWebUrl(v.url) && v.url.length <= URL_CHARS ? `<a href="${escapeHtml(v.url)}">${title}</a>` : title;
  const rest = [v.source && `<i>${escapeHtml(shorten(v.source, 80))}</i>`, v.date && escapeHtml(v.date)];
  return [`${n}. ${linked}`, ...rest].filter(Boolean).join(' · ');
}

function itemHtml(v: ItemView, n: number): string {
  const title = `<b>${escapeHtml(v.title)}</b>`;
  const web = isWebUrl(v.url);
  const head = web ? `<a href="${escapeHtml(v.url!)}">${title}</a>` : title;
  const meta = [v.date, v.places.join(', '), v.source].filter(Boolean).join(' · ');
  // A URL that is not a web link cannot be an href; it is shown as text, like the fallback does.
  const lines = [
    `${n}. ${head}`,
    meta && `<i>${escapeHtml(meta)}</i>`,
    v.summary && escapeHtml(v.summary),
    !web && v.url && escapeHtml(v.url),
  ];
  return lines.filter(Boolean).join('\n');
}

/** The largest m (by bisection) for which `fits(m)` holds; `fits` is monotone in m. */
function largest(max: number, fits: (m: number) => boolean): number {
  let lo = 0;
  let hi = max;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const cut = (s: string, m: number) => (m <= 0 ? '' : shorten(s, m));

/** An item's length in a message: as HTML, or as the plain twin sent when HTML is refused (which shows the link). */
const itemSize = (v: ItemView, n: number) =>
  Math.max(visibleLength(itemHtml(v, n)), n.toString().length + 2 + itemViewToText(v).length);

/** An item's HTML within the limit; one that alone exceeds it is shortened (see fitView). */
function fitItem(v: ItemView, n: number, limit: number): { view: ItemView; html: string } {
  const html = itemHtml(v, n);
  if (itemSize(v, n) <= limit) return { view: v, html };
  const view = fitView(v, n, limit);
  return { view, html: itemHtml(view, n) };
}

/** An item that alone exceeds the limit: shorten its summary, then its title, then drop the link. */
function fitView(v: ItemView, n: number, limit: number): ItemView {
  const s = largest(v.summary.length, (m) => itemSize({ ...v, summary: cut(v.summary, m) }, n) <= limit);
  let w = { ...v, summary: cut(v.summary, s) };
  if (itemSize(w, n) <= limit) return w;
  w = { ...w, summary: '' };
  const t = largest(v.title.length, (m) => itemSize({ ...w, title: cut(v.title, m) }, n) <= limit);
  if (itemSize({ ...w, title: cut(v.title, t) }, n) <= limit) return { ...w, title: cut(v.title, t) };
  // Only a link longer than a message is left: it cannot be shown, the title still can.
  w = { ...w, url: null };
  return {
    ...w,
    title: cut(
      v.title,
      largest(v.title.length, (m) => itemSize({ ...w, title: cut(v.title, m) }, n) <= limit),
    ),
  };
}

/** Plain text longer than the limit, as pieces that fit: at line breaks, else anywhere. */
function splitPlain(text: string, limit: number): string[] {
  if (text.length <= limit) return [text];
  const pieces: string[] = [];
  let cur = '';
  const flush = () => {
    if (cur) pieces.push(cur);
    cur = '';
  };
  for (const line of text.split('\n')) {
    const next = cur ? `${cur}\n${line}` : line;
    if (next.length <= limit) {
      cur = next;
      continue;
    }
    flush();
    let rest = line;
    while (rest.length > limit) {
      const m = largest(rest.length, (k) => k <= limit);
      pieces.push(rest.slice(0, m));
      rest = rest.slice(m);
    }
    cur = rest;
  }
  flush();
  return pieces;
}

function keyboardOf(
  actions: Action[],
  encode: RenderOptions['encode'],
): InlineKeyboardButton[][] | undefined {
  // "share" posts to a Slack channel; a Telegram chat has nothing to share into.
  const usable = actions.filter((a) => a.kind !== 'share');
  if (usable.length === 0) return undefined;
  const rows: InlineKeyboardButton[][] = [];
  let pair: InlineKeyboardButton[] = [];
  const endPair = () => {
    if (pair.length) rows.push(pair);
    pair = [];
  };
  const button = (a: Action): InlineKeyboardButton => ({ text: a.label, callback_data: encode(a) });
  for (const a of usable.filter((x) => x.kind !== 'more')) {
    if (a.label.length <= PAIR_LABEL) {
      pair.push(button(a));
      if (pair.length === 2) endPair();
    } else {
      endPair();
      rows.push([button(a)]);
    }
  }
  endPair();
  for (const a of usable.filter((x) => x.kind === 'more')) rows.push([button(a)]);
  return rows;
}

/**
 * A Reply as Telegram messages in HTML parse mode. Every piece of item text is escaped; messages
 * over the limit are split between blocks (heading, paragraphs, items), never inside an item,
 * and an item too long on its own is shortened. Each part carries its plain-text twin, which is
 * what `replyToText` gives for the same blocks.
 */
export function renderTelegram(reply: Reply, o: RenderOptions): RenderedReply {
  const limit = o.limit ?? MESSAGE_LIMIT;
  let parts = groupIntoParts(blocksOf(reply, limit), limit);
  if (o.budget && parts.length > o.budget.parts) {
    // Over the budget, the summaries go first: every item stays, as its title, date and places.
    if (reply.items?.some((v) => v.summary))
      parts = groupIntoParts(
        blocksOf({ ...reply, items: reply.items.map((v) => ({ ...v, summary: '' })) }, limit),
        limit,
      );
    if (parts.length > o.budget.parts) parts = cutToBudget(parts, o.budget, limit);
  }
  return {
    parts: parts.map(joinBlocks),
    keyboard: keyboardOf(reply.actions ?? [], o.encode),
    linkPreview: (reply.items?.length ?? 0) === 1,
  };
}

/** The reply's blocks (heading, paragraphs, items, footer), each within the limit. */
function blocksOf(reply: Reply, limit: number): Block[] {
  const blocks: Block[] = [];
  const plainBlock = (text: string, wrap?: 'b') => {
    for (const piece of splitPlain(text, wrap ? limit - 7 : limit)) {
      blocks.push({ html: wrap ? `<b>${escapeHtml(piece)}</b>` : escapeHtml(piece), text: piece });
    }
  };
  if (reply.heading) plainBlock(shorten(reply.heading, HEADING_MAX), 'b');
  for (const p of reply.paragraphs ?? []) if (p) plainBlock(p);
  if (reply.layout === 'compact') blocks.push(...lineBlocks(reply.items ?? [], reply.offset ?? 0));
  else
    (reply.items ?? []).forEach((v, i) => {
      const n = (reply.offset ?? 0) + i + 1;
      const fitted = fitItem(v, n, limit);
      blocks.push({ html: fitted.html, text: `${n}. ${itemViewToText(fitted.view)}` });
    });
  for (const p of reply.footer ?? []) if (p) plainBlock(p);
  if (blocks.length === 0) blocks.push({ html: '…', text: '…' });
  return blocks;
}

/** Compact items: each group's heading (bold), then a line an item under it. */
function lineBlocks(items: ItemView[], offset: number): Block[] {
  const blocks: Block[] = [];
  items.forEach((v, i) => {
    const n = offset + i + 1;
    const starts = v.group && (i === 0 || v.group !== items[i - 1].group);
    if (starts) blocks.push(groupHeading(v.group!));
    blocks.push({
      html: lineHtml(v, n),
      text: itemLineText(v, n),
      sep: starts || i > 0 ? '\n' : undefined,
      group: v.group,
    });
  });
  return blocks;
}

const groupHeading = (group: string, cont = ''): Block => ({
  html: `<b>${escapeHtml(group)}</b>${cont}`,
  text: `${group}${cont}`,
  group,
  opens: true,
});

const sepOf = (b: Block) => b.sep ?? '\n\n';
/** Within the limit both as HTML and as its plain twin. */
const blockSize = (b: RenderedPart) => Math.max(visibleLength(b.html), b.text.length);

/**
 * Blocks, in order, as messages: as many whole blocks to a message as fit within the limit. A
 * group's heading never ends a message, and a group that runs on into the next message says
 * so there ("Honduras (cont.)"), so no line reads as under the group before it.
 */
function groupIntoParts(blocks: Block[], limit: number): Block[][] {
  const parts: Block[][] = [];
  let cur: Block[] = [];
  let length = 0;
  const add = (b: Block) => {
    length += (cur.length ? sepOf(b).length : 0) + blockSize(b);
    cur.push(b);
  };
  for (const b of blocks) {
    if (cur.length && length + sepOf(b).length + blockSize(b) <= limit) {
      add(b);
      continue;
    }
    const carried: Block[] = [];
    const last = cur[cur.length - 1];
    if (cur.length > 1 && last.opens && blockSize(last) + sepOf(b).length + blockSize(b) <= limit)
      carried.push(cur.pop()!);
    if (cur.length) parts.push(cur);
    cur = [];
    length = 0;
    if (!carried.length && b.group && !b.opens) {
      const heading = groupHeading(b.group, ' (cont.)');
      if (blockSize(heading) + sepOf(b).length + blockSize(b) <= limit) carried.push(heading);
    }
    for (const c of [...carried, b]) add(c);
  }
  parts.push(cur);
  return parts;
}

const joinBlocks = (blocks: Block[]): RenderedPart => ({
  html: blocks.map((b, i) => (i ? sepOf(b) : '') + b.html).join(''),
  text: blocks.map((b, i) => (i ? sepOf(b) : '') + b.text).join(''),
});

/** The first `budget.parts` messages, the last ending with the note that the rest was left out. */
function cutToBudget(
  parts: Block[][],
  budget: NonNullable<RenderOptions['budget']>,
  limit: number,
): Block[][] {
  const kept = parts.slice(0, Math.max(1, budget.parts)).map((p) => [...p]);
  const last = kept[kept.length - 1];
  const note = { html: `<i>${escapeHtml(budget.cutNote)}</i>`, text: budget.cutNote };
  const size = (blocks: Block[]) => blockSize(joinBlocks([...blocks, note]));
  // Whole blocks make room for the note; the note itself is short.
  while (last.length && size(last) > limit) last.pop();
  last.push(note);
  return kept;
}
