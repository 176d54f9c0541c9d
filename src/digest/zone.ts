/**
 * A schedule's time zone as stored: an IANA name ("America/Tegucigalpa"), "UTC", or a fixed
 * offset. Whole-hour offsets are IANA's Etc/GMT zones, whose sign is the POSIX one, the
 * reverse of how people write it (UTC-6 is "Etc/GMT+6"); offsets with minutes, which IANA
 * has no zone for, are kept as "-03:30" (the date library reads it; Node 20's Intl does not).
 */

const MINUTES_OFFSET = /^([+-])(\d{2}):(\d{2})$/;
const ETC_GMT = /^Etc\/GMT([+-]\d{1,2})?$/;

const known = new Map<string, boolean>();

/** Whether a stored zone can be used: an IANA zone the runtime knows, or a fixed offset. */
export function isZone(tz: string): boolean {
  if (MINUTES_OFFSET.test(tz)) return offsetMinutes(tz) !== undefined;
  let ok = known.get(tz);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      ok = true;
    } catch {
      ok = false;
    }
    known.set(tz, ok);
  }
  return ok;
}

/** Minutes east of UTC for a fixed-offset zone (Etc/GMT+6 is -360, "-03:30" is -210); else undefined. */
function offsetMinutes(tz: string): number | undefined {
  if (tz === 'UTC' || tz === 'Etc/UTC') return 0;
  const etc = tz.match(ETC_GMT);
  if (etc) return -Number(etc[1] ?? 0) * 60;
  const m = tz.match(MINUTES_OFFSET);
  if (!m || Number(m[2]) > 14 || Number(m[3]) > 59) return undefined;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** The stored zone for a fixed offset in minutes east of UTC. */
export function fixedOffsetZone(minutes: number): string {
  if (minutes === 0) return 'UTC';
  if (minutes % 60 === 0) return `Etc/GMT${minutes > 0 ? '-' : '+'}${Math.abs(minutes) / 60}`;
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  return `${minutes < 0 ? '-' : '+'}${hh}:${String(abs % 60).padStart(2, '0')}`;
}

/** A zone as people read it: fixed offsets as "UTC-6" or "UTC-3:30", IANA names as they are. */
export function zoneLabel(tz: string): string {
  const minutes = offsetMinutes(tz);
  if (minutes === undefined) return tz;
  if (minutes === 0) return 'UTC';
  const abs = Math.abs(minutes);
  const mm = abs % 60 ? `:${String(abs % 60).padStart(2, '0')}` : '';
  return `UTC${minutes < 0 ? '-' : '+'}${Math.floor(abs / 60)}${mm}`;
}

/**
 * The zone to hand Intl when formatting, with the instant shifted to match: Intl in Node 20
 * takes no "-03:30", so such an instant is moved by its offset and formatted as UTC.
 */
export function forIntl(at: Date, tz: string): { at: Date; timeZone: string } {
  if (!MINUTES_OFFSET.test(tz)) return { at, timeZone: tz };
  return { at: new Date(at.getTime() + (offsetMinutes(tz) ?? 0) * 60_000), timeZone: 'UTC' };
}
