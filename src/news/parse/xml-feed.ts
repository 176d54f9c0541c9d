/* eslint-disable @typescript-eslint/no-explicit-any -- parsed documents are untyped trees, checked field by field below */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseDate } from '../dates.js';
import type { RawItem } from '../item.js';
import { ParseError } from './errors.js';
import { htmlToText } from './html-text.js';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  removeNSPrefix: false,
  // A feed with one item must still read as a list.
  isArray: (name) => ['item', 'entry', 'link', 'category'].includes(name),
  processEntities: true,
  htmlEntities: true,
  trimValues: true,
  parseTagValue: false,
});

type Node = Record<string, unknown> | string | undefined;

function text(node: unknown): string {
  if (node == null) return '';
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return text(node[0]);
  if (typeof node === 'object') return text((node as Record<string, unknown>)['#text']);
  return '';
}

function attr(node: unknown, name: string): string | undefined {
  return node && typeof node === 'object'
    ? ((node as Record<string, unknown>)[`@${name}`] as string | undefined)
    : undefined;
}

/** Text of an element that may hold HTML (RSS descriptions, Atom type="html"). */
const rich = (node: Node) => htmlToText(text(node));

function readXml(body: string): Record<string, any> {
  const valid = XMLValidator.validate(body);
  if (valid !== true) {
    // Several elements left open at the end: the validator names them as a JSON list, at line 1.
    const open = /^Invalid '(\[.*\])' found\.$/.exec(valid.err.msg);
    if (open) {
      const names = (JSON.parse(open[1]) as string[]).map((n) => `<${n}>`).join(', ');
      throw new ParseError(
        'malformed',
        `malformed XML: it ends before ${names} are closed (is the file cut short?)`,
      );
    }
    throw new ParseError('malformed', `malformed XML at line ${valid.err.line}: ${valid.err.msg}`);
  }
  return parser.parse(body);
}

export function parseRss(body: string): RawItem[] {
  const doc = readXml(body);
  const channel = doc.rss?.channel ?? doc['rdf:RDF']?.channel;
  if (!channel) throw new ParseError('malformed', 'not an RSS 2.0 document: no <rss><channel>');
  const lang = text(channel.language) || null;
  const items: any[] = (doc.rss?.channel?.item ?? doc['rdf:RDF']?.item ?? []).filter(
    (it: unknown) => it && typeof it === 'object',
  );
  return items.map((it) => {
    const guid = it.guid;
    const link =
      text(it.link) ||
      (attr(guid, 'isPermaLink') !== 'false' && /^https?:/.test(text(guid)) ? text(guid) : '');
    return {
      title: rich(it.title),
      summary: rich(it.description ?? it['content:encoded']),
      date: parseDate(text(it.pubDate) || text(it['dc:date'])),
      url: link || null,
      lang: text(it['dc:language']) || lang,
    };
  });
}

// The main parse keeps an element's text apart from its child elements, which is fine for
// text and escaped HTML but loses the order of words and inline markup in type="xhtml".
const ordered = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  preserveOrder: true,
  processEntities: true,
  htmlEntities: true,
  trimValues: false,
  parseTagValue: false,
});
const XHTML_BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'td',
  'th',
  'tr',
  'ul',
]);
type OrderedNode = Record<string, any>;
const tagOf = (n: OrderedNode) => Object.keys(n).find((k) => k !== ':@');

function orderedText(nodes: OrderedNode[]): string {
  let out = '';
  for (const n of nodes) {
    const tag = tagOf(n);
    if (tag === '#text') out += n['#text'];
    else if (tag && Array.isArray(n[tag])) {
      const local = tag.replace(/^.*:/, '').toLowerCase();
      const block = XHTML_BLOCK.has(local);
      out += (block ? '\n' : '') + orderedText(n[tag]) + (block ? '\n' : '');
    }
  }
  return out;
}

/** Per entry, in order: the text of its title, summary and content when they are type="xhtml". */
function xhtmlParts(body: string): Record<string, string>[] {
  const children = (nodes: OrderedNode[], tag: string) =>
    nodes.filter((n) => tagOf(n) === tag).map((n) => n[tag] as OrderedNode[]);
  const feed = children(ordered.parse(body), 'feed')[0] ?? [];
  return children(feed, 'entry').map((entry) => {
    const parts: Record<string, string> = {};
    for (const n of entry) {
      const tag = tagOf(n);
      if (
        (tag === 'title' || tag === 'summary' || tag === 'content') &&
        n[':@']?.['@type'] === 'xhtml' &&
        !(tag in parts)
      )
        parts[tag] = orderedText(n[tag]);
    }
    return parts;
  });
}

export function parseAtom(body: string): RawItem[] {
  const doc = readXml(body);
  const feed = doc.feed;
  if (!feed) throw new ParseError('malformed', 'not an Atom document: no <feed>');
  const lang = attr(feed, 'xml:lang') ?? null;
  const entries: any[] = feed.entry ?? [];
  const xhtml = /type\s*=\s*["']xhtml["']/.test(body) ? xhtmlParts(body) : [];
  // An <entry> holding only text parses as a string: no entry of ours (its index still counts for xhtml).
  return entries.flatMap((e, i): RawItem[] => {
    if (!e || typeof e !== 'object') return [];
    const links: any[] = Array.isArray(e.link) ? e.link : [];
    const alt = links.find((l) => !attr(l, 'rel') || attr(l, 'rel') === 'alternate') ?? links[0];
    const x = xhtml[i] ?? {};
    return [
      {
        title: x.title ?? rich(e.title),
        summary: e.summary !== undefined ? (x.summary ?? rich(e.summary)) : (x.content ?? rich(e.content)),
        date: parseDate(text(e.published) || text(e.updated)),
        url: attr(alt, 'href') ?? null,
        lang: attr(e, 'xml:lang') ?? lang,
      },
    ];
  });
}
