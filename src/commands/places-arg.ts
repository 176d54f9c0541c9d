import { listOf, t, type Lang } from '../i18n/index.js';
import { placeName } from '../places/gazetteer.js';
import type { Resolution, Resolver } from '../places/resolve.js';
import type { Action, Reply } from '../reply.js';
import type { Call } from './context.js';
import { MAX_PLACE_PROBLEMS } from './limits.js';
import { splitPlaces } from './place-list.js';
import { usageReply } from './usage.js';

export type PlacesArg =
  | { ok: true; codes: string[] }
  | {
      ok: false;
      problems: string[];
      /** the one name that was not understood, and the places it may have meant (for buttons) */
      fix?: { typed: string; codes: string[] };
    };

const named = (code: string, lang: Lang) =>
  code.length === 2 ? `${placeName(code, lang)} (${code})` : placeName(code, lang);

/**
 * Resolves a list of typed places: parts separated by commas, each one place or several
 * ("Honduras Guatemala", "Honduras y Guatemala"). Every one must resolve, or nothing is done
 * and each problem is explained with the closest matches (the first few; the rest are counted):
 * a command never half-applies.
 */
export function resolvePlaces(list: string[], resolver: Resolver, lang: Lang): PlacesArg {
  const m = t(lang);
  const codes: string[] = [];
  const problems: string[] = [];
  const fixes: { typed: string; codes: string[] }[] = [];
  for (const text of list) {
    const whole = resolver.resolve(text);
    // A name of several words that is one place ("El Salvador") wins over its words.
    const parts = whole.ok || whole.reason !== 'unknown' ? [whole] : readAsList(text, whole, resolver);
    for (const r of parts) {
      if (r.ok) {
        codes.push(...r.codes);
      } else if (r.reason === 'inside') {
        problems.push(
          `${m.placeIsInside(r.input, placeName(r.country, lang))} ${m.didYouMean(named(r.country, lang))}`,
        );
        fixes.push({ typed: r.input, codes: [r.country] });
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
        fixes.push({ typed: r.input, codes: r.candidates });
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
        fixes.push({ typed: r.input, codes: r.suggestions });
      }
    }
  }
  if (!problems.length) return { ok: true, codes: [...new Set(codes)] };
  if (problems.length > MAX_PLACE_PROBLEMS)
    problems.splice(MAX_PLACE_PROBLEMS, Infinity, m.moreUnknownPlaces(problems.length - MAX_PLACE_PROBLEMS));
  return { ok: false, problems, fix: fixes.length === 1 && fixes[0].codes.length ? fixes[0] : undefined };
}

/**
 * The places of a part that is no one place. The part as a whole instead when none of its
 * words is a place, or when some are not and the whole is a near miss of one name ("republca
 * dominicana": República Dominicana, not "republca" beside the Dominicans).
 */
function readAsList(
  text: string,
  whole: Extract<Resolution, { reason: 'unknown' }>,
  resolver: Resolver,
): Resolution[] {
  const parts = splitPlaces(text, resolver);
  const unknown = (p: Resolution) => !p.ok && p.reason === 'unknown';
  if (parts.every(unknown)) return [whole];
  return parts.some(unknown) && whole.suggestions.length ? [whole] : parts;
}

/**
 * The usage of a command whose places were not all understood, with what was wrong; when one
 * name was, a button per place it may have meant, running the same command with that place.
 */
export function placesProblem(
  c: Call,
  name: 'country' | 'subscribe' | 'unsubscribe',
  r: Extract<PlacesArg, { ok: false }>,
): Reply {
  const reply = usageReply(name, c.lang, r.problems);
  const at = r.fix ? c.command.indexOf(r.fix.typed, c.command.length - c.args.length) : -1;
  if (!r.fix || at < 0) return reply;
  const { typed, codes } = r.fix;
  const actions: Action[] = codes.slice(0, 3).map((code) => ({
    kind: 'command',
    label: named(code, c.lang),
    command: `${c.command.slice(0, at)}${code}${c.command.slice(at + typed.length)}`,
  }));
  return { ...reply, actions };
}
