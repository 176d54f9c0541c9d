import { addDays } from 'date-fns/addDays';
import { addMonths } from 'date-fns/addMonths';
import { addWeeks } from 'date-fns/addWeeks';
import { addYears } from 'date-fns/addYears';
import { monthNumber, parseDate } from '../news/dates.js';
import { fold } from '../places/text.js';

/**
 * Splits "costa rica, GT since 2020-09" into the place list and the `since` text. Only commas
 * separate places here: "and" is part of names such as Trinidad and Tobago.
 */
export function splitSince(args: string): { places: string[]; since?: string } {
  const m = args.match(/^(.*?)(?:\s+|^)(?:since|desde)(?:\s+(.+))?$/i);
  const list = m ? m[1] : args;
  // "since" with nothing after it is kept as an empty clause, so the reply can ask for the date.
  return { places: splitList(list), since: m ? (m[2]?.trim() ?? '') : undefined };
}

export function splitList(text: string): string[] {
  return text
    .split(/\s*[,;]\s*/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** "Honduras and Guatemala", "Honduras y Guatemala": the parts, when the whole is not one name. */
export function splitAnd(text: string): string[] {
  return text
    .split(/\s+(?:and|y|e|&)\s+/i)
    .map((s) => s.trim())
    .filter(Boolean);
}

const UNITS: Record<string, (d: Date, n: number) => Date> = {
  day: addDays,
  days: addDays,
  dia: addDays,
  dias: addDays,
  d: addDays,
  week: addWeeks,
  weeks: addWeeks,
  semana: addWeeks,
  semanas: addWeeks,
  w: addWeeks,
  month: addMonths,
  months: addMonths,
  mes: addMonths,
  meses: addMonths,
  m: addMonths,
  year: addYears,
  years: addYears,
  ano: addYears,
  anos: addYears,
  y: addYears,
};

/**
 * The day a `since` clause means, as YYYY-MM-DD: 2020-09-01, 2020-09, 2020, 30 days,
 * 2 weeks, 3 meses, March 2021, marzo de 2021, 16 February 2021, yesterday.
 */
export function parseSince(text: string, now: Date): string | undefined {
  const ymd = readSince(text, now);
  return ymd && isCalendarDay(ymd) ? ymd : undefined;
}

/**
 * Only days of years 1 to 9999 are dates here: an absurd count ("since 99999999999 days") runs
 * off the calendar, and that is a bad date like any other, not a crash.
 */
function isCalendarDay(ymd: string): boolean {
  const m = ymd.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  return !!m && Number(m[1]) >= 1 && !Number.isNaN(Date.parse(`${ymd}T00:00:00Z`));
}

function readSince(text: string, now: Date): string | undefined {
  // "hace 30 dias" is Spanish for "30 days ago"; "una semana", "a month": one of the unit.
  const s = fold(text)
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/^hace /, '')
    .replace(/^(?:un|una|a|an|one) /, '1 ');
  const day = (d: Date) => (Number.isNaN(d.getTime()) ? 'invalid' : d.toISOString().slice(0, 10));
  let m = s.match(/^(\d+)\s*([a-z]+)(?:\s+(?:ago|atras))?$/);
  if (m && UNITS[m[2]]) return day(UNITS[m[2]](now, -Number(m[1])));
  m = s.match(/^(?:last|ultimo|ultima|el ultimo|la ultima|past)\s+([a-z]+)$/);
  if (m && UNITS[m[1]]) return day(UNITS[m[1]](now, -1));
  if (s === 'yesterday' || s === 'ayer') return day(addDays(now, -1));
  if (s === 'today' || s === 'hoy') return day(now);
  m = s.match(/^(\d{4})-(\d{1,2})$/);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return `${m[1]}-${m[2].padStart(2, '0')}-01`;
  m = s.match(/^(\d{4})$/);
  if (m) return `${m[1]}-01-01`;
  m = s.match(/^([a-z]+)\.?\s+(?:de\s+|del\s+)?(\d{4})$/);
  if (m && monthNumber(m[1])) return `${m[2]}-${String(monthNumber(m[1])).padStart(2, '0')}-01`;
  return parseDate(text) ?? undefined;
}
