import type { Resolution, Resolver } from '../places/resolve.js';

/** Words that join the places of a list ("Honduras y Guatemala", "Honduras, Guatemala and El Salvador"). */
const JOINERS = new Set(['and', 'y', 'e', '&', 'or', 'o', '+']);
/** The most words a place's name has ("Saint Vincent and the Grenadines", "San Vicente y las Granadinas"). */
const LONGEST_NAME = 8;

/**
 * The places in one part of a list, as people write them: "Honduras Guatemala", "Honduras y
 * Guatemala", "Trinidad and Tobago y Jamaica". A name of several words ("El Salvador", "Costa
 * Rica") is one place; the reading with the fewest unknown words, then the fewest places,
 * wins. Words no place has are kept together ("Narnia", "costa rca") as one unknown part.
 */
export function splitPlaces(text: string, resolver: Resolver): Resolution[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const n = words.length;
  const known = new Map<string, Resolution | null>();
  const lookup = (from: number, to: number): Resolution | null => {
    const span = words.slice(from, to).join(' ');
    if (!known.has(span)) {
      const r = resolver.resolve(span, { suggest: false });
      known.set(span, r.ok || r.reason !== 'unknown' ? r : null);
    }
    return known.get(span)!;
  };
  type Best = { unknown: number; parts: number; next: number; r: Resolution | null };
  const best: (Best | undefined)[] = Array(n + 1);
  best[n] = { unknown: 0, parts: 0, next: n, r: null };
  const better = (a: Best, b: Best | undefined) =>
    !b || a.unknown < b.unknown || (a.unknown === b.unknown && a.parts < b.parts);
  for (let i = n - 1; i >= 0; i--) {
    let choice: Best | undefined;
    // a joiner between two places is skipped
    if (i > 0 && JOINERS.has(words[i].toLowerCase())) {
      const after = best[i + 1]!;
      choice = { unknown: after.unknown, parts: after.parts, next: i + 1, r: null };
    }
    for (let j = i + 1; j <= Math.min(n, i + LONGEST_NAME); j++) {
      const r = lookup(i, j);
      if (!r) continue;
      const after = best[j]!;
      const c = { unknown: after.unknown, parts: after.parts + 1, next: j, r };
      if (better(c, choice)) choice = c;
    }
    const after = best[i + 1]!;
    const unknownWord = { unknown: after.unknown + 1, parts: after.parts + 1, next: i + 1, r: null };
    if (better(unknownWord, choice)) choice = unknownWord;
    best[i] = choice;
  }
  // Walk the best reading; runs of unknown words become one unknown part each.
  const parts: Resolution[] = [];
  let unknown: string[] = [];
  const flush = () => {
    if (unknown.length) parts.push(resolver.resolve(unknown.join(' ')));
    unknown = [];
  };
  for (let i = 0; i < n;) {
    const b = best[i]!;
    if (b.r) {
      flush();
      parts.push(b.r);
    } else if (b.unknown > best[b.next]!.unknown) {
      unknown.push(words[i]);
    } else {
      flush();
    }
    i = b.next;
  }
  flush();
  return parts;
}
