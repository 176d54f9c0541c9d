/**
 * Hostile command lines from a seed: the same seed gives the same lines, so a failure found by
 * `npm run fuzz -- <seed> <count>` is found again by that seed.
 */
import { ALIASES } from '../../src/commands/grammar.js';
import { rng } from '../helpers/random.js';

/** Every command word, English and Spanish, as people type them. */
const WORDS = Object.values(ALIASES).flatMap(({ en, es }) => [...en, ...es]);

const PLACES = [
  'costa rica',
  'Honduras',
  'HN',
  'méxico',
  'MEXICO',
  'El Salvador',
  'Trinidad and Tobago',
  'Honduras y Guatemala',
  'caribe',
  'central america',
  'Georgetown',
  'San José',
  'Dominican',
  'atlantis',
  'q0,q1,q2',
  'ee. uu.',
  'T&T',
];
const NUMBERS = [
  '0',
  '-1',
  '20',
  '21',
  '1e309',
  'NaN',
  'Infinity',
  '-Infinity',
  '99999999999999999999',
  '0x1F',
  '3.5',
  '١٢',
  '½',
  '-0',
  '9'.repeat(400),
];
const DATES = [
  'since 99999999999 days',
  'desde hace 999999999 semanas',
  'since -5 weeks',
  'since 1e308 days',
  'since 0 days',
  'since 2020-02-30',
  'since 0000-01-01',
  'since 9999-12-31',
  'since 10000-01-01',
  'since +275760-09-13',
  'since yesterday',
  'desde el lunes pasado',
  'desde 31 de febrero',
  'since last week',
  'desde enero',
  'since 13/45/2020',
  'since',
  'desde hace',
];
const SCHEDULES = [
  'monday 09:00',
  'daily 25:61',
  'viernes 8 de la noche',
  'sunday 23:59 UTC+14',
  'tuesday 8 pm Etc/GMT-14',
  'daily 00:00 America/Nowhere',
  'domingo 24:00 EST',
  'friday 10:00 UTC-99',
  'someday 9',
  'diario 00:00 San Salvdor',
  '-1 -1',
];
const MENTIONS = [
  '/<@U1>',
  '<@U1>',
  '@everyone',
  '/@everyone',
  '<!channel>',
  '<!here>',
  '/start@otherbot',
  '/latest@news_bot',
  '/help@another_bot',
  '@news_bot latest',
  '<@U123|bob>',
  '<#C123|general>',
  '<https://evil.example|click>',
];
const MARKUP = [
  '<b>',
  '&amp;',
  '&lt;',
  '*bold*',
  '`code`',
  '<script>alert(1)</script>',
  '</a>',
  '"',
  '\\',
  '%s',
  '${x}',
];
const WHOLE = ['more', 'más', 'mas', 'hola', 'buenos días', 'hello', '?', 'unsubscribe all', 'cancelar todo'];

/** A lone code point from a range that tends to break things: controls, bidi, zero-width, surrogates, astral. */
const CODE_RANGES: [number, number][] = [
  [0x00, 0x1f],
  [0x7f, 0x9f],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2066, 0x2069],
  [0xfeff, 0xfeff],
  [0xd800, 0xdfff],
  [0x0300, 0x036f],
  [0x0590, 0x06ff],
  [0x4e00, 0x4e80],
  [0x1f300, 0x1f6ff],
  [0x10000, 0x10ffff],
  [0x20, 0x7e],
  [0xa0, 0x17f],
];

export interface GenOptions {
  /** the longest line made (a platform may carry no longer ones): 100,000 by default */
  maxLength?: number;
}

/** A generator of command lines from a seed. */
export function commandLines(seed: number, o: GenOptions = {}) {
  const random = rng(seed);
  const maxLength = o.maxLength ?? 100_000;
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(a: readonly T[]): T => a[int(a.length)];
  const chance = (p: number) => random() < p;

  const codePoint = () => {
    const [lo, hi] = pick(CODE_RANGES);
    return String.fromCodePoint(lo + int(hi - lo + 1));
  };
  const unicode = (n = 1 + int(20)) => Array.from({ length: n }, codePoint).join('');
  /** a command word, sometimes mistyped, shouted or accented */
  const word = () => {
    let w = pick(WORDS);
    if (chance(0.15)) w = w.toUpperCase();
    if (chance(0.1) && w.length > 2) {
      const i = int(w.length - 1);
      w = w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
    }
    if (chance(0.05)) w = w.normalize('NFD');
    return w;
  };
  const piece = (): string => {
    switch (int(10)) {
      case 0:
        return pick(PLACES);
      case 1:
        return pick(NUMBERS);
      case 2:
        return pick(DATES);
      case 3:
        return pick(SCHEDULES);
      case 4:
        return pick(MENTIONS);
      case 5:
        return pick(MARKUP);
      case 6:
        return unicode();
      case 7:
        return word();
      case 8:
        return Array.from({ length: 2 + int(30) }, () => pick(PLACES)).join(
          pick([', ', ' y ', ' and ', ',']),
        );
      default:
        return `topic ${unicode(3)}`;
    }
  };
  const long = () => {
    const unit = chance(0.5) ? piece() + ' ' : unicode(1 + int(5));
    return unit.repeat(Math.ceil(maxLength / Math.max(1, unit.length))).slice(0, maxLength);
  };

  /** The next line: never blank, never longer than maxLength. */
  return function next(): string {
    let line: string;
    const kind = int(100);
    if (kind < 45) line = [word(), ...Array.from({ length: int(5) }, piece)].join(' ');
    else if (kind < 55) line = `${pick(['latest', 'ultimas', 'news'])} ${pick(NUMBERS)}`;
    else if (kind < 62) line = `${pick(['country', 'pais'])} ${pick(PLACES)} ${pick(DATES)}`;
    else if (kind < 68) line = `${pick(['schedule', 'horario', 'programar'])} ${pick(SCHEDULES)}`;
    else if (kind < 72) line = `${pick(['language', 'idioma'])} ${pick(['es', 'en', 'fr', unicode(2), ''])}`;
    else if (kind < 80) line = `${pick(MENTIONS)} ${chance(0.5) ? word() : ''} ${piece()}`;
    else if (kind < 86) line = unicode(1 + int(200));
    else if (kind < 90) line = pick(WHOLE);
    else if (kind < 94) line = `${word()} ${unicode(1 + int(50))}`;
    else if (kind < 97) line = `${word()} ${long()}`;
    else line = long();
    line = line.slice(0, maxLength);
    return line.trim() ? line : `${word()}${line}`.slice(0, maxLength);
  };
}
