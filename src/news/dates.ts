import { fold } from '../places/text.js';

const MONTHS: Record<string, number> = {};
const names: [number, string[]][] = [
  [1, ['january', 'jan', 'enero', 'ene']],
  [2, ['february', 'feb', 'febrero']],
  [3, ['march', 'mar', 'marzo']],
  [4, ['april', 'apr', 'abril', 'abr']],
  [5, ['may', 'mayo']],
  [6, ['june', 'jun', 'junio']],
  [7, ['july', 'jul', 'julio']],
  [8, ['august', 'aug', 'agosto', 'ago']],
  [9, ['september', 'sep', 'sept', 'septiembre', 'setiembre', 'set']],
  [10, ['october', 'oct', 'octubre']],
  [11, ['november', 'nov', 'noviembre']],
  [12, ['december', 'dec', 'diciembre', 'dic']],
];
for (const [n, list] of names) for (const name of list) MONTHS[name] = n;

export function monthNumber(word: string): number | undefined {
  return MONTHS[fold(word).replace(/\.$/, '')];
}

function iso(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2100) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return null;
  return dt.toISOString().slice(0, 10);
}

const MONTH = '([A-Za-zÀ-ÿ]{3,10})\\.?';
const PATTERNS: [RegExp, (m: RegExpMatchArray) => string | null][] = [
  // 2021-02-16, 2021-02-16T10:00:00Z
  [/^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/, (m) => iso(+m[1], +m[2], +m[3])],
  // 02/16/2021 (MM/DD/YYYY, as the listings write it); a first number over 12 can only be a
  // day, as Spanish sources write it (16/02/2021)
  [
    /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/,
    (m) => (+m[1] > 12 ? iso(+m[3], +m[2], +m[1]) : iso(+m[3], +m[1], +m[2])),
  ],
  // 2021/02/16
  [/^(\d{4})\/(\d{1,2})\/(\d{1,2})$/, (m) => iso(+m[1], +m[2], +m[3])],
  // 16.02.2021 (day first wherever dots are used)
  [/^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, (m) => iso(+m[3], +m[2], +m[1])],
  // 16 February, 2021 / 10 Octubre, 2019 / 16 de febrero de 2021
  [
    new RegExp(`^(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:de\\s+)?${MONTH},?\\s+(?:de(?:l)?\\s+)?(\\d{4})$`, 'i'),
    (m) => month(m[2], (n) => iso(+m[3], n, +m[1])),
  ],
  // February 16, 2021
  [
    new RegExp(`^${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})$`, 'i'),
    (m) => month(m[1], (n) => iso(+m[3], n, +m[2])),
  ],
  // Tue, 16 Feb 2021 10:00:00 GMT (RFC 822, as RSS writes it)
  [
    new RegExp(`^(?:[A-Za-z]{3},?\\s+)?(\\d{1,2})\\s+${MONTH}\\s+(\\d{4})(?:\\s+[\\d:]+.*)?$`, 'i'),
    (m) => month(m[2], (n) => iso(+m[3], n, +m[1])),
  ],
];

// "Tuesday, 16 February 2021", "martes 16 de febrero de 2021": the day's name adds nothing.
const WEEKDAY =
  /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo),?\s+/i;

function month(word: string, f: (n: number) => string | null): string | null {
  const n = monthNumber(word);
  return n ? f(n) : null;
}

/** A calendar date in any of the forms the sources write, as YYYY-MM-DD; null when it is not one. */
export function parseDate(text: string | null | undefined): string | null {
  if (!text) return null;
  const s = text
    .replace(/[\u00a0\s]+/g, ' ')
    .trim()
    .replace(WEEKDAY, '');
  for (const [re, f] of PATTERNS) {
    const m = s.match(re);
    if (m) return f(m);
  }
  if (/\d{4}/.test(s) && /[T:]/.test(s)) {
    const d = new Date(s);
    if (!Number.isNaN(d.getTime())) return d.toISOString().slice(0, 10);
  }
  return null;
}

/** True when the whole line is a date: how the listing text marks the start of an item. */
export function isDateLine(line: string): boolean {
  return line.length <= 40 && parseDate(line) !== null;
}
