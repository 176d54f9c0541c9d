/* eslint-disable @typescript-eslint/no-explicit-any -- parsed documents are untyped trees, checked field by field below */
import { parseDate } from '../dates.js';
import type { RawItem } from '../item.js';
import { ParseError } from './errors.js';
import { htmlToText } from './html-text.js';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1). */
export function parseJsonFeed(body: string): RawItem[] {
  let doc: any;
  try {
    doc = JSON.parse(body);
  } catch (err) {
    throw new ParseError('malformed', `malformed JSON Feed: ${(err as Error).message}`);
  }
  if (!doc || typeof doc !== 'object' || !Array.isArray(doc.items)) {
    throw new ParseError('malformed', 'not a JSON Feed: no "items" array');
  }
  const lang = str(doc.language) || null;
  return doc.items
    .filter((it: unknown) => it && typeof it === 'object')
    .map((it: any) => ({
      title: str(it.title),
      summary: str(it.summary) || str(it.content_text) || htmlToText(str(it.content_html)),
      date: parseDate(str(it.date_published) || str(it.date_modified)),
      url: str(it.url) || str(it.external_url) || null,
      lang: str(it.language) || lang,
    }));
}
