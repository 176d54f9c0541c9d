import { fold } from '../places/text.js';

/**
 * Topics by keyword, English and Spanish. A keyword matches at the start of a word and is
 * written folded (no accents, lower case); a trailing `*` lets it match longer words.
 */
export const TOPICS: Record<string, string[]> = {
  'ethical-recruitment': ['ethical recruit*', 'fair recruit*', 'responsible recruit*', 'recruitment fee*', 'reclutamiento etico', 'contratacion etica', 'reclutamiento justo', 'contratacion equitativa', 'reclutamiento responsable'],
  'labour-rights': ['labour right*', 'labor right*', 'workers rights', 'worker rights', 'rights of migrant workers', 'decent work', 'forced labo*', 'wage theft', 'derechos laborales', 'derechos de los trabajadores', 'derechos de las personas trabajadoras', 'trabajo decente', 'trabajo forzoso'],
  'covid-19': ['covid*', 'coronavirus', 'pandemic*', 'sars cov 2', 'pandemia*'],
  diaspora: ['diaspora*', 'diasporas'],
  remittances: ['remittance*', 'remesa*'],
  return: ['return migra*', 'returnee*', 'returned migrant*', 'reintegration', 'voluntary return', 'deport*', 'retornad*', 'retorno*', 'reintegracion', 'deportad*', 'deportacion*'],
  trafficking: ['trafficking', 'trafficked', 'traffickers', 'human traffick*', 'smuggling', 'smuggled', 'smuggler*', 'trata de personas', 'victimas de trata', 'trata de mujeres', 'trafico de migrantes', 'trafico ilicito', 'coyote*'],
  integration: ['integration', 'integrate*', 'inclusion', 'social inclusion', 'social cohesion', 'integracion', 'integrar*', 'inclusion social', 'cohesion social'],
};

const compiled = Object.entries(TOPICS).map(([topic, words]) => {
  const alts = words.map((w) => w.replace(/\s+/g, '\\s+').replace(/\*$/, '\\p{L}*'));
  return [topic, new RegExp(`(?<![\\p{L}\\p{N}])(?:${alts.join('|')})(?![\\p{L}\\p{N}])`, 'u')] as const;
});

export function tagTopics(text: string): string[] {
  const t = fold(text);
  return compiled.filter(([, re]) => re.test(t)).map(([topic]) => topic);
}
