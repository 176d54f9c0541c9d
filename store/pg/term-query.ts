import type { TermMatch } from '../../src/ports.js';

/** A lexeme in tsquery's text form: quoted, so `en:cost` and `#central-america` are read whole. */
const lexeme = (term: string) => `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * A match over item terms as a tsquery's text, cast with `::tsquery` (not to_tsquery, which
 * would stem the core's terms again): `'en:remit':* | ('en:honduras' & '#HN')`.
 */
export function tsquery(m: TermMatch): string {
  if ('term' in m) return m.prefix ? `${lexeme(m.term)}:*` : lexeme(m.term);
  const parts = 'every' in m ? m.every : m.any;
  const joined = parts.map(tsquery).join('every' in m ? ' & ' : ' | ');
  return parts.length === 1 ? joined : `(${joined})`;
}

/** The terms a match names, and the starts it looks for: what the ranking needs counts of. */
export function termsOf(m: TermMatch, out = { terms: new Set<string>(), starts: new Set<string>() }) {
  if ('term' in m) (m.prefix ? out.starts : out.terms).add(m.term);
  else for (const part of 'every' in m ? m.every : m.any) termsOf(part, out);
  return out;
}
