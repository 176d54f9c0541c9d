import { allCountryCodes, demonymForms, gazetteer, packageNames, type GazetteerData } from './gazetteer.js';
import { tokenize, type Token } from './text.js';

export type Target =
  | { kind: 'country'; code: string }
  | { kind: 'region'; id: string }
  | { kind: 'group'; codes: string[] }
  | { kind: 'ambiguous'; candidates: string[]; default?: string }
  | { kind: 'none' };

type CaseRule = 'exact' | 'capital' | 'any';

/** what a phrase is: a country's name or alias, a demonym, a place inside it, ... */
export type PhraseKind = 'name' | 'demonym' | 'place' | 'region' | 'group' | 'ambiguous' | 'none';

export interface Pattern {
  name: string;
  kind: PhraseKind;
  keys: string[];
  raws: string[];
  rule: CaseRule;
  target: Target;
}

export interface Tags {
  countries: string[];
  regions: string[];
}

export interface Match {
  text: string;
  name: string;
  target: Target;
}

function caseRule(name: string): CaseRule {
  if (!/\p{Ll}/u.test(name)) return 'exact';
  return /^\p{Lu}/u.test(name) ? 'capital' : 'any';
}

/** Lower numbers win when two sources give the same phrase. */
const PRIORITY = { none: 0, ambiguous: 1, own: 2, package: 3 } as const;

/**
 * Tables already built, by gazetteer: each takes a few hundred milliseconds, and the tagger and
 * the resolver of every core (a test makes hundreds) read the same one. Nobody changes a table.
 */
const built = new WeakMap<GazetteerData, ReadonlyMap<string, Pattern[]>>();

/**
 * The phrase table of a gazetteer, built once. A phrase given twice at the same priority for
 * different countries becomes ambiguous with no default, so a clash in the data can never tag
 * at random.
 */
export function buildPatterns(g: GazetteerData = gazetteer): ReadonlyMap<string, Pattern[]> {
  let table = built.get(g);
  if (!table) built.set(g, (table = buildTable(g)));
  return table;
}

function buildTable(g: GazetteerData): Map<string, Pattern[]> {
  const byPhrase = new Map<string, { pattern: Pattern; priority: number }>();
  const ignored = new Set(
    g.ignore.names.map((n) =>
      tokenize(n)
        .map((t) => t.key)
        .join(' '),
    ),
  );

  const add = (name: string, target: Target, priority: number, kind: PhraseKind) => {
    const tokens = tokenize(name);
    if (tokens.length === 0) return;
    const phrase = tokens.map((t) => t.key).join(' ');
    if (priority === PRIORITY.package && ignored.has(phrase)) return;
    const rule = caseRule(name);
    const key = `${rule === 'exact' ? tokens.map((t) => t.raw).join(' ') : phrase}|${rule}`;
    const pattern: Pattern = {
      name,
      kind,
      keys: tokens.map((t) => t.key),
      raws: tokens.map((t) => t.raw),
      rule,
      target,
    };
    const prev = byPhrase.get(key);
    if (!prev || priority < prev.priority) {
      byPhrase.set(key, { pattern, priority });
    } else if (priority === prev.priority && !sameTarget(prev.pattern.target, target)) {
      const candidates = [...new Set([...targetCodes(prev.pattern.target), ...targetCodes(target)])];
      byPhrase.set(key, { pattern: { ...pattern, target: { kind: 'ambiguous', candidates } }, priority });
    }
  };

  for (const phrase of g.none) add(phrase, { kind: 'none' }, PRIORITY.none, 'none');
  for (const a of g.ambiguous) {
    for (const n of a.names)
      add(
        n,
        { kind: 'ambiguous', candidates: a.candidates, default: a.default },
        PRIORITY.ambiguous,
        'ambiguous',
      );
  }
  for (const grp of g.groups)
    for (const n of grp.names) add(n, { kind: 'group', codes: grp.countries }, PRIORITY.own, 'group');
  for (const [id, r] of Object.entries(g.regions)) {
    for (const n of [r.en, r.es, ...r.names]) add(n, { kind: 'region', id }, PRIORITY.own, 'region');
    for (const d of r.demonyms ?? [])
      for (const f of demonymForms(d)) add(f, { kind: 'region', id }, PRIORITY.own, 'region');
  }
  for (const [code, c] of Object.entries(g.countries)) {
    const target: Target = { kind: 'country', code };
    for (const n of c.names ?? []) add(n, target, PRIORITY.own, 'name');
    for (const n of c.places ?? []) add(n, target, PRIORITY.own, 'place');
    for (const d of c.demonyms ?? [])
      for (const f of demonymForms(d)) add(f, target, PRIORITY.own, 'demonym');
  }
  for (const code of allCountryCodes()) {
    for (const lang of ['en', 'es'] as const) {
      for (const n of packageNames(code, lang)) add(n, { kind: 'country', code }, PRIORITY.package, 'name');
    }
  }

  const index = new Map<string, Pattern[]>();
  for (const { pattern } of byPhrase.values()) {
    const list = index.get(pattern.keys[0]) ?? [];
    list.push(pattern);
    index.set(pattern.keys[0], list);
  }
  for (const list of index.values())
    list.sort((a, b) => b.keys.length - a.keys.length || ruleOrder(a.rule) - ruleOrder(b.rule));
  return index;
}

const ruleOrder = (r: CaseRule) => (r === 'exact' ? 0 : r === 'capital' ? 1 : 2);

function targetCodes(t: Target): string[] {
  switch (t.kind) {
    case 'country':
      return [t.code];
    case 'group':
      return t.codes;
    case 'ambiguous':
      return t.candidates;
    default:
      return [];
  }
}

function sameTarget(a: Target, b: Target): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

const UPPER = /^\p{Lu}/u;

function fits(p: Pattern, tokens: Token[], at: number): boolean {
  if (at + p.keys.length > tokens.length) return false;
  for (let i = 0; i < p.keys.length; i++) if (tokens[at + i].key !== p.keys[i]) return false;
  if (p.rule === 'exact') return p.raws.every((r, i) => tokens[at + i].raw === r);
  if (p.rule === 'capital') {
    // every word the name capitalises must be capitalised in the text: "La Paz", not "La paz" (peace)
    for (let i = 0; i < p.raws.length; i++)
      if (UPPER.test(p.raws[i]) && !UPPER.test(tokens[at + i].raw)) return false;
  }
  return true;
}

export interface Tagger {
  /** `tokens`, when the caller has them already, saves tokenizing the text again */
  tag(text: string, tokens?: Token[]): Tags;
  /** what matched, for tests and for seeing why an item got its tags */
  matches(text: string, tokens?: Token[]): Match[];
}

export function createTagger(g: GazetteerData = gazetteer): Tagger {
  const index = buildPatterns(g);

  const matches = (text: string, tokens = tokenize(text)): Match[] => {
    const out: Match[] = [];
    for (let i = 0; i < tokens.length;) {
      const p = index.get(tokens[i].key)?.find((c) => fits(c, tokens, i));
      if (!p) {
        i++;
        continue;
      }
      out.push({
        text: tokens
          .slice(i, i + p.keys.length)
          .map((t) => t.raw)
          .join(' '),
        name: p.name,
        target: p.target,
      });
      i += p.keys.length;
    }
    return out;
  };

  const tag = (text: string, tokens?: Token[]): Tags => {
    const found = matches(text, tokens);
    const countries = new Set<string>();
    const regions = new Set<string>();
    for (const { target: t } of found) {
      if (t.kind === 'country') countries.add(t.code);
      else if (t.kind === 'group') t.codes.forEach((c) => countries.add(c));
      else if (t.kind === 'region') regions.add(t.id);
    }
    // An ambiguous name goes with the candidate the text names otherwise, else with its default.
    const sure = new Set(countries);
    for (const { target: t } of found) {
      if (t.kind !== 'ambiguous') continue;
      if (t.candidates.some((c) => sure.has(c))) continue;
      if (t.default) countries.add(t.default);
    }
    return { countries: [...countries].sort(), regions: [...regions].sort() };
  };

  return { tag, matches };
}
