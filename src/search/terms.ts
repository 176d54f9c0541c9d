import { createRequire } from 'node:module';
import { fold } from '../places/text.js';
import { placeWords } from './places.js';

/** The languages words are stemmed in: an item's words in its own, a query's in both. */
export type Lang = 'en' | 'es';
export const LANGS: readonly Lang[] = ['en', 'es'];

/** The languages an item's words are read in: its own, or both when it is neither or unknown. */
export function langsOf(lang: string | null | undefined): readonly Lang[] {
  const l = lang?.slice(0, 2).toLowerCase();
  return l === 'en' ? ['en'] : l === 'es' ? ['es'] : LANGS;
}

const STOP = new Set(
  (
    'a an and are as at be by for from has have in into is it its of on or that the their this to was were will with ' +
    'al como con de del el en es esta este la las lo los para por que se sin sobre su sus un una y o'
  ).split(' '),
);

export const isStopWord = (folded: string) => folded.length < 2 || STOP.has(folded);

/** British spellings as American ones, before stemming, so `labour` and `labor` are one word. */
const AMERICAN: [RegExp, string][] = [
  [/^(labo|neighbo|harbo|favo|behavio|hono|colo|endeavo|rumo|vigo)ur/, '$1r'],
  [
    /^(organ|recogn|regular|formal|mobil|author|priorit|util|real|legal|central|special|minim|maxim|stabil|normal|harmon|standard|modern|national|global|institutional|criminal|penal|summar|character|categor|apolog|civil|subsid|digit|sensit|victim|capital|optim|urban)is(e|es|ed|ing|ation|ations)$/,
    '$1iz$2',
  ],
  [/^programme(s?)$/, 'program$1'],
  [/^(cent|met|lit|theat|fib)re(s?)$/, '$1er$2'],
  [/^(defen|offen|licen)ce(s?)$/, '$1se$2'],
  [/^(travel|cancel|model|label|fuel|channel|counsel|signal)l(ed|ing|er|ers)$/, '$1$2'],
  [/^enrolment(s?)$/, 'enrollment$1'],
  [/^ageing$/, 'aging'],
];

function american(word: string): string {
  for (const [re, to] of AMERICAN) if (re.test(word)) return word.replace(re, to);
  return word;
}

interface Stemmer {
  stem(word: string): string;
}
let stemmers: Record<Lang, Stemmer> | undefined;

/** Snowball's stemmers, loaded at the first word stemmed: the package holds 24 languages, and most commands never stem. */
function stemmerFor(lang: Lang): Stemmer {
  if (!stemmers) {
    const snowball = createRequire(import.meta.url)('snowball-stemmers') as {
      newStemmer(language: string): Stemmer;
    };
    stemmers = { en: snowball.newStemmer('english'), es: snowball.newStemmer('spanish') };
  }
  return stemmers[lang];
}

const memo = { en: new Map<string, string>(), es: new Map<string, string>() };
const MEMO = 100_000;

/**
 * A folded word's stem in a language (Snowball's). Numbers stay as written, and so do the words
 * of country and region names, so that `costa` (Costa Rica) never meets `costos`, nor
 * `Granada` `grandes`.
 */
export function stem(folded: string, lang: Lang): string {
  if (/\d/.test(folded)) return folded;
  const m = memo[lang];
  let s = m.get(folded);
  if (s !== undefined) return s;
  s = placeWords().has(folded) ? folded : stemmerFor(lang).stem(lang === 'en' ? american(folded) : folded);
  if (m.size >= MEMO) m.clear();
  m.set(folded, s);
  return s;
}

/** A word as the index keeps it in a language (`en:cost`), or null for a stop word. */
export function termOf(word: string, lang: Lang): string | null {
  const f = fold(word);
  return isStopWord(f) ? null : `${lang}:${stem(f, lang)}`;
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
