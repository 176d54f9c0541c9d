import type { Token } from '../places/text.js';
import { tokenize } from '../places/text.js';

/**
 * Topics by keyword, English and Spanish. Keywords are written folded (no accents, lower
 * case) and match whole words; a trailing `*` lets the last word match longer words.
 */
export const TOPICS: Record<string, string[]> = {
  'ethical-recruitment': [
    'ethical recruit*',
    'fair recruit*',
    'responsible recruit*',
    'recruitment fee*',
    'reclutamiento etico',
    'contratacion etica',
    'reclutamiento justo',
    'contratacion equitativa',
    'reclutamiento responsable',
  ],
  'labour-rights': [
    'labour right*',
    'labor right*',
    'workers rights',
    'worker rights',
    'rights of migrant workers',
    'decent work',
    'forced labo*',
    'wage theft',
    'derechos laborales',
    'derechos de los trabajadores',
    'derechos de las personas trabajadoras',
    'trabajo decente',
    'trabajo forzoso',
  ],
  'covid-19': ['covid*', 'coronavirus', 'pandemic*', 'sars cov 2', 'pandemia*'],
  diaspora: ['diaspora*'],
  remittances: ['remittance*', 'remesa*'],
  return: [
    'return migra*',
    'returnee*',
    'returned migrant*',
    'reintegration',
    'voluntary return',
    'deport*',
    'retornad*',
    'retorno*',
    'reintegracion',
    'deportad*',
    'deportacion*',
  ],
  trafficking: [
    'trafficking',
    'trafficked',
    'traffickers',
    'human traffick*',
    'smuggling',
    'smuggled',
    'smuggler*',
    'trata de personas',
    'victimas de trata',
    'trata de mujeres',
    'trafico de migrantes',
    'trafico ilicito',
    'coyote*',
  ],
  integration: [
    'integration',
    'integrate*',
    'inclusion',
    'social inclusion',
    'social cohesion',
    'integracion',
    'integrar*',
    'inclusion social',
    'cohesion social',
  ],
};

interface Keyword {
  topic: string;
  words: string[];
  prefix: boolean;
}

/** Keywords by the first three letters of their first word, so each token checks a handful. */
const buckets = new Map<string, Keyword[]>();
for (const [topic, list] of Object.entries(TOPICS)) {
  for (const k of list) {
    const prefix = k.endsWith('*');
    const words = k.replace(/\*$/, '').split(' ');
    const key = words[0].slice(0, 3);
    buckets.set(key, [...(buckets.get(key) ?? []), { topic, words, prefix }]);
  }
}

function fits(k: Keyword, tokens: Token[], at: number): boolean {
  if (at + k.words.length > tokens.length) return false;
  const last = k.words.length - 1;
  for (let i = 0; i <= last; i++) {
    const t = tokens[at + i].key;
    if (i === last && k.prefix ? !t.startsWith(k.words[i]) : t !== k.words[i]) return false;
  }
  return true;
}

export function tagTopics(text: string, tokens: Token[] = tokenize(text)): string[] {
  const found = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const list = buckets.get(tokens[i].key.slice(0, 3));
    if (!list) continue;
    for (const k of list) if (!found.has(k.topic) && fits(k, tokens, i)) found.add(k.topic);
  }
  return Object.keys(TOPICS).filter((t) => found.has(t));
}
