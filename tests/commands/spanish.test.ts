/**
 * Spanish all the way, through the command service (the console path): suggestions name
 * Spanish words in a Spanish chat or after a Spanish word, greetings lead to help, dates in
 * Spanish mean what their English twins mean, and help pages are Spanish throughout.
 */
import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/commands/context.js';
import { COMMAND_NAMES } from '../../src/commands/grammar.js';
import { t } from '../../src/i18n/index.js';
import { replyToText } from '../../src/reply.js';
import { makeCore, NOW } from '../helpers/core.js';

let n = 0;
const fresh = (extra: Partial<CommandContext> = {}): CommandContext => ({
  address: { platform: 'console', chatId: `s${++n}` },
  canManage: true,
  now: NOW,
  ...extra,
});

describe('suggestions in Spanish', () => {
  it('a mistyped Spanish word is answered in Spanish with the Spanish word, and a button that runs it', async () => {
    const { commands } = await makeCore();
    const r = await commands.run('/ultimsa 3', fresh());
    expect(r.lang).toBe('es');
    expect(r.paragraphs).toEqual([
      'No conozco el comando «ultimsa».',
      '¿Quiso decir «ultimas»?',
      'Escriba ayuda para ver todos los comandos.',
    ]);
    expect(r.actions).toEqual([{ kind: 'command', label: 'ultimas 3', command: 'ultimas 3' }]);
    // the button's command runs
    expect((await commands.run(r.actions![0].command, fresh())).items).toHaveLength(3);
    expect(replyToText(await commands.run('sucribir Honduras', fresh()))).toMatch(
      /¿Quiso decir «suscribir»\?/,
    );
    expect(replyToText(await commands.run('bsucar remesas', fresh()))).toMatch(/¿Quiso decir «buscar»\?/);
  });

  it('in a Spanish chat, an English typo is suggested in Spanish; in an English one, in English', async () => {
    const { commands } = await makeCore();
    const es = fresh();
    await commands.run('idioma es', es);
    const r = await commands.run('latset', es);
    expect(replyToText(r)).toMatch(/^No conozco el comando «latset»\.\n\n¿Quiso decir «ultimas»\?/);
    // the platform's language counts when the chat has none
    expect(replyToText(await commands.run('contry mexico', fresh({ userLanguage: 'es-419' })))).toMatch(
      /¿Quiso decir «pais»\?/,
    );
    const en = fresh();
    await commands.run('language en', en);
    expect(replyToText(await commands.run('contry mexico', en))).toMatch(/Did you mean "country"\?/);
    expect((await commands.run('contry mexico', en)).actions?.[0].command).toBe('country mexico');
  });

  it('a greeting leads to help, in its language', async () => {
    const { commands } = await makeCore();
    for (const hello of ['hola', '¡Hola!', 'Buenos días', 'buenas tardes, quiero noticias']) {
      const r = await commands.run(hello, fresh());
      expect(r.kind, hello).toBe('info');
      expect(r.heading, hello).toBe(t('es').welcomeHeading);
      expect(r.paragraphs?.at(-1), hello).toBe('Escriba «ayuda» para ver todos los comandos.');
      expect(r.actions, hello).toEqual([{ kind: 'command', label: 'ayuda', command: 'ayuda' }]);
    }
    for (const hello of ['hello', 'Hi!', 'good morning']) {
      const r = await commands.run(hello, fresh());
      expect(r.heading, hello).toBe(t('en').welcomeHeading);
      expect(r.paragraphs?.at(-1), hello).toBe('Type "help" to see every command.');
      expect(r.actions?.[0].command, hello).toBe('help');
    }
  });

  it('place suggestions after a Spanish word name places in Spanish', async () => {
    const { commands } = await makeCore();
    expect(replyToText(await commands.run('pais republca dominicana', fresh()))).toMatch(
      /¿Quiso decir República Dominicana \(DO\)\?/,
    );
    expect(replyToText(await commands.run('suscribir Hondruas', fresh()))).toMatch(
      /No conozco el país o la región «Hondruas»\. ¿Quiso decir Honduras \(HN\)\?[\s\S]*Uso: suscribir/,
    );
  });
});

describe('since, in Spanish as in English', () => {
  // NOW is Saturday 28 November 2026
  const TWINS: [string, string, string][] = [
    ['since last week', 'desde la semana pasada', '2026-11-21'],
    ['since the past week', 'desde la última semana', '2026-11-21'],
    ['since yesterday', 'desde ayer', '2026-11-27'],
    ['since the day before yesterday', 'desde anteayer', '2026-11-26'],
    ['since today', 'desde hoy', '2026-11-28'],
    ['since monday', 'desde el lunes', '2026-11-23'],
    ['since Monday', 'desde lunes', '2026-11-23'],
    ['since last monday', 'desde el lunes pasado', '2026-11-23'],
    ['since saturday', 'desde el sábado', '2026-11-28'],
    ['since last saturday', 'desde el sábado pasado', '2026-11-21'],
    ['since january', 'desde enero', '2026-01-01'],
    ['since December', 'desde diciembre', '2025-12-01'],
    ['since 15 January', 'desde el 15 de enero', '2026-01-15'],
    ['since January 15th', 'desde el 15 enero', '2026-01-15'],
    ['since last month', 'desde el mes pasado', '2026-10-28'],
    ['since last year', 'desde el año pasado', '2025-11-28'],
    ['since this week', 'desde esta semana', '2026-11-23'],
    ['since this month', 'desde este mes', '2026-11-01'],
    ['since this year', 'desde este año', '2026-01-01'],
    ['since a week ago', 'desde hace una semana', '2026-11-21'],
    ['since March 2021', 'desde marzo de 2021', '2021-03-01'],
  ];
  const en = (ymd: string) =>
    new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${ymd}T12:00:00Z`));
  const es = (ymd: string) =>
    new Intl.DateTimeFormat('es', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${ymd}T12:00:00Z`),
    );

  it.each(TWINS)('%s = %s = %s', async (english, spanish, ymd) => {
    const { commands } = await makeCore();
    const r = replyToText(await commands.run(`country honduras ${english}`, fresh()));
    expect(r).toMatch(new RegExp(`^(News about Honduras since|No news about Honduras since) ${en(ymd)}`));
    const rs = replyToText(await commands.run(`pais honduras ${spanish}`, fresh()));
    expect(rs).toMatch(
      new RegExp(`^(Noticias sobre Honduras desde|No hay noticias sobre Honduras desde) ${es(ymd)}`),
    );
  });

  it('a day that is not on the calendar is a bad date', async () => {
    const { commands } = await makeCore();
    expect(replyToText(await commands.run('pais honduras desde el 31 de febrero', fresh()))).toMatch(
      /^No entiendo «el 31 de febrero» como fecha\. Pruebe desde 2020-09-01[\s\S]*desde la semana pasada/,
    );
    expect(replyToText(await commands.run('country honduras since February 30', fresh()))).toMatch(
      /^I can't read "February 30" as a date\. Try since 2020-09-01[\s\S]*since last week/,
    );
  });
});

describe('help in Spanish', () => {
  it('every help page is Spanish throughout: heading, usage, examples; by Spanish or English command word', async () => {
    const { commands } = await makeCore();
    const es = t('es');
    for (const name of COMMAND_NAMES) {
      const word = es.commands[name].usage.split(' ')[0];
      for (const text of [`ayuda ${word}`, `ayuda ${name}`]) {
        const r = await commands.run(text, fresh());
        const about = es.commands[name].about;
        expect(r.heading, text).toBe(about[0].toUpperCase() + about.slice(1));
        expect(r.paragraphs?.[0], text).toBe(`Uso: ${es.commands[name].usage}`);
        expect(r.paragraphs?.[1], text).toMatch(/^Ejemplos:\n• /);
      }
    }
    // a Spanish chat answers `help subscribe` in Spanish too
    const chat = fresh();
    await commands.run('idioma es', chat);
    expect((await commands.run('help subscribe', chat)).heading).toBe(
      'Este chat recibe un resumen semanal de esos países',
    );
    expect((await commands.run('ayuda suscribir', fresh())).heading).toBe(
      'Este chat recibe un resumen semanal de esos países',
    );
  });
});

describe('items in Spanish', () => {
  it('dates of the items listed are written as in Spanish, by every listing command', async () => {
    const { commands } = await makeCore();
    const latest = await commands.run('ultimas 2', fresh());
    expect(latest.items?.map((i) => i.date)).toEqual(['16 feb. 2021', '15 feb. 2021']);
    const country = await commands.run('pais honduras', fresh());
    expect(country.items?.[0].date).toBe('16 feb. 2021');
    expect(replyToText(country)).toContain('16 feb. 2021 · Honduras');
  });
});
