import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/commands/context.js';
import type { Core } from '../../src/core.js';
import { jsonl, makeCore, NOW } from '../helpers/core.js';
import { allItems } from '../helpers/stores.js';

/**
 * The failures issue 13 names, through the search command: the bundled sample and the search
 * fixture (items of the region in both languages, tests/fixtures/search/items.jsonl).
 */
const SEARCH_ITEMS = readFileSync(new URL('../fixtures/search/items.jsonl', import.meta.url), 'utf8');

const ctx: CommandContext = {
  address: { platform: 'console', chatId: 'searcher' },
  canManage: true,
  now: NOW,
};

let core: Core;
beforeAll(async () => {
  core = await makeCore({
    jsonl: `${SEARCH_ITEMS}\n${jsonl([
      {
        title: 'El Salvador: IOM trains consular staff on labour rights of Salvadorans abroad',
        summary: 'Forty consular officials in the United States and Mexico took part in the course.',
        date: '2020-11-05',
      },
      {
        title: 'Trafficking ring dismantled in Tapachula',
        summary: 'Mexican authorities rescued 43 people held in a safe house near the Suchiate River.',
        date: '2023-10-02',
      },
    ])}`,
  });
});

/** The titles of the first page of answers. */
const firstPage = async (text: string) =>
  (await core.commands.run(text, ctx)).items?.map((i) => i.title) ?? [];

/** Every title the command finds, following "more" to the end. */
async function allTitles(text: string): Promise<string[]> {
  const out: string[] = [];
  let offset: number | undefined = 0;
  while (offset !== undefined) {
    const r = await core.commands.run(text, ctx, offset);
    out.push(...(r.items ?? []).map((i) => i.title));
    offset = r.actions?.find((a) => a.kind === 'more')?.offset;
  }
  return out;
}

/** An item's title and summary, by its title. */
async function textOf(title: string): Promise<string> {
  const it = (await allItems(core.store)).find((i) => i.title === title);
  if (!it) throw new Error(`no item "${title}"`);
  return `${it.title} ${it.summary}`;
}

describe('search finds what people mean, in either language', () => {
  it('costa: Costa Rica, never the costs of remittances (each item is stemmed in its own language)', async () => {
    const found = await allTitles('search costa');
    expect(found).toContain('Costa Rica opens a special category for Nicaraguan farm and domestic workers');
    expect(found).toContain(
      'Costa Rica: IOM presents labor market research study for the border canton of Upala',
    );
    for (const title of found) expect(await textOf(title)).toMatch(/\bcosta/i);
    // and costs find costs, in both languages, not Costa Rica
    const costs = await allTitles('search costs');
    expect(costs).toEqual(
      expect.arrayContaining([
        'Rising costs of remittances squeeze Caribbean families',
        'Aumentan los costos de envío de remesas hacia Centroamérica',
      ]),
    );
    for (const title of costs) expect(await textOf(title)).not.toMatch(/costa rica/i);
  });

  it('pasta is not "past"', async () => {
    expect(await allTitles('buscar pasta')).toEqual(['Fábrica de pasta en Panamá contrata a venezolanos']);
  });

  it('derechos laborales finds the English items on labour rights, after the Spanish one', async () => {
    const page = await firstPage('buscar derechos laborales');
    expect(page[0]).toBe('Derechos laborales de las trabajadoras domésticas nicaragüenses en Costa Rica');
    expect(page).toEqual(
      expect.arrayContaining([
        'Labor rights training for H-2A workers in North Carolina',
        "ILO urges Caribbean states to protect migrant workers' rights",
      ]),
    );
  });

  it('permisos de trabajo finds the "work permit" items, and no item that only says "trabajo"', async () => {
    const found = await allTitles('buscar permisos de trabajo');
    expect(found.slice(0, 2)).toEqual(
      expect.arrayContaining([
        'Panamá simplifica el permiso de trabajo para extranjeros',
        'Fábrica de pasta en Panamá contrata a venezolanos',
      ]),
    );
    expect(found).toEqual(
      expect.arrayContaining([
        'Belize issues work permits to Guatemalan seasonal farm workers',
        'Venezuelan migrants in Trinidad and Tobago receive work permits under new registration',
      ]),
    );
    // many items say "trabajo"; an item meets the idea by the permit, in either language
    for (const title of found) expect(await textOf(title)).toMatch(/permi/i);
  });

  it('trata de personas finds the English trafficking items, and not "se trata de"', async () => {
    const found = await allTitles('buscar trata de personas');
    expect(found[0]).toBe('Honduras: capacitan a fiscales contra la trata de personas');
    expect(found).toEqual(
      expect.arrayContaining([
        'Human trafficking survivors in Belize get shelter and legal aid',
        'Trafficking ring dismantled in Tapachula',
      ]),
    );
    expect(found).not.toContain('Guatemala y Canadá inician un programa piloto de movilidad laboral');
  });

  it('human trafficking finds a title that says only "Trafficking", and the Spanish "trata"', async () => {
    const found = await allTitles('search human trafficking');
    expect(found[0]).toBe('Human trafficking survivors in Belize get shelter and legal aid');
    expect(found).toEqual(
      expect.arrayContaining([
        'Trafficking ring dismantled in Tapachula',
        'Honduras: capacitan a fiscales contra la trata de personas',
      ]),
    );
    expect(found).not.toContain('Guatemala y Canadá inician un programa piloto de movilidad laboral');
  });

  it('seasonal, estacionales and temporales meet', async () => {
    const seasonalEn = 'Belize issues work permits to Guatemalan seasonal farm workers';
    const estacionales = 'Trabajadores estacionales guatemaltecos en las fincas de café de Chiapas';
    const temporales = 'Contratación de trabajadores temporales hondureños para granjas de Canadá';
    for (const q of [
      'search seasonal',
      'buscar estacionales',
      'buscar temporales',
      'search seasonal workers',
    ]) {
      expect(await allTitles(q), q).toEqual(expect.arrayContaining([seasonalEn, estacionales, temporales]));
    }
    // the typed words first: an English item for "seasonal", a Spanish one for "estacionales"
    expect(await textOf((await firstPage('search seasonal'))[0])).toMatch(/seasonal/i);
    expect((await firstPage('buscar estacionales'))[0]).toBe(estacionales);
  });

  it('labor and labour are one word', async () => {
    const labor = await allTitles('search labor rights');
    expect(labor).toContain('El Salvador: IOM trains consular staff on labour rights of Salvadorans abroad');
    expect(labor).toContain('Labor rights training for H-2A workers in North Carolina');
    expect(new Set(await allTitles('search labour rights'))).toEqual(new Set(labor));
  });

  it('items that meet every idea of the query come before those that meet one', async () => {
    // remittances and their cost: the two items on what sending money costs lead, in either language
    const page = await firstPage('buscar costo de las remesas');
    expect(page.slice(0, 2)).toEqual(
      expect.arrayContaining([
        'Rising costs of remittances squeeze Caribbean families',
        'Aumentan los costos de envío de remesas hacia Centroamérica',
      ]),
    );
    // then those that say only one of the two
    const all = await allTitles('buscar costo de las remesas');
    expect(all.indexOf('Remesas familiares a El Salvador crecen un 5 %')).toBeGreaterThan(1);
  });

  it('a place is found by its name in either language and by its people', async () => {
    const found = await allTitles('search venezuelans panama');
    // "venezolanos" and "Panamá", Spanish, meet both ideas by the places the item is filed under
    expect(found[0]).toBe('Fábrica de pasta en Panamá contrata a venezolanos');
  });

  it('says so when no item has the words typed, only other words for a topic', async () => {
    // Spanish items have the word: no note
    const r = await core.commands.run('buscar remesas', ctx);
    expect(r.items?.length).toBeGreaterThan(0);
    expect(r.paragraphs?.some((p) => /Ninguna noticia tiene/.test(p))).toBe(false);
    // the English sample says "integration" only
    const { commands: englishOnly } = await makeCore();
    const topical = await englishOnly.run('buscar integración', ctx);
    expect(topical.items?.[0]?.title).toMatch(/integration/i);
    expect(topical.paragraphs?.[0]).toBe(
      'Ninguna noticia tiene las palabras «integración»; estas tratan de integración:',
    );
  });
});
