import { TZDate } from '@date-fns/tz';
import { gazetteer, packageNames } from '../places/gazetteer.js';
import { editDistance, fold } from '../places/text.js';
import { fixedOffsetZone, isZone } from './zone.js';
import { AMBIGUOUS_CITIES, CITIES, COUNTRY_ZONES, ZONE_FAMILIES, type ZoneFamily } from './zone-names.js';

/** A zone offered to the person: the name they could type, its zone, and its country or kind when that helps. */
export interface ZoneOption {
  name: string;
  zone: string;
  country?: string;
  family?: ZoneFamily['id'];
}

export type ZoneReading =
  | { ok: true; zone: string; how: 'iana' | 'offset' | 'place' }
  /** an abbreviation or a zone's common name ("EST", "hora del centro") */
  | { ok: true; zone: string; how: 'family'; family: ZoneFamily['id']; typed: string; instead?: string }
  | { ok: false; reason: 'unknown'; suggestions: ZoneOption[] }
  | { ok: false; reason: 'ambiguous'; options: ZoneOption[] };

type Entry =
  | { kind: 'iana' | 'place'; zone: string; name: string }
  | { kind: 'family'; family: ZoneFamily; daylight: boolean; name: string }
  | { kind: 'ambiguous'; options: ZoneOption[]; name: string };

/**
 * The form every name is compared in: no case, accents, spaces, hyphens or dots, and "St." as
 * "Saint", so "Port-au-Prince", "port au prince" and "PORTAUPRINCE" meet.
 */
function zoneKey(text: string): string {
  return fold(text)
    .replace(/_/g, ' ')
    .replace(/&/g, ' and ')
    .replace(/\bst\b\.?/g, 'saint')
    .replace(/[^a-z0-9]/g, '');
}

/** "hora de Honduras", "Honduras time", "(EST)": the words around a zone's name. */
function unwrap(text: string): string {
  return fold(text)
    .trim()
    .replace(/^\((.*)\)$/, '$1')
    .replace(
      /^(?:(?:la )?hora|horario|tiempo|zona horaria|huso horario|time|time zone|timezone)\s+(?:de|del|en|in|of)\s+(?:la\s+|el\s+)?/,
      '',
    )
    .replace(/^(?:in|en)\s+/, '')
    .replace(/\s+(?:time|standard time|time zone|timezone)$/, '');
}

let iana: Set<string> | undefined;
const ianaNames = () => (iana ??= new Set([...Intl.supportedValuesOf('timeZone'), ...Object.keys(CITIES)]));

let table: Map<string, Entry> | undefined;

/** Every name, highest priority first: a name already taken by a higher layer stays there. */
function entries(): Map<string, Entry> {
  if (table) return table;
  const t = new Map<string, Entry>();
  const put = (name: string, entry: Entry) => {
    const key = zoneKey(name);
    if (key && !t.has(key)) t.set(key, entry);
  };
  const zones = [
    ...new Set([...Intl.supportedValuesOf('timeZone'), ...Object.keys(CITIES), ...zonesOfCountries()]),
  ];
  for (const zone of zones) put(zone, { kind: 'iana', zone, name: zone });
  for (const family of ZONE_FAMILIES) {
    for (const name of family.standard) put(name, { kind: 'family', family, daylight: false, name });
    for (const name of family.daylight) put(name, { kind: 'family', family, daylight: true, name });
  }
  for (const { names, zones: options } of AMBIGUOUS_CITIES)
    for (const name of names)
      put(name, {
        kind: 'ambiguous',
        name,
        options: options.map(([zone, country]) => ({ name, zone, country })),
      });
  for (const [zone, names] of Object.entries(CITIES))
    for (const name of names) put(name, { kind: 'place', zone, name });
  for (const [code, { zone }] of Object.entries(COUNTRY_ZONES)) {
    const names = [
      ...packageNames(code, 'en'),
      ...packageNames(code, 'es'),
      ...(gazetteer.countries[code]?.names ?? []),
    ];
    for (const name of names) {
      if (typeof zone === 'string') put(name, { kind: 'place', zone, name });
      else
        put(name, {
          kind: 'ambiguous',
          name,
          options: zone.map((z) => ({ name: z, zone: z, family: familyOf(z) })),
        });
    }
  }
  // The gazetteer's places, in the countries that keep one zone. A name written with its
  // country after a comma ("Kingston, Jamaica") is one the gazetteer found ambiguous alone.
  const places = new Map<string, Set<string>>();
  for (const [code, { zone, placesToo }] of Object.entries(COUNTRY_ZONES)) {
    if (typeof zone !== 'string' || placesToo === false) continue;
    for (const name of gazetteer.countries[code]?.places ?? []) {
      if (name.includes(',')) continue;
      const seen = places.get(name) ?? new Set<string>();
      places.set(name, seen.add(zone));
    }
  }
  for (const [name, zs] of places) if (zs.size === 1) put(name, { kind: 'place', zone: [...zs][0], name });
  // Last, a zone's city alone ("tegucigalpa", "madrid"), where only one zone has it.
  const byCity = new Map<string, string[]>();
  for (const zone of zones) {
    const city = zone.split('/').pop()!;
    byCity.set(city, [...(byCity.get(city) ?? []), zone]);
  }
  for (const [city, zs] of byCity) if (zs.length === 1) put(city, { kind: 'iana', zone: zs[0], name: zs[0] });
  table = t;
  return t;
}

const familyOf = (zone: string) => ZONE_FAMILIES.find((f) => f.zones.includes(zone))?.id;

function zonesOfCountries(): string[] {
  return Object.values(COUNTRY_ZONES).flatMap(({ zone }) => zone);
}

/** Whether a zone's clocks change in the year of `now` (January and July differ). */
function keepsDaylightTime(zone: string, now: Date): boolean {
  const y = now.getUTCFullYear();
  return new TZDate(y, 0, 1, zone).getTimezoneOffset() !== new TZDate(y, 6, 1, zone).getTimezoneOffset();
}

const OFFSET = /^(?:(utc|gmt|tu)\s*)?([+\-\u2212\u2013])\s*(\d{1,2})(?:(?::|h|\.)?(\d{2}))?$/;

/** "UTC-6", "GMT-6", "UTC+5:30", "-06:00" as minutes east of UTC; undefined if it is not one. */
function readOffset(text: string): number | undefined {
  const m = fold(text).replace(/\s+/g, '').match(OFFSET);
  // Without "UTC" or "GMT" only the full "-06:00" is an offset.
  if (!m || (!m[1] && m[4] === undefined)) return undefined;
  const minutes = (m[2] === '+' ? 1 : -1) * (Number(m[3]) * 60 + Number(m[4] ?? 0));
  if (Number(m[4] ?? 0) > 59 || minutes < -12 * 60 || minutes > 14 * 60) return undefined;
  return minutes;
}

/**
 * The zone a person means by what they typed: an IANA name in any case, a fixed offset, an
 * abbreviation or common name of the region's zones, or a country, capital or city of the
 * Americas in English or Spanish. `context` is the chat's zone, which an abbreviation keeps
 * when it names it. Names shared by two zones get both offered; unknown ones the closest.
 */
export function readZone(text: string, opts: { context?: string; now?: Date } = {}): ZoneReading {
  // The common case, an IANA name as IANA writes it, needs none of the tables below.
  if (ianaNames().has(text.trim())) return { ok: true, zone: text.trim(), how: 'iana' };
  const offset = readOffset(text);
  if (offset !== undefined) return { ok: true, zone: fixedOffsetZone(offset), how: 'offset' };
  const t = entries();
  const entry = t.get(zoneKey(text)) ?? t.get(zoneKey(unwrap(text)));
  if (entry) return fromEntry(entry, text.trim(), opts);
  // Names IANA keeps as links to others ("US/Eastern", "EST5EDT"), as the runtime resolves them.
  if (/[/]|^[a-z]{3}\d[a-z]{3}$/i.test(text.trim()) && isZone(text.trim())) {
    const zone = new Intl.DateTimeFormat('en', { timeZone: text.trim() }).resolvedOptions().timeZone;
    return { ok: true, zone, how: 'iana' };
  }
  return { ok: false, reason: 'unknown', suggestions: suggestZones(zoneKey(unwrap(text))) };
}

function fromEntry(entry: Entry, typed: string, opts: { context?: string; now?: Date }): ZoneReading {
  switch (entry.kind) {
    case 'iana':
      return { ok: true, zone: entry.zone, how: 'iana' };
    case 'place':
      return { ok: true, zone: entry.zone, how: 'place' };
    case 'ambiguous':
      return { ok: false, reason: 'ambiguous', options: entry.options };
    case 'family': {
      const f = entry.family;
      if (f.id === 'utc') return { ok: true, zone: 'UTC', how: 'offset' };
      const usual = entry.daylight ? (f.daylightZone ?? f.zone) : f.zone;
      const c = opts.context;
      const keeps =
        c !== undefined &&
        c !== usual &&
        f.zones.includes(c) &&
        (!entry.daylight || keepsDaylightTime(c, opts.now ?? new Date()));
      return keeps
        ? { ok: true, zone: c, how: 'family', family: f.id, typed, instead: usual }
        : { ok: true, zone: usual, how: 'family', family: f.id, typed };
    }
  }
}

/**
 * The closest names to an unknown one: the start of a name, else the fewest edits; among
 * equals, the Americas' zones first, then shorter names.
 */
function suggestZones(key: string, max = 3): ZoneOption[] {
  if (!key) return [];
  const limit = key.length <= 4 ? 1 : key.length <= 8 ? 2 : 3;
  const scored: { d: number; away: number; len: number; option: ZoneOption }[] = [];
  for (const [k, e] of entries()) {
    const d = k.startsWith(key) && key.length >= 3 ? 0.5 : editDistance(key, k, limit);
    if (d > limit) continue;
    const options =
      e.kind === 'ambiguous'
        ? e.options
        : e.kind === 'family'
          ? [{ name: e.name, zone: e.daylight ? (e.family.daylightZone ?? e.family.zone) : e.family.zone }]
          : [{ name: e.name, zone: e.zone }];
    for (const option of options) {
      const away = /^(America|Atlantic\/(Bermuda|Stanley)|Pacific\/(Honolulu|Galapagos|Easter))/.test(
        option.zone,
      )
        ? 0
        : 1;
      scored.push({ d, away, len: k.length, option });
    }
  }
  scored.sort((a, b) => a.d - b.d || a.away - b.away || a.len - b.len);
  const seen = new Set<string>();
  const out: ZoneOption[] = [];
  for (const { option } of scored) {
    if (seen.has(option.zone)) continue;
    seen.add(option.zone);
    out.push(option);
    if (out.length === max) break;
  }
  return out;
}
