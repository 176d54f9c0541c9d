import type { Schedule } from '../ports.js';
import { editDistance, fold } from '../places/text.js';
import { takeTime } from './time-input.js';
import { readZone, type ZoneOption, type ZoneReading } from './zone-input.js';

/** ISO weekday, and 0 for every day (see Schedule). */
const DAILY = 0;

const WEEKDAYS: Record<string, number> = {
  monday: 1,
  mon: 1,
  lunes: 1,
  lun: 1,
  tuesday: 2,
  tue: 2,
  tues: 2,
  martes: 2,
  mar: 2,
  wednesday: 3,
  wed: 3,
  miercoles: 3,
  mie: 3,
  thursday: 4,
  thu: 4,
  thur: 4,
  thurs: 4,
  jueves: 4,
  jue: 4,
  friday: 5,
  fri: 5,
  viernes: 5,
  vie: 5,
  saturday: 6,
  sat: 6,
  sabado: 6,
  sab: 6,
  sunday: 7,
  sun: 7,
  domingo: 7,
  dom: 7,
};

const EVERY_DAY = new Set([
  'daily',
  'everyday',
  'every day',
  'each day',
  'all days',
  'diario',
  'diaria',
  'diariamente',
  'a diario',
  'cada dia',
  'todos los dias',
]);

/** "every friday", "los viernes", "on Fridays", "sábados": the words before a day's name, and its plural. */
const BEFORE_DAY = /^(?:every|each|on|cada|los|el)\s+/;

function parseWeekday(text: string): number | undefined {
  const s = fold(text).trim().replace(/[.,]$/, '').replace(/\s+/g, ' ');
  if (EVERY_DAY.has(s)) return DAILY;
  const day = s.replace(BEFORE_DAY, '');
  return WEEKDAYS[day] ?? (day.endsWith('s') ? WEEKDAYS[day.slice(0, -1)] : undefined);
}

/** The longest run of leading words that names a day, or every day. */
function takeWeekday(words: string[]): { weekday: number; used: number } | undefined {
  for (let n = Math.min(words.length, 3); n >= 1; n--) {
    const weekday = parseWeekday(words.slice(0, n).join(' '));
    if (weekday !== undefined) return { weekday, used: n };
  }
  return undefined;
}

export type ScheduleParse =
  | {
      ok: true;
      schedule: Schedule;
      /** how the zone was read, when one was typed */
      zone?: Extract<ZoneReading, { ok: true }>;
    }
  | { ok: false; problem: 'weekday' | 'time' | 'missing'; text: string; suggestions: string[] }
  | { ok: false; problem: 'zone'; text: string; reason: 'unknown' | 'ambiguous'; options: ZoneOption[] };

/**
 * "monday 09:00 America/Costa_Rica", "daily 8pm EST", "viernes 8 de la noche San Salvador",
 * "8am friday". With the chat's current schedule given, any part left out keeps its value
 * ("friday" moves the day, "9:30" the time), and an abbreviation keeps the chat's zone when it
 * names it. Without it, the weekday (or "daily") and the time are needed, and the zone too.
 */
export function parseSchedule(text: string, opts: { current?: Schedule; now?: Date } = {}): ScheduleParse {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const current = opts.current;
  if (words.length === 0) return { ok: false, problem: 'missing', text, suggestions: [] };
  let rest = words;
  let day = takeWeekday(rest);
  if (day) rest = rest.slice(day.used);
  const time = takeTime(rest);
  if (time) rest = rest.slice(time.used);
  // "8am friday": the time first
  if (!day && time && rest.length) {
    day = takeWeekday(rest);
    if (day) rest = rest.slice(day.used);
  }
  if (!day && !time) {
    const close = Object.keys(WEEKDAYS).filter(
      (w) => w.length > 4 && editDistance(fold(words[0]), w, 2) <= 2,
    );
    const looksLikeTime = /^\d/.test(words[0]);
    return looksLikeTime
      ? { ok: false, problem: 'time', text: words[0], suggestions: [] }
      : { ok: false, problem: 'weekday', text: words[0], suggestions: close.slice(0, 2) };
  }
  const weekday = day?.weekday ?? current?.weekday;
  if (weekday === undefined) return { ok: false, problem: 'missing', text, suggestions: [] };
  // A day followed by what is not a time: the time is wrong, unless there is no time at all to keep.
  if (!time && (!current || (rest.length && /^\d/.test(rest[0]))))
    return rest.length
      ? { ok: false, problem: 'time', text: rest[0], suggestions: [] }
      : { ok: false, problem: 'missing', text, suggestions: [] };
  const hhmm = time?.time ?? current!.time;
  const zoneText = rest.join(' ');
  if (!zoneText) {
    if (!current) return { ok: false, problem: 'missing', text, suggestions: [] };
    return { ok: true, schedule: { weekday, time: hhmm, timeZone: current.timeZone } };
  }
  const zone = readZone(zoneText, { context: current?.timeZone, now: opts.now });
  if (!zone.ok)
    return {
      ok: false,
      problem: 'zone',
      text: zoneText,
      reason: zone.reason,
      options: zone.reason === 'unknown' ? zone.suggestions : zone.options,
    };
  return { ok: true, schedule: { weekday, time: hhmm, timeZone: zone.zone }, zone };
}
