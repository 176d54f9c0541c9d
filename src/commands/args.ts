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
 * 2 weeks, 3 meses, March 2021, marzo de 2021, 16 February 2021, yesterday, last week,
 * la semana pasada, monday, el lunes, january, enero, 15 de enero.
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
  // Date.parse takes 2026-02-31 as 3 March: a day is real when it reads back as written.
  const at = /^\d{4}-\d{2}-\d{2}$/.test(ymd) ? Date.parse(`${ymd}T00:00:00Z`) : NaN;
  return !Number.isNaN(at) && ymd >= '0001' && new Date(at).toISOString().slice(0, 10) === ymd;
}

/** Day of the week as Date.getUTCDay counts it (Sunday 0), by its full name in either language. */
const WEEKDAY: Record<string, number> = {
  sunday: 0,
  domingo: 0,
  monday: 1,
  lunes: 1,
  tuesday: 2,
  martes: 2,
  wednesday: 3,
  miercoles: 3,
  thursday: 4,
  jueves: 4,
  friday: 5,
  viernes: 5,
  saturday: 6,
  sabado: 6,
};

const ymdOf = (d: Date) => (Number.isNaN(d.getTime()) ? 'invalid' : d.toISOString().slice(0, 10));
const pad = (n: number) => String(n).padStart(2, '0');

/** A day of a month named without its year: this year's, or last year's if this year's is still to come. */
function lastDayOfMonth(now: Date, month: number, day = 1): string {
  const thisYear = `${now.getUTCFullYear()}-${pad(month)}-${pad(day)}`;
  return thisYear <= ymdOf(now) ? thisYear : `${now.getUTCFullYear() - 1}-${pad(month)}-${pad(day)}`;
}

function readSince(text: string, now: Date): string | undefined {
  // "hace 30 dias" is Spanish for "30 days ago"; "una semana", "a month": one of the unit;
  // "el lunes", "la semana pasada", "the 15th": the article adds nothing.
  const s = fold(text)
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/^hace /, '')
    .replace(/^(?:un|una|a|an|one) /, '1 ')
    .replace(/^(?:el|la|the) /, '');
  let m = s.match(/^(\d+)\s*([a-z]+)(?:\s+(?:ago|atras))?$/);
  if (m && UNITS[m[2]]) return ymdOf(UNITS[m[2]](now, -Number(m[1])));
  // last week, past month, el ultimo mes, la semana pasada, el año pasado: one of the unit ago
  m =
    s.match(/^(?:last|past|ultimo|ultima)\s+([a-z]+)$/) ?? s.match(/^([a-z]+)\s+(?:pasado|pasada|anterior)$/);
  if (m && UNITS[m[1]]) return ymdOf(UNITS[m[1]](now, -1));
  if (s === 'yesterday' || s === 'ayer') return ymdOf(addDays(now, -1));
  if (s === 'day before yesterday' || s === 'anteayer' || s === 'antier') return ymdOf(addDays(now, -2));
  if (s === 'today' || s === 'hoy') return ymdOf(now);
  // this week (from its Monday), este mes, este año
  m = s.match(/^(?:this|este|esta) ([a-z]+)$/);
  if (m && ['week', 'semana'].includes(m[1])) return ymdOf(addDays(now, -((now.getUTCDay() + 6) % 7)));
  if (m && ['month', 'mes'].includes(m[1])) return ymdOf(now).slice(0, 8) + '01';
  if (m && ['year', 'ano'].includes(m[1])) return `${now.getUTCFullYear()}-01-01`;
  // monday, el lunes: the latest one, today included; last monday, el lunes pasado: before today
  m = s.match(/^(last )?([a-z]+)( pasado)?$/);
  if (m && WEEKDAY[m[2]] !== undefined) {
    const back = (now.getUTCDay() - WEEKDAY[m[2]] + 7) % 7;
    return ymdOf(addDays(now, -(back === 0 && (m[1] || m[3]) ? 7 : back)));
  }
  // january, enero: the latest first of that month
  if (/^[a-z]+\.?$/.test(s) && monthNumber(s)) return lastDayOfMonth(now, monthNumber(s)!);
  // 15 de enero, 15 January, January 15th: the latest such day
  m =
    s.match(/^(\d{1,2})(?:st|nd|rd|th)? (?:de |of )?([a-z]+)\.?$/) ??
    s.match(/^([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?$/);
  if (m) {
    const [d, name] = /^\d/.test(m[1]) ? [Number(m[1]), m[2]] : [Number(m[2]), m[1]];
    const month = monthNumber(name);
    if (month && d >= 1 && d <= 31) return lastDayOfMonth(now, month, d);
  }
  m = s.match(/^(\d{4})-(\d{1,2})$/);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return `${m[1]}-${m[2].padStart(2, '0')}-01`;
  m = s.match(/^(\d{4})$/);
  if (m) return `${m[1]}-01-01`;
  m = s.match(/^([a-z]+)\.?\s+(?:de\s+|del\s+)?(\d{4})$/);
  if (m && monthNumber(m[1])) return `${m[2]}-${String(monthNumber(m[1])).padStart(2, '0')}-01`;
  return parseDate(text.replace(/^\s*(?:el|the)\s+/i, '')) ?? undefined;
}
