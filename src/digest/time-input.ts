import { fold } from '../places/text.js';

/** How the words after a time place it in the day. */
type Part = '24h' | 'am' | 'pm' | 'afternoon' | 'night' | 'small-hours' | 'noon';

const PARTS: Record<string, Part> = {
  '': '24h',
  h: '24h',
  hs: '24h',
  hr: '24h',
  hrs: '24h',
  horas: '24h',
  hours: '24h',
  am: 'am',
  pm: 'pm',
  delamanana: 'am',
  demanana: 'am',
  enlamanana: 'am',
  porlamanana: 'am',
  inthemorning: 'am',
  delamadrugada: 'small-hours',
  demadrugada: 'small-hours',
  delatarde: 'afternoon',
  detarde: 'afternoon',
  enlatarde: 'afternoon',
  porlatarde: 'afternoon',
  intheafternoon: 'afternoon',
  delanoche: 'night',
  denoche: 'night',
  enlanoche: 'night',
  porlanoche: 'night',
  intheevening: 'night',
  atnight: 'night',
  delmediodia: 'noon',
};

/** The hour of the day an hour on the clock is, by the part of the day it was said with. */
function hourOfDay(h: number, part: Part, hasMinutes: boolean): number | undefined {
  if (part === '24h') return h <= 23 ? h : undefined;
  if (h < 1 || h > 12) return undefined;
  switch (part) {
    case 'am':
      return h % 12;
    case 'pm':
      return (h % 12) + 12;
    case 'afternoon':
      return h === 12 ? 12 : h + 12;
    // "12 de la noche" is midnight; "1 de la noche" is past it, "8 de la noche" before.
    case 'night':
      return h === 12 ? 0 : h <= 4 ? h : h + 12;
    case 'small-hours':
      return h === 12 ? 0 : h <= 6 ? h : undefined;
    case 'noon':
      return h === 12 && !hasMinutes ? 12 : undefined;
  }
}

const WORDS: Record<string, string> = {
  noon: '12:00',
  midday: '12:00',
  mediodia: '12:00',
  midnight: '00:00',
  medianoche: '00:00',
};

/**
 * A time of day as people write it, as HH:MM: "08:00", "8:00 pm", "8 pm", "8pm", "8 p. m.",
 * "20h", "20:00 h", "17h30", "8 de la noche", "8 de la mañana", "noon". A bare hour ("8") is
 * no time: morning or evening is not said (a bare "20" is).
 */
function parseTime(text: string): string | undefined {
  const s = fold(text)
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/^(?:at|a las|a la|@)\s*/, '');
  if (WORDS[s.replace(/^las doce del /, '')]) return WORDS[s.replace(/^las doce del /, '')];
  const m =
    s.match(/^(\d{1,2})(?:\s*[:.h]\s*(\d{2}))?(?![\d])\s*(.*)$/) ??
    s.match(/^(\d{2})(\d{2})\s*(h|hs|hrs|hours|horas)?$/);
  if (!m) return undefined;
  const suffix = (m[3] ?? '').replace(/[\s.]/g, '');
  const part = PARTS[suffix];
  // "8" alone says neither morning nor evening ("20" does); "8:00" and "8h" are read as 24-hour times.
  if (!part || (part === '24h' && m[2] === undefined && !suffix && !(Number(m[1]) >= 13))) return undefined;
  const h = hourOfDay(Number(m[1]), part, m[2] !== undefined);
  const min = Number(m[2] ?? '0');
  if (h === undefined || min > 59) return undefined;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

/** The longest run of leading words that is a time ("8 de la noche EST" -> 20:00, 4 words). */
export function takeTime(words: string[]): { time: string; used: number } | undefined {
  for (let n = Math.min(words.length, 6); n >= 1; n--) {
    const time = parseTime(words.slice(0, n).join(' '));
    if (time) return { time, used: n };
  }
  return undefined;
}
