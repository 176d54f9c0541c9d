import { listOf, t, type Lang } from '../i18n/index.js';
import { placeName } from '../places/gazetteer.js';
import type { Resolver } from '../places/resolve.js';
import { splitAnd } from './args.js';

export type PlacesArg = { ok: true; codes: string[] } | { ok: false; problems: string[] };

const named = (code: string, lang: Lang) =>
  code.length === 2 ? `${placeName(code, lang)} (${code})` : placeName(code, lang);

/**
 * Resolves a list of typed places. Every one must resolve, or nothing is done and each
 * problem is explained with the closest matches: a command never half-applies.
 */
export function resolvePlaces(list: string[], resolver: Resolver, lang: Lang): PlacesArg {
  const m = t(lang);
  const codes: string[] = [];
  const problems: string[] = [];
  for (const text of list) {
    const r = resolver.resolve(text);
    if (!r.ok && r.reason === 'unknown') {
      const parts = splitAnd(text);
      if (parts.length > 1) {
        const each = parts.map((p) => resolver.resolve(p));
        if (each.every((e) => e.ok)) {
          for (const e of each) if (e.ok) codes.push(...e.codes);
          continue;
        }
      }
    }
    if (r.ok) {
      codes.push(...r.codes);
    } else if (r.reason === 'inside') {
      problems.push(
        `${m.placeIsInside(r.input, placeName(r.country, lang))} ${m.didYouMean(named(r.country, lang))}`,
      );
    } else if (r.reason === 'ambiguous') {
      problems.push(
        m.ambiguousPlace(
          r.input,
          listOf(
            lang,
            r.candidates.map((c) => named(c, lang)),
            'or',
          ),
        ),
      );
    } else {
      const hint = r.suggestions.length
        ? m.didYouMean(
            listOf(
              lang,
              r.suggestions.map((c) => named(c, lang)),
              'or',
            ),
          )
        : m.placeHint;
      problems.push(`${m.unknownPlace(r.input)} ${hint}`);
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, codes: [...new Set(codes)] };
}
