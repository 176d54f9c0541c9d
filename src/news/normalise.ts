import { createHash } from 'node:crypto';
import { fold } from '../places/text.js';
import type { RawItem } from './item.js';

/**
 * Control characters (C0 and C1) that are not spacing: a source's ESC [31m would reach a terminal
 * in local mode, and both platforms, as it came. Tab, line feed and the rest that space are left
 * for the whitespace rule below.
 */
const CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/g;

/**
 * Every kind of space (U+00A0 included) becomes one plain space; invisible characters and
 * control characters go.
 */
export function cleanText(s: string | null | undefined): string {
  if (!s) return '';
  return s
    .normalize('NFC')
    .replace(CONTROLS, '')
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/[\s\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g, ' ')
    .trim();
}

/**
 * Footnote markers that the listings glue to the end of a sentence ("destination.1") are dropped;
 * digits inside words (R4V, COVID-19, H-2A) are kept.
 */
export function dropFootnotes(s: string): string {
  return s.replace(/([\p{L})"”’][.,;:!?]["”’)]?)\d{1,2}(?=\s|$)/gu, '$1');
}

const TRACKING = /^(utm_.*|fbclid|gclid|mc_cid|mc_eid|_ga|ref|source)$/i;

/**
 * The one URL a story is known by: lower-case host without `www.`, no fragment, no tracking
 * parameters, no trailing slash. Null for anything that is not an http(s) URL.
 */
export function canonicalUrl(url: string | null | undefined, base?: string): string | null {
  if (!url) return null;
  let u: URL;
  try {
    u = new URL(url.trim(), base);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  u.hash = '';
  u.hostname = u.hostname.toLowerCase().replace(/^www\./, '');
  const params = [...u.searchParams.entries()]
    .filter(([k]) => !TRACKING.test(k))
    .sort(([a], [b]) => a.localeCompare(b));
  u.search = new URLSearchParams(params).toString();
  if (u.pathname.length > 1) u.pathname = u.pathname.replace(/\/+$/, '');
  return u.toString();
}

export function normaliseRaw(raw: RawItem): RawItem {
  return {
    title: dropFootnotes(cleanText(raw.title)),
    summary: dropFootnotes(cleanText(raw.summary)),
    date: raw.date ?? null,
    url: canonicalUrl(raw.url),
    lang: raw.lang ? cleanText(raw.lang).slice(0, 2).toLowerCase() : null,
  };
}

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);

/** Keys an item is known by: the same story from two sources shares one of them. */
export function identityKeys(item: Pick<RawItem, 'title' | 'date' | 'url'>): {
  urlKey: string | null;
  titleKey: string;
} {
  const urlKey = item.url ? item.url.replace(/^https?:\/\//, '') : null;
  const words = fold(item.title)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return { urlKey, titleKey: `${words}|${item.date ?? ''}` };
}

/** The id of a new item: from its canonical URL when it has one, else from title and date. */
export function itemId(item: Pick<RawItem, 'title' | 'date' | 'url'>): string {
  const { urlKey, titleKey } = identityKeys(item);
  return hash(urlKey ? `u:${urlKey}` : `t:${titleKey}`);
}
