import { decodeHTMLStrict } from 'entities/decode';

/** Elements a browser starts on a new line; all others (a, em, strong, sup, span…) run on with the text around them. */
const BLOCK =
  /<br\s*\/?>|<\/?(?:address|article|aside|blockquote|dd|div|dl|dt|figcaption|figure|footer|h[1-6]|header|hr|li|ol|p|pre|section|table|td|th|tr|ul)(?:\s[^>]*)?\/?>/gi;

/**
 * Text of an HTML fragment as a reader sees it (feeds put HTML in their summaries). Every named
 * and numeric entity (`&euro;`, `&agrave;`, `&#8364;`) is decoded as a browser would, but only
 * with its semicolon: text that merely looks like a legacy entity ("&copy2026", "?a=1&not=2")
 * stays as written.
 */
export function htmlToText(html: string): string {
  return decodeHTMLStrict(
    html
      .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
      .replace(BLOCK, '\n')
      .replace(/<[^>]*>/g, ''),
  );
}
