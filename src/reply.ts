/**
 * The platform-neutral reply every command handler returns. Adapters render it (Block Kit,
 * Telegram HTML, plain text) and own their platform's limits and escaping; `replyToText` is
 * the plain-text fallback every rendering carries.
 */
export interface ItemView {
  id: string;
  title: string;
  url: string | null;
  /** YYYY-MM-DD or null */
  date: string | null;
  /** display names, in the reply's language */
  places: string[];
  /** already shortened */
  summary: string;
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
  /** the command that produced it, so "more" and "share" can run it again */
  command?: string;
  offset?: number;
}

export function itemViewToText(v: ItemView): string {
  const meta = [v.date, v.places.join(', ')].filter(Boolean).join(' · ');
  return [v.title, meta, v.summary, v.url].filter(Boolean).join('\n');
}

/** The reply as plain text: what every adapter sends as its fallback. */
export function replyToText(r: Reply): string {
  const parts: string[] = [];
  if (r.heading) parts.push(r.heading);
  parts.push(...(r.paragraphs ?? []));
  (r.items ?? []).forEach((v, i) => parts.push(`${(r.offset ?? 0) + i + 1}. ${itemViewToText(v)}`));
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
