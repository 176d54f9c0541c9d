import type { RawItem } from '../src/news/item.js';
import { rng } from '../tests/helpers/random.js';

const COUNTRIES_EN: [string, string, string][] = [
  ['Honduras', 'Honduran', 'Tegucigalpa'],
  ['Guatemala', 'Guatemalan', 'Quetzaltenango'],
  ['El Salvador', 'Salvadoran', 'San Salvador'],
  ['Nicaragua', 'Nicaraguan', 'Managua'],
  ['Costa Rica', 'Costa Rican', 'Upala'],
  ['Panama', 'Panamanian', 'Darién'],
  ['Mexico', 'Mexican', 'Tapachula'],
  ['Belize', 'Belizean', 'Belmopan'],
  ['Guyana', 'Guyanese', 'Linden'],
  ['Jamaica', 'Jamaican', 'Kingston'],
  ['Haiti', 'Haitian', 'Port-au-Prince'],
  ['the Dominican Republic', 'Dominican', 'Santo Domingo'],
  ['Trinidad and Tobago', 'Trinidadian', 'Port of Spain'],
  ['Venezuela', 'Venezuelan', 'Caracas'],
  ['Colombia', 'Colombian', 'Cúcuta'],
  ['Ecuador', 'Ecuadorian', 'Quito'],
  ['Peru', 'Peruvian', 'Lima'],
  ['Chile', 'Chilean', 'Santiago de Chile'],
  ['Brazil', 'Brazilian', 'Roraima'],
  ['Canada', 'Canadian', 'Ontario'],
  ['the United States', 'American', 'Texas'],
  ['Cuba', 'Cuban', 'Havana'],
  ['Barbados', 'Barbadian', 'Bridgetown'],
  ['Suriname', 'Surinamese', 'Paramaribo'],
  ['the Bahamas', 'Bahamian', 'Nassau'],
  ['Argentina', 'Argentine', 'Buenos Aires'],
  ['Bolivia', 'Bolivian', 'La Paz'],
  ['Uruguay', 'Uruguayan', 'Montevideo'],
  ['Paraguay', 'Paraguayan', 'Asunción'],
  ['Spain', 'Spanish', 'Madrid'],
  ['the Philippines', 'Filipino', 'Manila'],
  ['India', 'Indian', 'Kerala'],
  ['Nepal', 'Nepali', 'Kathmandu'],
  ['Bangladesh', 'Bangladeshi', 'Dhaka'],
  ['Sri Lanka', 'Sri Lankan', 'Colombo'],
  ['Indonesia', 'Indonesian', 'Jakarta'],
  ['Ukraine', 'Ukrainian', 'Kyiv'],
  ['Syria', 'Syrian', 'Aleppo'],
  ['Nigeria', 'Nigerian', 'Lagos'],
  ['Ghana', 'Ghanaian', 'Accra'],
  ['Senegal', 'Senegalese', 'Dakar'],
  ['Morocco', 'Moroccan', 'Rabat'],
  ['Qatar', 'Qatari', 'Doha'],
  ['Italy', 'Italian', 'Rome'],
  ['Germany', 'German', 'Berlin'],
  ['France', 'French', 'Paris'],
  ['Portugal', 'Portuguese', 'Lisbon'],
  ['Ethiopia', 'Ethiopian', 'Addis Ababa'],
  ['Kenya', 'Kenyan', 'Nairobi'],
  ['Afghanistan', 'Afghan', 'Kabul'],
];
const COUNTRIES_ES: [string, string][] = [
  ['Honduras', 'hondureños'],
  ['Guatemala', 'guatemaltecas'],
  ['El Salvador', 'salvadoreños'],
  ['Nicaragua', 'nicaragüenses'],
  ['Costa Rica', 'costarricenses'],
  ['Panamá', 'panameños'],
  ['México', 'mexicanas'],
  ['Venezuela', 'venezolanos'],
  ['Colombia', 'colombianas'],
  ['Haití', 'haitianos'],
  ['República Dominicana', 'dominicanas'],
  ['Cuba', 'cubanos'],
  ['Ecuador', 'ecuatorianos'],
  ['Perú', 'peruanas'],
  ['Chile', 'chilenos'],
  ['Estados Unidos', 'estadounidenses'],
  ['Canadá', 'canadienses'],
  ['España', 'españolas'],
  ['Argentina', 'argentinos'],
  ['Brasil', 'brasileños'],
];

const TOPICS_EN = [
  'ethical recruitment',
  'labour rights',
  'remittances',
  'return and reintegration',
  'trafficking in persons',
  'integration of migrant workers',
  'seasonal work',
  'the diaspora',
  'COVID-19 recovery',
  'labour market information',
];
const TOPICS_ES = [
  'reclutamiento ético',
  'derechos laborales',
  'remesas',
  'retorno y reintegración',
  'trata de personas',
  'integración de personas trabajadoras migrantes',
  'trabajo temporal',
  'la diáspora',
  'recuperación tras la pandemia',
  'información del mercado laboral',
];
const ACTORS_EN = [
  'IOM',
  'The Ministry of Labour',
  'ILO',
  'A coalition of employers',
  'The Regional Conference on Migration',
  'UNHCR and IOM',
  'The national migration institute',
];
const ACTORS_ES = [
  'La OIM',
  'El Ministerio de Trabajo',
  'La OIT',
  'Un grupo de empleadores',
  'La Conferencia Regional sobre Migración',
  'ACNUR y la OIM',
];
const VERBS_EN = [
  'launches a programme on',
  'publishes a study on',
  'trains officials in',
  'signs an agreement on',
  'holds a workshop on',
  'supports dialogue on',
];
const VERBS_ES = [
  'lanza un programa sobre',
  'publica un estudio sobre',
  'capacita a funcionarios en',
  'firma un acuerdo sobre',
  'realiza un taller sobre',
  'apoya el diálogo sobre',
];

const pick = <T>(r: () => number, list: T[]): T => list[Math.floor(r() * list.length)];

/**
 * Realistic news items: English and Spanish, one to three countries each named by name,
 * demonym or a place, with the topics the bot tags. Seeded, so runs repeat.
 */
export function generateItems(n: number, seed = 42, from = 0): RawItem[] {
  const r = rng(seed);
  const items: RawItem[] = [];
  // `from` numbers the items on from there: batches of a large set, each its own items.
  for (let i = from; i < from + n; i++) {
    const y = 2015 + Math.floor(r() * 11);
    const date = `${y}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
    if (r() < 0.45) {
      const [c1] = pick(r, COUNTRIES_ES);
      const [, d2] = pick(r, COUNTRIES_ES);
      const topic = pick(r, TOPICS_ES);
      items.push({
        title: `${pick(r, ACTORS_ES)} ${pick(r, VERBS_ES)} ${topic} en ${c1}`,
        summary: `Con la participación de personas trabajadoras ${d2} y autoridades de ${c1}, la iniciativa número ${i} busca fortalecer ${topic} y la migración laboral regular, segura y ordenada. Se presentaron datos recientes y recomendaciones para el sector privado.`,
        date,
        url: `https://news.example.org/es/${i}`,
        lang: 'es',
      });
    } else {
      const [c1, d1, p1] = pick(r, COUNTRIES_EN);
      const [c2, , p2] = pick(r, COUNTRIES_EN);
      const topic = pick(r, TOPICS_EN);
      items.push({
        title: `${pick(r, ACTORS_EN)} ${pick(r, VERBS_EN)} ${topic} in ${c1}`,
        summary: `${d1} migrant workers and employers in ${p1} took part in activity ${i}, which looks at ${topic} and at labour mobility between ${c1} and ${c2}. Partners from ${p2} shared their experience, and the report gives recommendations for recruiters.`,
        date,
        url: `https://news.example.org/en/${i}`,
        lang: 'en',
      });
    }
  }
  return items;
}

export function toJsonLines(items: RawItem[]): string {
  return items.map((i) => JSON.stringify(i)).join('\n');
}
