import { fold } from '../places/text.js';
import { GLOSSARY } from './glossary.js';
import { PhraseTable } from './phrases.js';
import { forEachWord, isStopWord } from './terms.js';

/** At most this many words of a query are read; more only slow the answer. */
const MAX_WORDS = 8;
/** the longest place name looked for in a query ("trinidad and tobago") */
const PLACE_WORDS = 3;

/** The index term of a glossary concept, and of a place an item is filed under. */
export const conceptTerm = (id: string) => `@${id}`;
export const placeTerm = (key: string) => `#${key}`;

/** The country and region keys a phrase of a query names (folded words, one space between), or null. */
export type PlaceFinder = (phrase: string) => string[] | null;

/** A word typed in a query (folded), with the terms that say it in other words: concepts and places it names alone. */
export interface QueryWord {
  text: string;
  terms: string[];
}

/**
 * One idea of a query: a run of words that names a concept or a place ("permisos de trabajo",
 * "Costa Rica"), or one word. An item meets the idea when it has one of the run's terms, or
 * every one of its words (each itself, or a term the word says alone).
 */
export interface Idea {
  /** indexes into QueryPlan.words */
  words: number[];
  /** the terms the run names as a whole (none for a single word: its own are on the word) */
  terms: string[];
}

export interface QueryPlan {
  words: QueryWord[];
  ideas: Idea[];
}

/** The glossary's concepts, numbered: an item's phrases name them by number. */
export const CONCEPTS = Object.keys(GLOSSARY);

/** What an item's text says: the concepts' words and their looser ones. */
export const itemPhrases = new PhraseTable(
  Object.values(GLOSSARY).flatMap((c, i) =>
    [...c.words, ...(c.also ?? [])].map((w) => [i, w] as [number, string]),
  ),
);

/** What a query asks for: the above, and words too ambiguous to read in an item. */
const queryPhrases = new PhraseTable(
  Object.entries(GLOSSARY).flatMap(([id, c]) =>
    [...c.words, ...(c.also ?? []), ...(c.asked ?? [])].map((w) => [id, w] as [string, string]),
  ),
);

interface Found {
  terms: string[];
  from: number;
  to: number;
}

/**
 * Reads a query into its words and ideas. The glossary's phrases are found in the folded
 * words (stop words included: "trata de personas"), then places in what is left; where
 * phrases overlap, the longest wins.
 */
export function planQuery(query: string, placeOf?: PlaceFinder): QueryPlan {
  const folded: string[] = [];
  forEachWord(query.normalize('NFC'), (w) => {
    if (folded.length < MAX_WORDS * 3) folded.push(fold(w));
  });
  const found: Found[] = [];
  queryPhrases.find(folded, (id, from, to) => found.push({ terms: [conceptTerm(id)], from, to }));

  // The typed words, once each, and where each was written.
  const words: QueryWord[] = [];
  const wordAt: number[] = folded.map(() => -1);
  folded.forEach((f, i) => {
    if (isStopWord(f)) return;
    let w = words.findIndex((x) => x.text === f);
    if (w < 0 && words.length < MAX_WORDS) w = words.push({ text: f, terms: [] }) - 1;
    wordAt[i] = w;
  });

  // Runs of words that name a concept, the longest first, none overlapping another; then places.
  const taken: boolean[] = folded.map(() => false);
  const runs: Found[] = [];
  const take = (f: Found) => {
    const same = runs.find((r) => r.from === f.from && r.to === f.to);
    if (same) same.terms.push(...f.terms.filter((t) => !same.terms.includes(t)));
    else if (!taken.slice(f.from, f.to).some(Boolean)) {
      runs.push({ ...f, terms: [...f.terms] });
      taken.fill(true, f.from, f.to);
    }
  };
  for (const f of found.filter((f) => f.to - f.from > 1).sort((a, b) => b.to - b.from - (a.to - a.from)))
    take(f);
  if (placeOf) {
    for (let n = PLACE_WORDS; n >= 1; n--) {
      for (let i = 0; i + n <= folded.length; i++) {
        if (taken.slice(i, i + n).some(Boolean) || isStopWord(folded[i]) || isStopWord(folded[i + n - 1]))
          continue;
        const keys = placeOf(folded.slice(i, i + n).join(' '));
        if (keys) take({ terms: keys.map(placeTerm), from: i, to: i + n });
      }
    }
  }
  for (const f of [...found, ...runs]) {
    const w = wordAt[f.from];
    if (f.to === f.from + 1 && w >= 0)
      words[w].terms.push(...f.terms.filter((t) => !words[w].terms.includes(t)));
  }

  const ideas: Idea[] = [];
  const seen = new Set<number>();
  for (let i = 0; i < folded.length; i++) {
    const run = runs.find((r) => r.from === i && r.to - r.from > 1);
    if (run) {
      const ws = [...new Set(wordAt.slice(run.from, run.to).filter((w) => w >= 0))];
      ws.forEach((w) => seen.add(w));
      ideas.push({ words: ws, terms: run.terms });
      i = run.to - 1;
    } else if (wordAt[i] >= 0 && !seen.has(wordAt[i])) {
      seen.add(wordAt[i]);
      ideas.push({ words: [wordAt[i]], terms: [] });
    }
  }
  return { words, ideas };
}
