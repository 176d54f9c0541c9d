import type { Schedule } from '../ports.js';
import { editDistance, fold } from '../places/text.js';

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

export function parseWeekday(text: string): number | undefined {
  return WEEKDAYS[fold(text).replace(/\.$/, '')];
}

/** "09:00", "9:00", "9am", "5:30pm", "17h30" as HH:MM. */
export function parseTime(text: string): string | undefined {
  const m = fold(text).match(/^(\d{1,2})(?:[:h.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$/);
  if (!m) return undefined;
  let h = Number(m[1]);
  const min = Number(m[2] ?? '0');
  if (m[3]) {
    if (h < 1 || h > 12) return undefined;
    h = (h % 12) + (m[3].startsWith('p') ? 12 : 0);
  } else if (m[2] === undefined) {
    return undefined;
  }
  if (h > 23 || min > 59) return undefined;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

let zones: string[] | undefined;
function allZones(): string[] {
  zones ??= Intl.supportedValuesOf('timeZone');
  return zones;
}

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz.includes('/') || tz === 'UTC';
  } catch {
    return false;
  }
}

/**
 * An IANA zone from what a person typed: the zone itself in any case, or a city in it
 * ("tegucigalpa", "costa rica" -> America/Costa_Rica). Else undefined, with close zones.
 */
export function resolveTimeZone(text: string): { zone?: string; suggestions: string[] } {
  const exact = allZones().find((z) => z.toLowerCase() === text.toLowerCase());
  if (exact) return { zone: exact, suggestions: [] };
  if (isTimeZone(text)) return { zone: text, suggestions: [] };
  const city = fold(text).replace(/[\s-]+/g, '_');
  const byCity = allZones().filter((z) => fold(z.split('/').pop()!) === city);
  if (byCity.length === 1) return { zone: byCity[0], suggestions: [] };
  const scored = allZones()
    .map((z) => [editDistance(city, fold(z.split('/').pop()!), 3), z] as const)
    .filter(([d]) => d <= 3)
    .sort((a, b) => a[0] - b[0]);
  return { suggestions: [...byCity, ...scored.map(([, z]) => z)].slice(0, 3) };
}

export type ScheduleParse =
  | { ok: true; schedule: Schedule }
  | { ok: false; problem: 'weekday' | 'time' | 'zone' | 'missing'; text: string; suggestions: string[] };

/** "monday 09:00 America/Costa_Rica"; the zone may be left out when a default is given. */
export function parseSchedule(text: string, defaultZone?: string): ScheduleParse {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length < 2) return { ok: false, problem: 'missing', text, suggestions: [] };
  const weekday = parseWeekday(words[0]);
  if (!weekday) {
    const close = Object.keys(WEEKDAYS).filter(
      (w) => w.length > 4 && editDistance(fold(words[0]), w, 2) <= 2,
    );
    return { ok: false, problem: 'weekday', text: words[0], suggestions: close.slice(0, 2) };
  }
  // "9:00 am" is two words
  let rest = words.slice(1);
  let time = parseTime(rest[0]);
  if (!time && rest.length > 1) {
    time = parseTime(`${rest[0]}${rest[1]}`);
    if (time) rest = rest.slice(1);
  }
  if (!time) return { ok: false, problem: 'time', text: rest[0], suggestions: [] };
  const zoneText = rest.slice(1).join(' ');
  if (!zoneText) {
    if (!defaultZone) return { ok: false, problem: 'zone', text: '', suggestions: [] };
    return { ok: true, schedule: { weekday, time, timeZone: defaultZone } };
  }
  const { zone, suggestions } = resolveTimeZone(zoneText);
  if (!zone) return { ok: false, problem: 'zone', text: zoneText, suggestions };
  return { ok: true, schedule: { weekday, time, timeZone: zone } };
}
