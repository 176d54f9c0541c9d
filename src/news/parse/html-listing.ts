import { createRequire } from 'node:module';
import type * as cheerio from 'cheerio';
import { isDateLine, parseDate } from '../dates.js';
import { cleanText } from '../normalise.js';
import type { RawItem } from '../item.js';
import { ParseError } from './errors.js';

// cheerio takes a third of a second to load: only HTML sources pay for it, when first read.
let cheerioModule: typeof cheerio | undefined;
function loadCheerio(): typeof cheerio {
  cheerioModule ??= createRequire(import.meta.url)('cheerio') as typeof cheerio;
  return cheerioModule;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Row = cheerio.Cheerio<any>;

const ROWS = ['.views-row', 'article', '.news-item', 'li.item'];

/**
 * A news listing page, in the shape Drupal's views module writes (a `.views-row` a story,
 * with a date, a title link and a teaser); `<article>` blocks are read the same way.
 */
export function parseHtmlListing(body: string, baseUrl?: string): RawItem[] {
  const $ = loadCheerio().load(body);
  const selector = ROWS.find((s) => $(s).length > 0);
  if (!selector)
    throw new ParseError(
      'no_items',
      'no news items found in the HTML page (looked for .views-row and <article> blocks)',
    );
  const lang = $('html').attr('lang') ?? null;
  const items: RawItem[] = [];
  $(selector).each((_, row) => {
    const r = $(row);
    const link = r.find('h1 a, h2 a, h3 a, h4 a, .views-field-title a, .field--name-title a').first();
    const a = link.length ? link : r.find('a').first();
    const title = cleanText(a.text()) || cleanText(r.find('h1, h2, h3, h4').first().text());
    if (!title) return;
    const date = rowDate($, r);
    const summary = rowSummary($, r, title);
    const href = a.attr('href');
    let url: string | null = null;
    if (href) {
      try {
        url = new URL(href, baseUrl).toString();
      } catch {
        url = null;
      }
    }
    items.push({ title, summary, date, url, lang: r.attr('lang') ?? lang });
  });
  if (items.length === 0)
    throw new ParseError('no_items', 'the HTML page has listing blocks but none with a title');
  return items;
}

function rowDate($: cheerio.CheerioAPI, r: Row): string | null {
  const time = r.find('time').first();
  const fromTime = parseDate(time.attr('datetime')) ?? parseDate(cleanText(time.text()));
  if (fromTime) return fromTime;
  const dated = r.find('[class*="date"], [class*="created"], .views-field-created');
  for (const el of dated.toArray()) {
    const d = parseDate(cleanText($(el).text()));
    if (d) return d;
  }
  for (const el of r.find('span, div, p').toArray()) {
    const t = cleanText($(el).text());
    if (isDateLine(t)) return parseDate(t);
  }
  return null;
}

function rowSummary($: cheerio.CheerioAPI, r: Row, title: string): string {
  const teaser = r.find(
    '.views-field-body, .field--name-body, .views-field-field-teaser, .teaser, .summary, .field-content p',
  );
  const candidates = (teaser.length ? teaser : r.find('p, div'))
    .toArray()
    .map((el) => cleanText($(el).text()));
  const texts = candidates.filter((t) => t && t !== title && !isDateLine(t) && !t.startsWith(title));
  return texts.sort((a, b) => b.length - a.length)[0] ?? '';
}
