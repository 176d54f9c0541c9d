import { isCountryCode, packageNames, regionIds } from './gazetteer.js';
import { buildPatterns, type Pattern } from './tagger.js';
import { editDistance, fold, tokenize } from './text.js';

export type Resolution =
  /** country codes and region ids: one, or several for a group ("Northern Triangle") */
  | { ok: true; codes: string[] }
  | { ok: false; reason: 'unknown'; input: string; suggestions: string[] }
  /** a place inside a country ("Tegucigalpa"): queries and subscriptions go by country */
  | { ok: false; reason: 'inside'; input: string; country: string }
  | { ok: false; reason: 'ambiguous'; input: string; candidates: string[] };

export interface Resolver {
  /** `suggest: false` leaves an unknown name's suggestions out (they cost a scan of every name) */
  resolve(input: string, opts?: { suggest?: boolean }): Resolution;
}

/**
 * What a person typed as a country or region, case- and accent-insensitive: names and aliases
 * in English and Spanish, demonyms, ISO codes, region names.
 */
export function createResolver(): Resolver {
  const table = new Map<string, Pattern>();
  for (const list of buildPatterns().values()) {
    for (const p of list) {
      const phrase = p.keys.join(' ');
      const prev = table.get(phrase);
      // The same words may be an acronym and a name ("US", "us"): a name wins for people typing.
      if (!prev || (prev.rule === 'exact' && p.rule !== 'exact')) table.set(phrase, p);
    }
  }
  const suggestible = [...table.entries()].filter(([, p]) => p.kind === 'name' || p.kind === 'region');

  const suggest = (key: string): string[] => {
    const max = key.length <= 4 ? 1 : key.length <= 8 ? 2 : 3;
    const scored: [number, string][] = [];
    for (const [phrase, p] of suggestible) {
      const code =
        p.target.kind === 'country' ? p.target.code : p.target.kind === 'region' ? p.target.id : null;
      if (!code) continue;
      // The start of a name ("guat") or its last words ("salvador" for El Salvador) come first.
      const part =
        (phrase.startsWith(key) && key.length >= 3) || (phrase.endsWith(` ${key}`) && key.length >= 4);
      const d = part ? 0.5 : editDistance(key, phrase, max);
      if (d <= max) scored.push([d, code]);
    }
    scored.sort((a, b) => a[0] - b[0]);
    return [...new Set(scored.map(([, c]) => c))].slice(0, 3);
  };

  const resolve = (input: string, opts: { suggest?: boolean } = {}): Resolution => {
    const trimmed = input.trim();
    const key = tokenize(trimmed)
      .map((t) => t.key)
      .join(' ');
    if (!key) return { ok: false, reason: 'unknown', input: trimmed, suggestions: [] };
    if (/^[a-z]{2}$/i.test(trimmed) && isCountryCode(trimmed))
      return { ok: true, codes: [trimmed.toUpperCase()] };
    const asId = fold(trimmed).replace(/\s+/g, '-');
    if (regionIds().includes(asId)) return { ok: true, codes: [asId] };
    const p = table.get(key);
    if (p) {
      const t = p.target;
      switch (t.kind) {
        case 'country':
          return p.kind === 'place'
            ? { ok: false, reason: 'inside', input: trimmed, country: t.code }
            : { ok: true, codes: [t.code] };
        case 'region':
          return { ok: true, codes: [t.id] };
        case 'group':
          return { ok: true, codes: t.codes };
        case 'ambiguous':
          if (t.default && isNameOf(t.default, key)) return { ok: true, codes: [t.default] };
          return { ok: false, reason: 'ambiguous', input: trimmed, candidates: t.candidates };
        case 'none':
          break;
      }
    }
    return {
      ok: false,
      reason: 'unknown',
      input: trimmed,
      suggestions: opts.suggest === false ? [] : suggest(key),
    };
  };

  return { resolve };
}

/** An ambiguous phrase that is the default country's own name ("Georgia") resolves to it. */
function isNameOf(code: string, key: string): boolean {
  return (['en', 'es'] as const).some((lang) =>
    packageNames(code, lang).some(
      (n) =>
        tokenize(n)
          .map((t) => t.key)
          .join(' ') === key,
    ),
  );
}
