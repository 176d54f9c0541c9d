/**
 * Item text (titles, summaries: written by whoever publishes the news) must come out in Slack
 * exactly as written: it can never ping anyone, link anywhere or change the layout.
 *
 * The decision:
 * - plain_text wherever Block Kit allows it (headers, paragraphs, the date and places line,
 *   button labels): Slack parses nothing in plain_text.
 * - mrkdwn only where a link needs it (an item's title and summary section), and there:
 *   & < > become &amp; &lt; &gt; (Slack's own rule), so `<!channel>`, `<@U123>` and
 *   `<https://evil|label>` stay text; the mrkdwn formatting characters * _ ~ ` get a zero-width
 *   space on both sides, so none of them can open or close bold, italics, strikethrough or code
 *   (Slack has no backslash escape); a `>` opening a line gets one in front, so it cannot start
 *   a quote; and the text object is `verbatim`, so Slack does not turn bare names into
 *   mentions or channel links either.
 * - the message's plain `text` fallback (notifications) gets & < > escaped: mentions are parsed
 *   there too.
 */

const ZWSP = '\u200B';
const FORMATTING = new Set(['*', '_', '~', '`']);

/** & < > as Slack wants them in any text it parses. */
export function escapeEntities(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Undoes escapeEntities: what a person reads in a message's fallback text. */
export function unescapeEntities(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function literalChar(c: string, prev: string | undefined): string {
  if (c === '&') return '&amp;';
  if (c === '<') return '&lt;';
  if (c === '>') return prev === undefined || prev === '\n' ? `${ZWSP}&gt;` : '&gt;';
  if (FORMATTING.has(c)) return `${ZWSP}${c}${ZWSP}`;
  return c;
}

/**
 * Text shown literally inside mrkdwn, at most `max` characters once escaped: when it would be
 * longer it is cut (never inside an escape) and ends with an ellipsis.
 */
export function mrkdwnLiteral(s: string, max = Infinity): string {
  const pieces: string[] = [];
  let prev: string | undefined;
  for (const c of s) {
    pieces.push(literalChar(c, prev));
    prev = c;
  }
  const full = pieces.join('');
  if (full.length <= max) return full;
  let out = '';
  for (const p of pieces) {
    if (out.length + p.length > max - 1) break;
    out += p;
  }
  return `${out}…`;
}

/**
 * A URL as the target of `<url|label>`: only http(s), with the characters that would end the
 * link (| and >) or open another (<) percent-encoded and & escaped. Anything else gets no link.
 */
export function linkTarget(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  return parsed.href.replace(/\|/g, '%7C').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/&/g, '&amp;');
}
