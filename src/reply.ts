/**
 * The platform-neutral reply every command handler returns. Adapters render it (Block Kit,
 * Telegram HTML, plain text) and own their platform's limits and escaping; `replyToText` is
 * the plain-text fallback every rendering carries.
 */
export interface ItemView {
  id: string;
  title: string;
  url: string | null;
  /** YYYY-MM-DD, or as the reply's language writes it (digests: "Dec 5, 2026"), or null */
  date: string | null;
  /** display names, in the reply's language */
  places: string[];
  /** already shortened */
  summary: string;
  /** the name of the source whose home page `url` is, when the item has no link of its own */
  source?: string;
  /** the heading of the group the item is listed under (a digest's "🇭🇳 Honduras") */
  group?: string;
}

/**
 * A button. `command` is command text of the grammar ("subscribe CR"); pressing the button
 * runs it in the chat where it was pressed, from `offset` when the command pages.
 */
export interface Action {
  kind: 'more' | 'subscribe' | 'unsubscribe' | 'share' | 'command';
  label: string;
  command: string;
  offset?: number;
}

export interface Reply {
  kind: 'result' | 'info' | 'usage' | 'error';
  heading?: string;
  /** paragraphs shown before the items */
  paragraphs?: string[];
  items?: ItemView[];
  /** paragraphs shown after the items ("and 12 more: country Honduras") */
  footer?: string[];
  actions?: Action[];
  /**
   * 'private': only the person who asked should see it where the platform allows (Slack
   * ephemeral); 'public': everyone in the chat.
   */
  visibility: 'private' | 'public';
  /**
   * 'compact': one line an item (title linked, date), under its group's heading; 'full' (the
   * default): title, date and places, and the summary.
   */
  layout?: 'compact' | 'full';
  /** the command that produced it, so "more" and "share" can run it again */
  command?: string;
  offset?: number;
}

export function itemViewToText(v: ItemView): string {
  const meta = [v.date, v.places.join(', '), v.source].filter(Boolean).join(' · ');
  return [v.title, meta, v.summary, v.url].filter(Boolean).join('\n');
}

/** An item as one line: "3. Title · Source · Dec 5, 2026" (the link is the title's, where markup allows). */
export function itemLineText(v: ItemView, n: number): string {
  return [`${n}. ${v.title}`, v.source, v.date].filter(Boolean).join(' · ');
}

/**
 * The items as blocks of text: one an item, or (compact) one a group, its heading then a line an
 * item. A group that continues from the page before has no heading again.
 */
export function itemsToText(r: Reply): string[] {
  const items = r.items ?? [];
  const base = r.offset ?? 0;
  if (r.layout !== 'compact') return items.map((v, i) => `${base + i + 1}. ${itemViewToText(v)}`);
  const blocks: string[] = [];
  items.forEach((v, i) => {
    const line = itemLineText(v, base + i + 1);
    if (i === 0 || v.group !== items[i - 1].group) blocks.push(v.group ? `${v.group}\n${line}` : line);
    else blocks[blocks.length - 1] += `\n${line}`;
  });
  return blocks;
}

/** The reply as plain text: what every adapter sends as its fallback. */
export function replyToText(r: Reply): string {
  const parts: string[] = [];
  if (r.heading) parts.push(r.heading);
  parts.push(...(r.paragraphs ?? []));
  parts.push(...itemsToText(r));
  parts.push(...(r.footer ?? []));
  return parts.join('\n\n');
}

/** Shorten at a word boundary, with an ellipsis. */
export function shorten(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max - 1);
  const at = cut.lastIndexOf(' ');
  return `${(at > max * 0.6 ? cut.slice(0, at) : cut).replace(/[\s,.;:]+$/, '')}…`;
}
