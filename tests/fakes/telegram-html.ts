/**
 * What Telegram does with a message in HTML parse mode, closely enough to catch injection:
 * only its own tags, every other "<" and "&" must be an entity, tags must nest. The result is
 * the text a user sees and the links in it. An error reads like Telegram's own.
 */
export interface ParsedHtml {
  text: string;
  links: { text: string; url: string }[];
  /** tags used, in order (for asserting that item text never became markup) */
  tags: string[];
}

const TAGS = new Set([
  'b',
  'strong',
  'i',
  'em',
  'u',
  'ins',
  's',
  'strike',
  'del',
  'a',
  'code',
  'pre',
  'tg-spoiler',
  'span',
  'blockquote',
  'tg-emoji',
]);
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

export class HtmlParseError extends Error {}

function decodeEntities(s: string, where: number): string {
  if (!s.includes('&')) return s;
  return s.replace(/&([^;&<>\s]*);?/g, (m, name: string) => {
    if (!m.endsWith(';'))
      throw new HtmlParseError(`can't parse entities: Unclosed entity at byte offset ${where}`);
    if (name in NAMED) return NAMED[name];
    const num = /^#(x[0-9a-f]+|\d+)$/i.exec(name);
    if (num)
      return String.fromCodePoint(
        num[1][0].toLowerCase() === 'x' ? parseInt(num[1].slice(1), 16) : Number(num[1]),
      );
    throw new HtmlParseError(`can't parse entities: Unsupported entity "${name}" at byte offset ${where}`);
  });
}

export function parseTelegramHtml(html: string): ParsedHtml {
  let text = '';
  const links: ParsedHtml['links'] = [];
  const tags: string[] = [];
  const open: { name: string; href?: string; start: number }[] = [];
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    const chunkEnd = lt === -1 ? html.length : lt;
    const bare = html.indexOf('>', i);
    if (bare !== -1 && bare < chunkEnd) {
      // Telegram tolerates a bare ">" but our renderer must not emit one; be strict.
      throw new HtmlParseError(`can't parse entities: Unexpected ">" at byte offset ${bare}`);
    }
    text += decodeEntities(html.slice(i, chunkEnd), i);
    if (lt === -1) break;
    const gt = html.indexOf('>', lt);
    if (gt === -1) throw new HtmlParseError(`can't parse entities: Unclosed start tag at byte offset ${lt}`);
    const raw = html.slice(lt + 1, gt);
    const closing = raw.startsWith('/');
    const m = /^\/?([a-z-]+)([\s\S]*)$/i.exec(raw);
    if (!m || !TAGS.has(m[1].toLowerCase()))
      throw new HtmlParseError(
        `can't parse entities: Unsupported start tag "${raw.split(/\s/)[0]}" at byte offset ${lt}`,
      );
    const name = m[1].toLowerCase();
    if (closing) {
      const top = open.pop();
      if (!top || top.name !== name)
        throw new HtmlParseError(
          `can't parse entities: Can't find end tag corresponding to start tag "${top?.name ?? name}"`,
        );
      if (name === 'a') links.push({ text: text.slice(top.start), url: top.href ?? '' });
    } else {
      let href: string | undefined;
      const attrs = m[2].trim();
      if (attrs) {
        const a = /^([a-z-]+)\s*=\s*"([^"]*)"$/i.exec(attrs) ?? /^([a-z-]+)\s*=\s*'([^']*)'$/i.exec(attrs);
        if (!a)
          throw new HtmlParseError(
            `can't parse entities: Unsupported attribute "${attrs}" at byte offset ${lt}`,
          );
        if (name === 'a' && a[1].toLowerCase() === 'href') href = decodeEntities(a[2], lt);
      }
      if (name === 'a' && href !== undefined && !/^(https?|tg):\/\//i.test(href))
        throw new HtmlParseError(`can't parse entities: Wrong HTTP URL "${href}"`);
      open.push({ name, href, start: text.length });
      tags.push(name);
    }
    i = gt + 1;
  }
  if (open.length)
    throw new HtmlParseError(
      `can't parse entities: Can't find end tag corresponding to start tag "${open[open.length - 1].name}"`,
    );
  return { text, links, tags };
}
