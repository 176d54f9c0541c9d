/* eslint-disable @typescript-eslint/no-explicit-any -- parsed documents are untyped trees, checked field by field below */
import { parseDate } from '../dates.js';
import type { RawItem } from '../item.js';
import { ParseError } from './errors.js';

export interface LinesResult {
  items: RawItem[];
  /** "line 3: ..." for each line that was skipped */
  warnings: string[];
}

/** JSON Lines: one {title, summary, date?, url?, lang?} object a line. A bad line is skipped and reported. */
export function parseJsonLines(body: string): LinesResult {
  const items: RawItem[] = [];
  const warnings: string[] = [];
  const lines = body.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let o: any;
    try {
      o = JSON.parse(line);
    } catch {
      warnings.push(`line ${i + 1}: not valid JSON`);
      return;
    }
    if (!o || typeof o !== 'object' || typeof o.title !== 'string' || !o.title.trim()) {
      warnings.push(`line ${i + 1}: needs a "title" string`);
      return;
    }
    items.push({
      title: o.title,
      summary: typeof o.summary === 'string' ? o.summary : '',
      date: typeof o.date === 'string' ? parseDate(o.date) : null,
      url: typeof o.url === 'string' ? o.url : null,
      lang: typeof o.lang === 'string' ? o.lang : null,
    });
  });
  if (items.length === 0) {
    throw new ParseError(
      warnings.length ? 'malformed' : 'empty',
      warnings.length ? `no valid line (${warnings[0]})` : 'the source is empty',
    );
  }
  return { items, warnings };
}
