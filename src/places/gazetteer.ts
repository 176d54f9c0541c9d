import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import es from 'i18n-iso-countries/langs/es.json' with { type: 'json' };
import data from './gazetteer.json' with { type: 'json' };

countries.registerLocale(en);
countries.registerLocale(es);

export type Lang = 'en' | 'es';

/**
 * The project's own place data, on top of i18n-iso-countries' English and Spanish names.
 * Case rule for every name in it: written with a capital, it must be capitalised in the text
 * ("Chad", not "chad"); written in lower case, any case matches (Spanish demonyms);
 * written without lower-case letters, it must match exactly ("US", "EE. UU.", "T&T").
 */
export interface GazetteerData {
  regions: Record<
    string,
    { en: string; es: string; names: string[]; demonyms?: string[]; countries: string[] }
  >;
  countries: Record<string, { names?: string[]; demonyms?: string[]; places?: string[] }>;
  /** names that point at more than one country; resolved by the other names in the same text */
  ambiguous: { names: string[]; candidates: string[]; default?: string; why?: string }[];
  /** names that stand for several countries at once */
  groups: { names: string[]; countries: string[] }[];
  /** i18n-iso-countries names the tagger must not use, with the reason */
  ignore: { names: string[]; why: string };
  /** phrases that name no country; they shadow the shorter names inside them */
  none: string[];
}

export const gazetteer = data as GazetteerData;

export function isCountryCode(code: string): boolean {
  return countries.isValid(code.toUpperCase()) && code.length === 2;
}

export function allCountryCodes(): string[] {
  return Object.keys(countries.getAlpha2Codes());
}

/** Every name the package knows for a country in one language ("United States", "USA", "U.S."). */
export function packageNames(code: string, lang: Lang): string[] {
  const names = countries.getNames(lang, { select: 'all' })[code];
  return names ?? [];
}

function countryName(code: string, lang: Lang): string {
  return countries.getName(code, lang, { select: 'official' }) ?? code;
}

function regionName(id: string, lang: Lang): string {
  return gazetteer.regions[id]?.[lang] ?? id;
}

export function placeName(code: string, lang: Lang): string {
  return isCountryCode(code) ? countryName(code, lang) : regionName(code, lang);
}

export function regionIds(): string[] {
  return Object.keys(gazetteer.regions);
}

export function regionCountries(id: string): string[] {
  return gazetteer.regions[id]?.countries ?? [];
}

const SPANISH_ENDINGS: [RegExp, (stem: string) => string[]][] = [
  [/o$/, (s) => [s + 'o', s + 'a', s + 'os', s + 'as']],
  [/és$/, (s) => [s + 'és', s + 'esa', s + 'eses', s + 'esas']],
  [/án$/, (s) => [s + 'án', s + 'ana', s + 'anes', s + 'anas']],
  [/ín$/, (s) => [s + 'ín', s + 'ina', s + 'ines', s + 'inas']],
  [/í$/, (s) => [s + 'í', s + 'íes', s + 'ís']],
  [/ú$/, (s) => [s + 'ú', s + 'úes', s + 'ús']],
  [/(?<=[ae])$/, (s) => [s, s + 's']],
  [/(?<=[lrn])$/, (s) => [s, s + 'a', s + 'es', s + 'as']],
];

/**
 * The forms of a demonym: Spanish ones (written in lower case) in both genders and numbers,
 * English ones (capitalised) in both numbers.
 */
export function demonymForms(base: string): string[] {
  if (base !== base.toLowerCase()) return englishForms(base);
  for (const [re, forms] of SPANISH_ENDINGS) {
    if (re.test(base)) return forms(base.replace(re, ''));
  }
  return [base];
}

function englishForms(base: string): string[] {
  if (/(ese|ish|ch|ss|sh|s|x)$/.test(base)) return [base];
  return [base, base + 's'];
}
