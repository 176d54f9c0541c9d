import countries from 'i18n-iso-countries';
// gazetteer.js registers the English and Spanish country names read below
import { demonymForms, gazetteer } from '../places/gazetteer.js';
import type { Resolver } from '../places/resolve.js';
import { fold } from '../places/text.js';

/** A name as the resolver keys it: folded words, one space between. */
const key = (name: string) =>
  fold(name)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .join(' ');

let names: Set<string> | undefined;
let words: Set<string> | undefined;

/** Every country's and region's names in English and Spanish, folded. */
function placeNames(): Set<string> {
  names ??= new Set(
    [
      ...(['en', 'es'] as const).flatMap((l) =>
        Object.values(countries.getNames(l, { select: 'all' })).flat(),
      ),
      ...Object.values(gazetteer.countries).flatMap((c) => c.names ?? []),
      ...Object.values(gazetteer.regions).flatMap((r) => [r.en, r.es, ...r.names]),
      ...gazetteer.groups.flatMap((g) => g.names),
    ].map(key),
  );
  return names;
}

/** The words of those names (`costa`, `rica`): search leaves them unstemmed. */
export function placeWords(): Set<string> {
  words ??= new Set([...placeNames()].flatMap((n) => n.split(' ')).filter((w) => w.length > 2));
  return words;
}

let phrases: Set<string> | undefined;

/**
 * What a query may name as a place: the names above and the peoples' (demonyms), which the
 * resolver is asked about; most words of a query are none, and are not asked.
 */
function placePhrases(): Set<string> {
  phrases ??= new Set(
    [
      ...placeNames(),
      ...[...Object.values(gazetteer.countries), ...Object.values(gazetteer.regions)]
        .flatMap((c) => c.demonyms ?? [])
        .flatMap(demonymForms)
        .map(key),
      ...gazetteer.ambiguous.flatMap((a) => a.names).map(key),
    ].filter((p) => p.length > 2),
  );
  return phrases;
}

/**
 * The country and region keys a phrase of a query names (`hondureños`: HN; `central america`),
 * or null: the names of countries and regions, and their peoples. A place inside a country
 * (`Tapachula`) is left to its own words.
 */
export function placeFinder(resolver: Resolver): (phrase: string) => string[] | null {
  return (phrase) => {
    if (!placePhrases().has(phrase)) return null;
    const r = resolver.resolve(phrase);
    return r.ok ? r.codes : null;
  };
}
