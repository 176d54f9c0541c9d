import { fold } from '../places/text.js';
import type { PlaceFinder, SearchableItem, SearchMatch, SearchTerms, TermMatch } from '../ports.js';
import { CONCEPTS, conceptTerm, itemPhrases, placeTerm, planQuery } from './query.js';
import { TITLE_WEIGHT } from './text-index.js';
import { forEachWord, isStopWord, langsOf, LANGS, stem } from './terms.js';

/** A word of this many letters or more also finds the longer words it starts, as TextIndex does. */
const PREFIX_FROM = 4;

const HAS_DIGIT = /\d/;

/**
 * The terms TextIndex posts an item under, as a set: its words stemmed in its languages
 * (`en:recruit`), the glossary concepts its text names (`@ethical-recruitment`) and the places it
 * is filed under (`#HN`); and its length as TextIndex counts it. A store that indexes these
 * finds every item TextIndex would rank.
 */
export function itemTerms(item: SearchableItem, places: readonly string[]): SearchTerms {
  const terms = new Set<string>();
  const langs = langsOf(item.lang);
  let length = 0;
  for (const [field, weight] of [
    [item.title, TITLE_WEIGHT],
    [item.summary, 1],
  ] as const) {
    const words: string[] = [];
    forEachWord(field, (raw) => {
      const w = fold(raw);
      words.push(w);
      // TextIndex keeps every word with a digit ("5", "H2"), however short.
      if (isStopWord(w) && !HAS_DIGIT.test(raw)) return;
      length += weight;
      for (const lang of langs) terms.add(`${lang}:${stem(w, lang)}`);
    });
    itemPhrases.find(words, (concept) => terms.add(conceptTerm(CONCEPTS[concept])));
  }
  for (const p of places) terms.add(placeTerm(p));
  return { terms: [...terms], length };
}

const any = (list: TermMatch[]): TermMatch => (list.length === 1 ? list[0] : { any: list });
const every = (list: TermMatch[]): TermMatch => (list.length === 1 ? list[0] : { every: list });

/**
 * A query as matches over item terms, read the way TextIndex reads it (planQuery): a typed word
 * is found by its stem in either language, by the longer words it starts, and by the concepts
 * and places it names alone; an idea by every one of its words or a term its run names.
 */
export function searchMatch(query: string, placeOf?: PlaceFinder): SearchMatch | null {
  const plan = planQuery(query, placeOf);
  if (plan.words.length === 0) return null;
  const words = plan.words.map((w) => {
    const found = new Map<string, TermMatch>();
    for (const lang of LANGS)
      found.set(`${lang}:${stem(w.text, lang)}`, { term: `${lang}:${stem(w.text, lang)}` });
    if (w.text.length >= PREFIX_FROM)
      for (const lang of LANGS) found.set(`${lang}:${w.text}*`, { term: `${lang}:${w.text}`, prefix: true });
    for (const t of w.terms) found.set(t, { term: t });
    return any([...found.values()]);
  });
  const runs = plan.ideas.flatMap((idea) => idea.terms.map((term) => ({ term })));
  const ideas = plan.ideas.map((idea) =>
    any([
      ...idea.terms.map((term) => ({ term })),
      ...(idea.words.length ? [every(idea.words.map((w) => words[w]))] : []),
    ]),
  );
  return { some: any(ideas), every: every(ideas), anyWord: any([...words, ...runs]) };
}
