import { isCountryCode } from './gazetteer.js';

/**
 * A country's flag emoji: its ISO code as regional-indicator letters (HN -> 🇭🇳). Regions have
 * none: undefined.
 */
export function placeFlag(code: string): string | undefined {
  if (!/^[A-Z]{2}$/.test(code) || !isCountryCode(code)) return undefined;
  return String.fromCodePoint(...[...code].map((c) => 0x1f1e6 + c.charCodeAt(0) - 65));
}
