import { en, type Catalog } from './en.js';
import { es } from './es.js';
import { forIntl, zoneLabel } from '../digest/zone.js';
import type { Schedule } from '../ports.js';

export type Lang = 'en' | 'es';
export const LANGS: Lang[] = ['en', 'es'];
export type { Catalog };

const catalogs: Record<Lang, Catalog> = { en, es };

export function t(lang: Lang): Catalog {
  return catalogs[lang];
}

/** A platform's language code ("es-419", "en-US") as one of ours, if it is one. */
export function asLang(code: string | null | undefined): Lang | undefined {
  const base = code?.slice(0, 2).toLowerCase();
  return base === 'en' || base === 'es' ? base : undefined;
}

/**
 * Why a chat's digests paused, in the language: the core's reasons translated (with the
 * platform's words where they are the detail); anything else (an older store's) as it was kept.
 */
export function pauseReason(lang: Lang, reason: string | undefined, detail?: string): string {
  if (!reason) return '?';
  const known = t(lang).pauseReasons as Record<string, string | undefined>;
  const said = known[reason];
  if (!said) return reason;
  return reason === 'unreachable' && detail ? `${said}: ${detail}` : said;
}

/** "a, b and c" in the language. */
export function listOf(lang: Lang, parts: string[], joiner: 'and' | 'or' = 'and'): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} ${t(lang)[joiner]} ${parts[parts.length - 1]}`;
}

/** A date (YYYY-MM-DD) as people write it in the language: "16 February 2021", "16 de febrero de 2021". */
export function formatDay(lang: Lang, ymd: string): string {
  const d = new Date(`${ymd}T12:00:00Z`);
  return new Intl.DateTimeFormat(lang === 'es' ? 'es' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(d);
}

/** A moment in a time zone: "Monday 30 November 2026, 09:00 (America/Costa_Rica)", "… (UTC-6)". */
export function formatMoment(lang: Lang, instant: Date, zone: string): string {
  const { at, timeZone } = forIntl(instant, zone);
  const s = new Intl.DateTimeFormat(lang === 'es' ? 'es' : 'en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(at);
  return `${s} (${zoneLabel(zone)})`;
}

const WEEKDAYS: Record<Lang, string[]> = {
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  es: ['lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo'],
};

/** ISO weekday (1 Monday … 7 Sunday) by name. */
export function weekdayName(lang: Lang, isoWeekday: number): string {
  return WEEKDAYS[lang][isoWeekday - 1];
}

/** When a schedule goes out, without its zone: "every Friday at 08:00", "todos los días a las 20:00". */
export function scheduleWhen(lang: Lang, s: Schedule): string {
  const m = t(lang);
  return s.weekday === 0 ? m.everyDay(s.time) : m.everyWeekday(weekdayName(lang, s.weekday), s.time);
}
