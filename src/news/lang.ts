import { tokenize, type Token } from '../places/text.js';

const EN = new Set(
  'the of and to in for with on is are from by that this was were has have its their at as an be will'.split(
    ' ',
  ),
);
const ES = new Set(
  'el la los las de del y en para con por que es son un una su sus al se como desde sobre entre este esta fue han'.split(
    ' ',
  ),
);

/** English or Spanish, by counting the commonest words of each; null when neither shows. */
export function detectLang(text: string, tokens: Token[] = tokenize(text)): 'en' | 'es' | null {
  let en = 0;
  let es = 0;
  for (const { key } of tokens) {
    if (EN.has(key)) en++;
    if (ES.has(key)) es++;
  }
  if (en + es < 2) return null;
  return es > en ? 'es' : 'en';
}
