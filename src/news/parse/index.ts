import type { RawItem } from '../item.js';
import { ParseError } from './errors.js';
import { parseHtmlListing } from './html-listing.js';
import { parseJsonFeed } from './json-feed.js';
import { parseJsonLines } from './jsonl.js';
import { parseListingText } from './listing-text.js';
import { parseAtom, parseRss } from './xml-feed.js';

export const FORMATS = ['text', 'rss', 'atom', 'jsonfeed', 'jsonl', 'html'] as const;
export type Format = (typeof FORMATS)[number];

export interface Parsed {
  format: Format;
  items: RawItem[];
  warnings: string[];
}

/** The format of a body, from its first bytes (and the Content-Type where there is one). */
export function sniffFormat(body: string, contentType = ''): Format {
  const head = body
    .replace(/^\ufeff/, '')
    .trimStart()
    .slice(0, 2000);
  // JSON Lines whose first line is broken: still mostly whole objects, one a line.
  const lines = head
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const objects = lines.filter((l) => /^\{.*\}$/.test(l)).length;
  if (objects >= 2 && objects * 2 >= lines.length) return 'jsonl';
  if (/json/.test(contentType) || head.startsWith('{') || head.startsWith('[')) {
    if (/^\{[^\n]*\}\s*(\n|$)/.test(head) && !/"items"\s*:/.test(head.split('\n')[0])) return 'jsonl';
    return 'jsonfeed';
  }
  if (/<rss[\s>]|<rdf:RDF[\s>]/i.test(head)) return 'rss';
  if (/<feed[\s>]/i.test(head)) return 'atom';
  if (/^<(!doctype html|html)[\s>]/i.test(head) || /html/.test(contentType)) return 'html';
  if (head.startsWith('<?xml') || head.startsWith('<')) {
    if (/<rss|<rdf/i.test(body.slice(0, 20000))) return 'rss';
    if (/<feed/i.test(body.slice(0, 20000))) return 'atom';
    return head.startsWith('<?xml') ? 'rss' : 'html';
  }
  return 'text';
}

/**
 * NUL bytes, or many control characters and undecodable bytes (U+FFFD): not text of any format.
 * A Latin-1 file read as UTF-8 has a few U+FFFD (its accented letters) and still passes.
 */
function looksBinary(body: string): boolean {
  const head = body.slice(0, 8192);
  if (head.includes('\u0000')) return true;
  const odd = head.match(/[\u0001-\u0008\u000e-\u001a\u001c-\u001f\ufffd]/g)?.length ?? 0;
  return odd > head.length * 0.1;
}

/** Reads a source's body as news items. Throws ParseError for what cannot be read. */
export function parseBody(
  body: string,
  opts: { format?: Format; contentType?: string; baseUrl?: string } = {},
): Parsed {
  if (!body.trim()) throw new ParseError('empty', 'the source is empty');
  if (looksBinary(body)) {
    throw new ParseError(
      'malformed',
      'the source is binary data, not text (a compressed file, an image or a PDF?); point it at a feed, a listing page or a text file',
    );
  }
  const format = opts.format ?? sniffFormat(body, opts.contentType);
  return withTitles({ format, ...read(format, body, opts.baseUrl) });
}

function read(format: Format, body: string, baseUrl: string | undefined): Omit<Parsed, 'format'> {
  switch (format) {
    case 'text':
      return parseListingText(body);
    case 'rss':
      return { items: parseRss(body), warnings: [] };
    case 'atom':
      return { items: parseAtom(body), warnings: [] };
    case 'jsonfeed':
      return { items: parseJsonFeed(body), warnings: [] };
    case 'jsonl':
      return parseJsonLines(body);
    case 'html':
      return { items: parseHtmlListing(body, baseUrl), warnings: [] };
    default:
      throw new ParseError('unknown_format', `unknown format "${format}"; use one of ${FORMATS.join(', ')}`);
  }
}

const TITLE_MAX = 120;

/**
 * RSS and JSON Feed allow an item with a text and no title: it gets its first sentence as one
 * (shortened at a word), rather than being lost. An item with neither is skipped, and said so.
 */
function withTitles(p: Parsed): Parsed {
  const items: RawItem[] = [];
  const warnings = [...p.warnings];
  p.items.forEach((it, i) => {
    if (it.title?.trim()) return void items.push(it);
    const text = (it.summary ?? '').replace(/\s+/g, ' ').trim();
    if (!text) return void warnings.push(`item ${i + 1} has neither a title nor a text: skipped`);
    items.push({ ...it, title: firstSentence(text) });
  });
  return { ...p, items, warnings };
}

function firstSentence(text: string): string {
  const sentence = /^.+?[.!?](?=\s|$)/.exec(text)?.[0] ?? text;
  if (sentence.length <= TITLE_MAX) return sentence;
  const cut = sentence.slice(0, TITLE_MAX);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), TITLE_MAX / 2)).replace(/[\s,;:]+$/, '')}…`;
}
