import { fold } from '../places/text.js';

const STOP = new Set(
  (
    'a an and are as at be by for from has have in into is it its of on or that the their this to was were will with ' +
    'al como con de del el en es esta este la las lo los para por que se sin sobre su sus un una y o'
  ).split(' '),
);

/** Longest first, so "aciones" is tried before "es". Applies to English and Spanish words alike. */
const SUFFIXES = [
  'amientos',
  'imientos',
  'aciones',
  'amiento',
  'imiento',
  'ations',
  'ciones',
  'idades',
  'mente',
  'ation',
  'ments',
  'acion',
  'cion',
  'idad',
  'ings',
  'ment',
  'iones',
  'ores',
  'ing',
  'ion',
  'ers',
  'ies',
  'es',
  'ed',
  'er',
  'or',
  'os',
  'as',
  's',
  'o',
  'a',
];

/**
 * A light stemmer for both languages: enough that "recruiting", "recruitment" and "recruiters"
 * meet, and "éticos", "ética" and "etico" do, without a dictionary. Queries are also matched
 * by prefix, which covers what stripping misses.
 */
export function stem(word: string): string {
  let w = word.endsWith('our') ? `${word.slice(0, -3)}or` : word;
  for (const s of SUFFIXES) {
    if (w.endsWith(s) && w.length - s.length >= 4) {
      w = w.slice(0, -s.length);
      break;
    }
  }
  return w;
}

const memo = new Map<string, string | null>();

/** The terms of a text as the index keeps them: folded, without stop words, stemmed. */
export function processTerm(term: string): string | null {
  let out = memo.get(term);
  if (out !== undefined) return out;
  const t = fold(term);
  out = t.length < 2 || STOP.has(t) ? null : stem(t);
  if (memo.size > 200_000) memo.clear();
  memo.set(term, out);
  return out;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** for each UTF-16 unit past ASCII: 0 not yet known, 1 part of a word, 2 not */
const wide = new Uint8Array(65536);

function isWordUnit(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  // Astral letters (surrogate pairs) split words: news in these languages has none.
  if (wide[c] === 0)
    wide[c] = c < 0xd800 || c > 0xdfff ? (LETTER_OR_DIGIT.test(String.fromCharCode(c)) ? 1 : 2) : 2;
  return wide[c] === 1;
}

/** Calls `fn` with each run of letters and digits in `text`, as written; a loop, not a regex split, because indexing reads every word of every item. */
export function forEachWord(text: string, fn: (word: string) => void): void {
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    if (isWordUnit(text.charCodeAt(i))) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      fn(text.slice(start, i));
      start = -1;
    }
  }
  if (start >= 0) fn(text.slice(start));
}
