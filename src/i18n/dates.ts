import { format } from 'date-fns/format';
import { enUS } from 'date-fns/locale/en-US';
import { es } from 'date-fns/locale/es';
import { forIntl } from '../digest/zone.js';
import type { Lang } from './index.js';

/** A calendar day at noon UTC, so formatting it in any zone-free way gives that day. */
const noon = (ymd: string) => new Date(`${ymd}T12:00:00Z`);

/** "dic" as Spanish style guides write the abbreviation: "dic."; English keeps "Dec". */
function month(lang: Lang, d: Date): string {
  if (lang === 'en') return format(d, 'MMM', { locale: enUS });
  const m = format(d, 'MMM', { locale: es });
  return m.endsWith('.') ? m : `${m}.`;
}

/** Days already said: a digest run says the same few days thousands of times. */
const shortDays = new Map<string, string>();

/** An item's day, short, as a phone shows it: "Dec 5, 2026", "5 dic. 2026". */
export function formatShortDay(lang: Lang, ymd: string): string {
  const key = `${lang}${ymd}`;
  let said = shortDays.get(key);
  if (said !== undefined) return said;
  const d = noon(ymd);
  said =
    lang === 'en'
      ? `${month(lang, d)} ${d.getUTCDate()}, ${d.getUTCFullYear()}`
      : `${d.getUTCDate()} ${month(lang, d)} ${d.getUTCFullYear()}`;
  // Bounded: item dates span a few years; anything odd just misses the cache.
  if (shortDays.size < 10_000) shortDays.set(key, said);
  return said;
}

/** One formatter per zone: building an Intl formatter costs far more than using one. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The day an instant falls on in a zone (IANA name or fixed offset), as YYYY-MM-DD. */
function dayIn(instant: Date, zone: string): string {
  const { at, timeZone } = forIntl(instant, zone);
  let f = dayFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    if (dayFormats.size < 1000) dayFormats.set(timeZone, f);
  }
  return f.format(at);
}

/**
 * The days a digest covers, in the chat's zone: "30 Nov – 7 Dec 2026", "30 nov. – 7 dic. 2026";
 * the year once when both ends share it ("28 Dec 2026 – 4 Jan 2027" when not).
 */
export function formatPeriod(lang: Lang, from: Date, to: Date, zone: string): string {
  const a = noon(dayIn(from, zone));
  const b = noon(dayIn(to, zone));
  const day = (d: Date, year: boolean) =>
    `${d.getUTCDate()} ${month(lang, d)}${year ? ` ${d.getUTCFullYear()}` : ''}`;
  const sameYear = a.getUTCFullYear() === b.getUTCFullYear();
  return `${day(a, !sameYear)} – ${day(b, true)}`;
}
