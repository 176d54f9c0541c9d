import { isDateLine, parseDate } from '../dates.js';
import { cleanText } from '../normalise.js';
import type { RawItem } from '../item.js';
import { ParseError } from './errors.js';

interface Draft {
  date: string | null;
  title: string;
  summary: string[];
}

/** A line a listing would use as a headline: short, and not ending like a sentence. */
function looksLikeTitle(line: string): boolean {
  return line.length <= 250 && !/[.;:,]["”’)]?\d{0,2}$/.test(line);
}

/**
 * The plain listing text of a news page: a date line (English or Spanish month names, or
 * MM/DD/YYYY), a title line, then the paragraphs of the summary, with blank lines of any number
 * in between. Some listings carry no dates: then a headline-like line after a summary starts the
 * next item.
 */
export function parseListingText(text: string): RawItem[] {
  const lines = text.split(/\r?\n/).map(cleanText);
  const drafts: Draft[] = [];
  let cur: Draft | null = null;
  let pendingDate: string | null = null;
  const paragraphs: string[][] = [];
  let para: string[] = [];
  for (const line of lines) {
    if (line === '') {
      if (para.length) paragraphs.push(para);
      para = [];
    } else if (isDateLine(line)) {
      if (para.length) paragraphs.push(para);
      paragraphs.push([line]);
      para = [];
    } else {
      para.push(line);
    }
  }
  if (para.length) paragraphs.push(para);

  for (const p of paragraphs) {
    if (p.length === 1 && isDateLine(p[0])) {
      pendingDate = parseDate(p[0]);
      cur = null;
      continue;
    }
    const [first, ...rest] = p;
    const startsNew = !cur || (pendingDate === null && cur.summary.length > 0 && looksLikeTitle(first));
    if (startsNew) {
      cur = { date: pendingDate, title: first, summary: rest.length ? [rest.join(' ')] : [] };
      pendingDate = null;
      drafts.push(cur);
    } else if (cur) {
      cur.summary.push(p.join(' '));
    }
  }
  if (drafts.length === 0) throw new ParseError(text.trim() ? 'no_items' : 'empty', text.trim() ? 'no news items found in the listing text' : 'the source is empty');
  return drafts.map((d) => ({ date: d.date, title: d.title, summary: d.summary.join('\n\n'), url: null, lang: null }));
}
