import { describe, expect, it } from 'vitest';
import { replyToText } from '../../src/reply.js';
import type { CommandContext } from '../../src/commands/context.js';
import { jsonl, makeCore, NOW } from '../helpers/core.js';

const ctx = (chatId = 'c1', extra: Partial<CommandContext> = {}): CommandContext => ({
  address: { platform: 'console', chatId },
  canManage: true,
  now: NOW,
  ...extra,
});

describe('commands in English', () => {
  it('latest: five newest first, a count, and "more" paging to the rest', async () => {
    const { commands } = await makeCore();
    const r = await commands.run('latest', ctx());
    // dates as people write them in the reply's language (the Spanish ones in spanish.test.ts)
    expect(r.items?.map((i) => i.date)).toEqual([
      'Feb 16, 2021',
      'Feb 15, 2021',
      'Dec 16, 2020',
      'Dec 16, 2020',
      'Nov 12, 2020',
    ]);
    expect(r.paragraphs).toEqual(['1–5 of 10']);
    const more = r.actions?.find((a) => a.kind === 'more');
    expect(more).toMatchObject({ command: 'latest', offset: 5 });
    const next = await commands.run(more!.command, ctx(), more!.offset);
    expect(next.items?.map((i) => i.title)[0]).toMatch(/Venezuelan migrants/);
    expect(next.actions?.some((a) => a.kind === 'more')).toBe(false);
  });

  it('latest n: explains bad counts with the usage', async () => {
    const { commands } = await makeCore();
    expect((await commands.run('latest 2', ctx())).items).toHaveLength(2);
    for (const bad of ['0', '-3', 'ten']) {
      const r = await commands.run(`latest ${bad}`, ctx());
      expect(r.kind).toBe('error');
      expect(replyToText(r)).toMatch(/not a number from 1 to 20[\s\S]*Usage: latest \[n\]/);
    }
  });

  it('country: by name in any case or accent, by code, several, regions, and since', async () => {
    const { commands } = await makeCore();
    const titles = async (text: string) => (await commands.run(text, ctx())).items?.map((i) => i.title) ?? [];
    expect(await titles('country costa rica')).toHaveLength(2);
    expect(await titles('country CR')).toHaveLength(2);
    expect(await titles('country México')).toHaveLength(3);
    expect(await titles('country mexico')).toHaveLength(3);
    expect(await titles('country honduras, guyana')).toHaveLength(3);
    // a region holds what names it and what names its countries
    const region = await titles('country central america');
    expect(region).toHaveLength(5);
    expect(region).toContain(
      'IOM seeks to characterize diaspora organizations in Mexico and Central America',
    );
    expect(region).toContain(
      'Ministry of Labour and Social Security and IOM promote ethical recruitment principles in Honduras',
    );
    expect(await titles('country costa rica since 2021-01')).toEqual([]);
    expect(await titles('country mexico since 2020-09')).toHaveLength(1);
    expect(await titles('country mexico since August 2020')).toHaveLength(2);
  });

  it('country: an unknown name gets the closest countries and the usage; a city points at its country', async () => {
    const { commands } = await makeCore();
    const r = await commands.run('country hondras', ctx());
    expect(r.kind).toBe('error');
    expect(replyToText(r)).toMatch(
      /don't know the country or region "hondras"\. Did you mean Honduras \(HN\)\?/,
    );
    expect(replyToText(r)).toMatch(/Usage: country/);
    expect(replyToText(await commands.run('country Tegucigalpa', ctx()))).toMatch(
      /Tegucigalpa is in Honduras/,
    );
    expect(replyToText(await commands.run('country', ctx()))).toMatch(/Usage: country/);
    expect(replyToText(await commands.run('country mexico since someday', ctx()))).toMatch(
      /can't read "someday" as a date/,
    );
    // "since" with no date asks for one, rather than reading "mexico since" as a name
    expect(replyToText(await commands.run('country mexico since', ctx()))).toMatch(
      /^since needs a date after it: since 2020-09/,
    );
    // the last words of a name are suggested too
    expect(replyToText(await commands.run('country salvador', ctx()))).toMatch(
      /Did you mean El Salvador \(SV\)\?/,
    );
  });

  it('since: natural forms in English and Spanish', async () => {
    const { commands } = await makeCore();
    const heading = async (text: string) =>
      (await commands.run(text, ctx())).heading ?? replyToText(await commands.run(text, ctx()));
    // NOW is 2026-11-28
    expect(await heading('country mexico since 30 days')).toMatch(/since 29 October 2026/);
    expect(await heading('country mexico since a week')).toMatch(/since 21 November 2026/);
    expect(await heading('pais mexico desde hace 30 días')).toMatch(/desde 29 de octubre de 2026/);
    expect(await heading('pais mexico desde una semana')).toMatch(/desde 21 de noviembre de 2026/);
    expect(await heading('pais mexico desde hace 2 meses')).toMatch(/desde 28 de septiembre de 2026/);
  });

  it('country results offer to subscribe to those countries', async () => {
    const { commands } = await makeCore();
    const r = await commands.run('country nicaragua', ctx());
    expect(r.actions).toContainEqual({
      kind: 'subscribe',
      label: 'Subscribe: Nicaragua',
      command: 'subscribe NI',
    });
  });

  it('search: ranked, accent- and case-insensitive, with stems and prefixes', async () => {
    const { commands } = await makeCore({
      jsonl: jsonl([
        {
          title: 'Reclutamiento ético en Guatemala',
          summary: 'La OIM promueve la contratación ética de trabajadores migrantes.',
          date: '2021-03-01',
        },
      ]),
    });
    const first = async (q: string) => (await commands.run(`search ${q}`, ctx())).items?.[0]?.title;
    expect(await first('recruitment')).toMatch(/ethical recruitment/);
    expect(await first('RECRUITING')).toMatch(/ethical recruitment/);
    expect(await first('reclutamiento etico')).toBe('Reclutamiento ético en Guatemala');
    expect(await first('ÉTICA')).toBe('Reclutamiento ético en Guatemala');
    expect(await first('diaspora')).toMatch(/diaspora organizations/);
    expect(replyToText(await commands.run('search zzzqqq', ctx()))).toMatch(/Nothing found/);
    // words that name a topic find its items in the other language when none has the words
    const { commands: english } = await makeCore();
    const topical = await english.run('buscar reclutamiento ético', ctx('es-reader'));
    expect(topical.items?.map((i) => i.title)).toEqual([
      'Ministry of Labour and Social Security and IOM promote ethical recruitment principles in Honduras',
    ]);
    expect(topical.paragraphs?.[0]).toBe(
      'Ninguna noticia tiene las palabras «reclutamiento ético»; estas tratan de reclutamiento ético:',
    );
    // quotes around a phrase are not part of it
    expect((await commands.run('search "ethical recruitment"', ctx())).heading).toBe(
      'Search: "ethical recruitment"',
    );
    expect(replyToText(await commands.run('search', ctx()))).toMatch(/Usage: search/);
  });

  it('subscribe: confirms, says when the digest goes out, shows the latest; subscriptions lists it', async () => {
    const { commands, store } = await makeCore();
    const r = await commands.run('subscribe Honduras, Guatemala', ctx());
    const text = replyToText(r);
    expect(text).toMatch(/now subscribed to Honduras and Guatemala/);
    expect(text).toMatch(/Next digest: Monday, 30 November 2026 at 09:00 \(America\/Costa_Rica\)/);
    expect(r.items?.[0].title).toMatch(/Honduras/);
    const chat = (await store.chat('console:c1'))!;
    expect(chat.places.map((p) => [p.code, p.sinceSeq])).toEqual([
      ['HN', 10],
      ['GT', 10],
    ]);
    const again = replyToText(await commands.run('subscribe honduras', ctx()));
    expect(again).toMatch(/already subscribed to Honduras/);
    const subs = await commands.run('subscriptions', ctx());
    expect(replyToText(subs)).toMatch(
      /Weekly digest about: Honduras and Guatemala\.[\s\S]*Every Monday at 09:00/,
    );
    expect(subs.actions?.map((a) => a.command)).toEqual(['unsubscribe HN', 'unsubscribe GT']);
  });

  it('subscribe changes nothing when one of the names is unknown', async () => {
    const { commands, store } = await makeCore();
    const r = await commands.run('subscribe Honduras, Narnia', ctx());
    expect(replyToText(r)).toMatch(/"Narnia"/);
    expect(await store.chat('console:c1')).toBeUndefined();
  });

  it('subscribe alone: countries with news, most first, paged', async () => {
    const { commands } = await makeCore();
    const r = await commands.run('subscribe', ctx());
    const subs = r.actions!.filter((a) => a.kind === 'subscribe');
    expect(subs[0]).toMatchObject({ label: 'Mexico (3)', command: 'subscribe MX' });
    expect(subs.length).toBeLessThanOrEqual(8);
  });

  it('unsubscribe one, unknown, then all', async () => {
    const { commands, store } = await makeCore();
    await commands.run('subscribe HN, GT, CR', ctx());
    expect(replyToText(await commands.run('unsubscribe guatemala', ctx()))).toMatch(
      /no longer subscribed to Guatemala[\s\S]*Still subscribed to Honduras and Costa Rica/,
    );
    expect(replyToText(await commands.run('unsubscribe panama', ctx()))).toMatch(/not subscribed to Panama/);
    expect(replyToText(await commands.run('unsubscribe all', ctx()))).toMatch(
      /no longer subscribed to anything/,
    );
    expect((await store.chat('console:c1'))?.places).toEqual([]);
    expect(replyToText(await commands.run('unsubscribe', ctx()))).toMatch(/Usage: unsubscribe/);
  });

  it('schedule: weekday, time, zone by name or city; bad parts explained', async () => {
    const { commands, store } = await makeCore();
    const ok = replyToText(await commands.run('schedule friday 08:00 America/Tegucigalpa', ctx()));
    expect(ok).toMatch(/every Friday at 08:00 \(America\/Tegucigalpa\)/);
    expect((await store.chat('console:c1'))?.schedule).toEqual({
      weekday: 5,
      time: '08:00',
      timeZone: 'America/Tegucigalpa',
    });
    expect(replyToText(await commands.run('schedule monday 7am managua', ctx()))).toMatch(
      /Monday at 07:00 \(America\/Managua\)/,
    );
    expect(replyToText(await commands.run('schedule funday 08:00', ctx()))).toMatch(/"funday" is not a day/);
    expect(replyToText(await commands.run('schedule monday 25:00', ctx()))).toMatch(/"25:00" is not a time/);
    expect(replyToText(await commands.run('schedule monday 08:00 Mars/Olympus', ctx()))).toMatch(
      /I don't know the time zone "Mars\/Olympus"[\s\S]*America\/Tegucigalpa/,
    );
  });

  it('digest: a preview of what is new since subscribing, and nothing before', async () => {
    const { commands, news } = await makeCore();
    expect(replyToText(await commands.run('digest', ctx()))).toMatch(/no subscriptions/);
    await commands.run('subscribe Honduras', ctx());
    expect(replyToText(await commands.run('digest', ctx()))).toMatch(
      /No digest has gone out yet, and nothing new has arrived since this chat subscribed/,
    );
    await news.ingestBody(
      jsonl([{ title: 'New Honduran returnees centre opens in San Pedro Sula', date: '2019-01-01' }]),
      'late',
      NOW,
    );
    const r = await commands.run('digest', ctx());
    expect(r.items?.map((i) => i.title)).toEqual(['New Honduran returnees centre opens in San Pedro Sula']);
    expect(replyToText(r)).toMatch(/Digest preview: Honduras[\s\S]*1 new item/);
  });

  it('sources, help, help <command>, and unknown commands with a suggestion', async () => {
    const { commands, store } = await makeCore();
    await store.saveSource({
      source: 'data/sample-items.txt',
      itemCount: 10,
      failures: 0,
      lastSuccessAt: NOW.toISOString(),
    });
    expect(replyToText(await commands.run('sources', ctx()))).toMatch(
      /IOM Mesoamerica–Caribbean labour migration programme \(data\/sample-items\.txt\): 10 items; last read 2026-11-28 04:00 UTC/,
    );
    expect(replyToText(await commands.run('help', ctx()))).toMatch(/country <name or code>/);
    expect(replyToText(await commands.run('help country', ctx()))).toMatch(
      /^Items about those countries or regions\n\nUsage: country[\s\S]*country costa rica/,
    );
    expect(replyToText(await commands.run('help frob', ctx()))).toMatch(
      /^Migration news: commands\n\nI don't know the command "frob"\.\n\n• latest/,
    );
    const unknown = replyToText(await commands.run('contry mexico', ctx()));
    expect(unknown).toMatch(/don't know the command "contry"\.[\s\S]*Did you mean "country"\?/);
  });

  it('only those who manage the chat may change it; everyone may read', async () => {
    const { commands, store } = await makeCore();
    const member = ctx('g1', { canManage: false });
    for (const cmd of ['subscribe Honduras', 'unsubscribe all', 'schedule monday 09:00', 'language es']) {
      expect(replyToText(await commands.run(cmd, member))).toMatch(/Only this chat's administrators/);
    }
    expect(await store.chat('console:g1')).toBeUndefined();
    expect((await commands.run('latest', member)).items).toHaveLength(5);
  });
});

describe('commands in Spanish', () => {
  it('Spanish command words answer in Spanish', async () => {
    const { commands } = await makeCore();
    const r = await commands.run('pais méxico', ctx());
    expect(r.heading).toBe('Noticias sobre México');
    expect(replyToText(await commands.run('ultimas 3', ctx()))).toMatch(/Últimas noticias/);
    expect(replyToText(await commands.run('buscar reclutamiento', ctx()))).toMatch(
      /Búsqueda: «reclutamiento»|No encontré nada/,
    );
    expect(replyToText(await commands.run('ayuda', ctx()))).toMatch(/pais <nombre o código>/);
    expect(replyToText(await commands.run('pais hondras', ctx()))).toMatch(
      /No conozco el país o la región «hondras»\. ¿Quiso decir Honduras \(HN\)\?/,
    );
  });

  it('the platform language picks Spanish when the chat has none', async () => {
    const { commands } = await makeCore();
    expect((await commands.run('latest', ctx('c1', { userLanguage: 'es-419' }))).heading).toBe(
      'Últimas noticias',
    );
  });

  it('language es makes every reply Spanish, digests included; language en goes back', async () => {
    const { commands } = await makeCore();
    expect(replyToText(await commands.run('language es', ctx()))).toBe(
      'Las respuestas de este chat ahora son en español.',
    );
    const sub = replyToText(await commands.run('subscribe Honduras', ctx()));
    expect(sub).toMatch(
      /Este chat ahora está suscrito a Honduras[\s\S]*Próximo resumen: lunes, 30 de noviembre de 2026/,
    );
    expect(replyToText(await commands.run('suscripciones', ctx()))).toMatch(/Cada lunes a las 09:00/);
    expect(replyToText(await commands.run('horario viernes 08:00 America/Tegucigalpa', ctx()))).toMatch(
      /cada viernes a las 08:00/,
    );
    expect(replyToText(await commands.run('cancelar todo', ctx()))).toMatch(/ya no está suscrito a nada/);
    expect(replyToText(await commands.run('idioma en', ctx()))).toBe(
      'Replies in this chat are now in English.',
    );
    expect(replyToText(await commands.run('idioma klingon', ctx()))).toMatch(
      /not a language I speak[\s\S]*Usage: language/,
    );
  });
});
