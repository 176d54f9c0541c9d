import type { InlineKeyboardButton } from 'telegraf/types';
import { itemViewToText, shorten, type Action, type ItemView, type Reply } from '../../src/reply.js';

/** Telegram's limit on one message's text. */
export const MESSAGE_LIMIT = 4096;
/** Buttons with labels up to this long go two to a row (country names); longer ones get a row each. */
const PAIR_LABEL = 22;
const HEADING_MAX = 256;

/** One message: its HTML, and the same content as plain text for when HTML is refused. */
export interface RenderedPart {
  html: string;
  text: string;
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

function itemHtml(v: ItemView, n: number): string {
  const title = `<b>${escapeHtml(v.title)}</b>`;
  const web = isWebUrl(v.url);
  const head = web ? `<a href="${escapeHtml(v.url!)}">${title}</a>` : title;
  const meta = [v.date, v.places.join(', ')].filter(Boolean).join(' · ');
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

/** An item's HTML within the limit; one that alone exceeds it is shortened (see fitView). */
function fitItem(v: ItemView, n: number, limit: number): { view: ItemView; html: string } {
  const html = itemHtml(v, n);
  if (html.length <= limit) return { view: v, html };
  const view = fitView(v, n, limit);
  return { view, html: itemHtml(view, n) };
}

/** An item that alone exceeds the limit: shorten its summary, then its title, then drop the link. */
function fitView(v: ItemView, n: number, limit: number): ItemView {
  const s = largest(
    v.summary.length,
    (m) => itemHtml({ ...v, summary: cut(v.summary, m) }, n).length <= limit,
  );
  let w = { ...v, summary: cut(v.summary, s) };
  if (itemHtml(w, n).length <= limit) return w;
  w = { ...w, summary: '' };
  const t = largest(v.title.length, (m) => itemHtml({ ...w, title: cut(v.title, m) }, n).length <= limit);
  if (itemHtml({ ...w, title: cut(v.title, t) }, n).length <= limit) return { ...w, title: cut(v.title, t) };
  // Only a link longer than a message is left: it cannot be shown, the title still can.
  w = { ...w, url: null };
  return {
    ...w,
    title: cut(
      v.title,
      largest(v.title.length, (m) => itemHtml({ ...w, title: cut(v.title, m) }, n).length <= limit),
    ),
  };
}

/** Plain text longer than the limit, as pieces whose escaped form fits: at line breaks, else anywhere. */
function splitPlain(text: string, limit: number): string[] {
  if (escapeHtml(text).length <= limit) return [text];
  const pieces: string[] = [];
  let cur = '';
  const flush = () => {
    if (cur) pieces.push(cur);
    cur = '';
  };
  for (const line of text.split('\n')) {
    const next = cur ? `${cur}\n${line}` : line;
    if (escapeHtml(next).length <= limit) {
      cur = next;
      continue;
    }
    flush();
    let rest = line;
    while (escapeHtml(rest).length > limit) {
      const m = largest(rest.length, (k) => escapeHtml(rest.slice(0, k)).length <= limit);
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
function blocksOf(reply: Reply, limit: number): RenderedPart[] {
  const blocks: RenderedPart[] = [];
  const plainBlock = (text: string, wrap?: 'b') => {
    for (const piece of splitPlain(text, wrap ? limit - 7 : limit)) {
      blocks.push({ html: wrap ? `<b>${escapeHtml(piece)}</b>` : escapeHtml(piece), text: piece });
    }
  };
  if (reply.heading) plainBlock(shorten(reply.heading, HEADING_MAX), 'b');
  for (const p of reply.paragraphs ?? []) if (p) plainBlock(p);
  (reply.items ?? []).forEach((v, i) => {
    const n = (reply.offset ?? 0) + i + 1;
    const fitted = fitItem(v, n, limit);
    blocks.push({ html: fitted.html, text: `${n}. ${itemViewToText(fitted.view)}` });
  });
  for (const p of reply.footer ?? []) if (p) plainBlock(p);
  if (blocks.length === 0) blocks.push({ html: '…', text: '…' });
  return blocks;
}

/** Blocks, in order, as messages: as many whole blocks to a message as fit within the limit. */
function groupIntoParts(blocks: RenderedPart[], limit: number): RenderedPart[][] {
  const parts: RenderedPart[][] = [];
  let cur: RenderedPart[] = [];
  let length = 0;
  for (const b of blocks) {
    if (cur.length && length + 2 + b.html.length <= limit) {
      cur.push(b);
      length += 2 + b.html.length;
    } else {
      if (cur.length) parts.push(cur);
      cur = [b];
      length = b.html.length;
    }
  }
  parts.push(cur);
  return parts;
}

const joinBlocks = (blocks: RenderedPart[]): RenderedPart => ({
  html: blocks.map((b) => b.html).join('\n\n'),
  text: blocks.map((b) => b.text).join('\n\n'),
});

/** The first `budget.parts` messages, the last ending with the note that the rest was left out. */
function cutToBudget(
  parts: RenderedPart[][],
  budget: NonNullable<RenderOptions['budget']>,
  limit: number,
): RenderedPart[][] {
  const kept = parts.slice(0, Math.max(1, budget.parts)).map((p) => [...p]);
  const last = kept[kept.length - 1];
  const note = { html: `<i>${escapeHtml(budget.cutNote)}</i>`, text: budget.cutNote };
  const size = (blocks: RenderedPart[]) => joinBlocks([...blocks, note]).html.length;
  // Whole blocks make room for the note; the note itself is short.
  while (last.length && size(last) > limit) last.pop();
  last.push(note);
  return kept;
}
