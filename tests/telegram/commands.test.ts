import { afterEach, describe, expect, it } from 'vitest';
import { group, message, privateChat, setup, supergroup, users, type TgChat, type TgSetup } from './setup.js';

let s: TgSetup | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

/** every command of the grammar, with what its answer must say */
const EVERY_COMMAND: [string, RegExp][] = [
  ['/start', /Hello! I bring labour-migration news/],
  ['/help', /Migration news: commands[\s\S]*subscribe <country>/],
  ['/latest', /Latest news\n\n1–5 of 10\n\n1\. Ministry of Labour/],
  ['/country costa rica', /News about Costa Rica[\s\S]*Upala/],
  ['/search ethical recruitment', /Search[\s\S]*ethical recruitment/i],
  ['/subscribe Honduras, Guatemala', /now subscribed to Honduras and Guatemala[\s\S]*Next digest: /],
  ['/subscriptions', /Weekly digest about: Honduras and Guatemala/],
  ['/schedule friday 08:00 America/Tegucigalpa', /every Friday at 08:00 \(America\/Tegucigalpa\)/i],
  ['/digest', /Digest preview|next digest/i],
  ['/sources', /News sources[\s\S]*sample-items/],
  ['/unsubscribe all', /no longer subscribed to anything/i],
  ['/language es', /ahora son en español/],
];

async function runAll(chat: TgChat, from: (typeof users)[keyof typeof users], suffix: string) {
  for (const [text, expected] of EVERY_COMMAND) {
    const before = s!.fake.sent(chat.id).length;
    const [word, ...rest] = text.split(' ');
    await s!.feed(message(chat, from, [`${word}${suffix}`, ...rest].join(' ')));
    const sent = s!.fake.sent(chat.id).slice(before);
    expect(sent.length, text).toBeGreaterThan(0);
    expect(sent.map((m) => m.text).join('\n\n'), text).toMatch(expected);
    expect(
      sent.every((m) => m.parseMode === 'HTML'),
      text,
    ).toBe(true);
  }
}

describe('Telegram commands', () => {
  it('answers every command in a private chat, in the order given', async () => {
    s = await setup();
    await runAll(privateChat(users.bob), users.bob, '');
    const chat = await s.core.store.chat(`telegram:${users.bob.id}`);
    expect(chat).toMatchObject({
      places: [],
      language: 'es',
      schedule: { weekday: 5, time: '08:00', timeZone: 'America/Tegucigalpa' },
    });
    // a private chat is not a group: no reply-to quoting
    expect(s.fake.sent(users.bob.id).every((m) => m.params.reply_parameters === undefined)).toBe(true);
  });

  it('answers every command in a group, with and without @botname, to an administrator', async () => {
    s = await setup();
    s.fake.setMember(group.id, users.bob.id, 'administrator');
    await runAll(group, users.bob, '');
    await s.feed(message(group, users.bob, '/language en'));
    await runAll(group, users.bob, '@migration_news_bot');
    expect((await s.core.store.chat(`telegram:${group.id}`))?.language).toBe('es');
    // in a group the reply quotes the command it answers
    const last = s.last(group.id);
    expect(last.params.reply_parameters).toMatchObject({ allow_sending_without_reply: true });
    expect(typeof last.params.reply_parameters.message_id).toBe('number');
  });

  it('works in supergroups too, and ignores commands addressed to another bot', async () => {
    s = await setup();
    await s.feed(message(supergroup, users.bob, '/latest@migration_news_bot 2'));
    expect(s.texts(supergroup.id)[0]).toMatch(/1–2 of 10/);
    await s.feed(message(supergroup, users.bob, '/latest@some_other_bot'));
    await s.feed(message(supergroup, users.bob, '/weather'));
    await s.feed(message(supergroup, users.bob, 'just chatting about /latest news'));
    expect(s.fake.sent(supergroup.id)).toHaveLength(1);
    // addressed to us, an unknown command gets help
    await s.feed(message(supergroup, users.bob, '/lates@migration_news_bot'));
    expect(s.texts(supergroup.id)[1]).toMatch(/don't know the command "lates"[\s\S]*Did you mean "latest"/);
  });

  it('takes plain lines as commands in a private chat, and answers unknown ones with a suggestion', async () => {
    s = await setup();
    const chat = privateChat(users.bob);
    await s.feed(message(chat, users.bob, 'country honduras'));
    expect(s.texts(chat.id)[0]).toMatch(/News about Honduras/);
    await s.feed(message(chat, users.bob, '/contry honduras'));
    expect(s.texts(chat.id)[1]).toMatch(/Did you mean "country"/);
  });

  it('pages results with a More button under the list, and offers to subscribe', async () => {
    s = await setup();
    const chat = privateChat(users.bob);
    await s.feed(message(chat, users.bob, '/latest'));
    const kb = s.last(chat.id).replyMarkup!.inline_keyboard!;
    expect(kb.flat().map((b) => b.text)).toEqual(['More']);
    await s.feed(message(chat, users.bob, '/country mexico'));
    const labels = s
      .last(chat.id)
      .replyMarkup!.inline_keyboard!.flat()
      .map((b) => b.text);
    expect(labels).toEqual(['Subscribe: Mexico']);
    expect(s.last(chat.id).params.link_preview_options).toEqual({ is_disabled: true });
  });
});

describe('Telegram commands in Spanish', () => {
  it("/start greets in the language of the user's Telegram", async () => {
    s = await setup();
    await s.feed(message(privateChat(users.carla), users.carla, '/start'));
    expect(s.texts(users.carla.id)[0]).toMatch(/^¡Hola! Traigo noticias de migración laboral/);
    await s.feed(message(privateChat(users.bob), users.bob, '/start'));
    expect(s.texts(users.bob.id)[0]).toMatch(/^Hello!/);
  });

  it('/pais méxico, and the Spanish words of every command, answer in Spanish', async () => {
    s = await setup();
    const chat = privateChat(users.bob);
    const cases: [string, RegExp][] = [
      ['/pais méxico', /Noticias sobre México/],
      ['/ultimas 3', /Últimas noticias\n\n1–3 de 10/],
      ['/buscar reclutamiento ético', /«reclutamiento ético»/],
      ['/buscar recruitment', /Búsqueda: «recruitment»/],
      ['/suscribir Honduras', /ahora está suscrito a Honduras/],
      ['/suscripciones', /Resumen semanal sobre: Honduras/],
      ['/horario viernes 08:00 America/Tegucigalpa', /cada viernes a las 08:00/],
      ['/resumen', /resumen/i],
      ['/fuentes', /Fuentes de noticias/],
      ['/ayuda pais', /Uso: pais <nombre o código>/],
      ['/cancelar todo', /ya no está suscrito a nada/],
    ];
    for (const [text, expected] of cases) {
      await s.feed(message(chat, users.bob, text));
      expect(s.last(chat.id).text, text).toMatch(expected);
    }
  });

  it('/language es makes a group answer in Spanish, whoever asks', async () => {
    s = await setup();
    s.fake.setMember(group.id, users.bob.id, 'administrator');
    await s.feed(message(group, users.bob, '/language es'));
    expect(s.last(group.id).text).toBe('Las respuestas de este grupo ahora son en español.');
    await s.feed(message(group, users.bob, '/latest 1'));
    expect(s.last(group.id).text).toMatch(/^Últimas noticias/);
    expect(
      s
        .last(group.id)
        .replyMarkup!.inline_keyboard!.flat()
        .map((b) => b.text),
    ).toEqual(['Más']);
  });
});
