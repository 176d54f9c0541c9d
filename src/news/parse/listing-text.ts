import { isDateLine, monthNumber, parseDate } from '../dates.js';
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

const WORD_DATE =
  /^(?:[A-Za-zÀ-ÿ]+,?\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:de\s+)?([A-Za-zÀ-ÿ]{3,10})\.?,?\s+(?:del?\s+)?\d{4}|([A-Za-zÀ-ÿ]{3,10})\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})$/;
const NUMERIC_DATE = /^(?:\d{1,2}[/.]\d{1,2}[/.]\d{4}|\d{4}[-/]\d{1,2}[-/]\d{1,2}|\d{4})$/;

/** A line shaped like a date that is none ("February 30, 2021", "13/45/2020", a bare year). */
function looksLikeDate(line: string): boolean {
  if (line.length > 40) return false;
  if (NUMERIC_DATE.test(line)) return true;
  const m = WORD_DATE.exec(line);
  return !!m && monthNumber(m[1] ?? m[2]) !== undefined;
}

/**
 * The plain listing text of a news page: a date line (English or Spanish month names, or
 * MM/DD/YYYY), a title line, then the paragraphs of the summary, with blank lines of any number
 * in between. Some listings carry no dates: then a headline-like line after a summary starts the
 * next item.
 */
export function parseListingText(text: string): { items: RawItem[]; warnings: string[] } {
  const lines = text.split(/\r?\n/).map(cleanText);
  const warnings: string[] = [];
  // A date line that cannot be read still marks where an item starts; the item goes undated.
  const unreadable = new Set<string>();
  lines.forEach((line, i) => {
    if (line && !isDateLine(line) && looksLikeDate(line)) {
      unreadable.add(line);
      warnings.push(`line ${i + 1}: "${line}" is not a real date; the item after it is kept without one`);
    }
  });
  const dateLine = (line: string) => isDateLine(line) || unreadable.has(line);
  const drafts: Draft[] = [];
  let cur: Draft | null = null;
  let pendingDate: string | null = null;
  const paragraphs: string[][] = [];
  let para: string[] = [];
  for (const line of lines) {
    if (line === '') {
      if (para.length) paragraphs.push(para);
      para = [];
    } else if (dateLine(line)) {
      if (para.length) paragraphs.push(para);
      paragraphs.push([line]);
      para = [];
    } else {
      para.push(line);
    }
  }
  if (para.length) paragraphs.push(para);

  for (const p of paragraphs) {
    if (p.length === 1 && dateLine(p[0])) {
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
  if (drafts.length === 0)
    throw new ParseError(
      text.trim() ? 'no_items' : 'empty',
      text.trim() ? 'no news items found in the listing text' : 'the source is empty',
    );
  return {
    items: drafts.map((d) => ({
      date: d.date,
      title: d.title,
      summary: d.summary.join('\n\n'),
      url: null,
      lang: null,
    })),
    warnings,
  };
}
