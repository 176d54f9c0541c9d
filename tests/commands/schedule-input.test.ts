/**
 * Time zones and times as people of the region write them, through the command service (the
 * console path), in English (`schedule`) and Spanish (`horario`): each input, the zone and time
 * stored, and the words said back.
 */
import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/commands/context.js';
import { replyToText } from '../../src/reply.js';
import { makeCore, NOW } from '../helpers/core.js';

let chatN = 0;
/** a fresh chat for each run, on the default schedule (Monday 09:00 America/Costa_Rica) */
const fresh = (): CommandContext => ({
  address: { platform: 'console', chatId: `z${++chatN}` },
  canManage: true,
  now: NOW,
});

/** [what is typed as the zone, the zone stored, said back in English, said back in Spanish] */
const ZONES: [string, string, string, string][] = [
  // IANA names, in any case
  ['America/Tegucigalpa', 'America/Tegucigalpa', 'America/Tegucigalpa', 'America/Tegucigalpa'],
  ['america/tegucigalpa', 'America/Tegucigalpa', 'America/Tegucigalpa', 'America/Tegucigalpa'],
  ['AMERICA/NEW_YORK', 'America/New_York', 'America/New_York', 'America/New_York'],
  ['america/port-au-prince', 'America/Port-au-Prince', 'America/Port-au-Prince', 'America/Port-au-Prince'],
  // capitals and large cities, English and Spanish, with or without accents, spaces or hyphens
  ['San Salvador', 'America/El_Salvador', 'America/El_Salvador', 'America/El_Salvador'],
  ['sansalvador', 'America/El_Salvador', 'America/El_Salvador', 'America/El_Salvador'],
  ['Ciudad de México', 'America/Mexico_City', 'America/Mexico_City', 'America/Mexico_City'],
  ['ciudad de mexico', 'America/Mexico_City', 'America/Mexico_City', 'America/Mexico_City'],
  ['Mexico City', 'America/Mexico_City', 'America/Mexico_City', 'America/Mexico_City'],
  ['CDMX', 'America/Mexico_City', 'America/Mexico_City', 'America/Mexico_City'],
  ['Guadalajara', 'America/Mexico_City', 'America/Mexico_City', 'America/Mexico_City'],
  ['Monterrey', 'America/Monterrey', 'America/Monterrey', 'America/Monterrey'],
  ['Tijuana', 'America/Tijuana', 'America/Tijuana', 'America/Tijuana'],
  ['Cancún', 'America/Cancun', 'America/Cancun', 'America/Cancun'],
  ['Kingston', 'America/Jamaica', 'America/Jamaica', 'America/Jamaica'],
  ['Port-au-Prince', 'America/Port-au-Prince', 'America/Port-au-Prince', 'America/Port-au-Prince'],
  ['Port au Prince', 'America/Port-au-Prince', 'America/Port-au-Prince', 'America/Port-au-Prince'],
  ['Puerto Príncipe', 'America/Port-au-Prince', 'America/Port-au-Prince', 'America/Port-au-Prince'],
  ['Santo Domingo', 'America/Santo_Domingo', 'America/Santo_Domingo', 'America/Santo_Domingo'],
  ['La Habana', 'America/Havana', 'America/Havana', 'America/Havana'],
  ['Havana', 'America/Havana', 'America/Havana', 'America/Havana'],
  ['Panamá', 'America/Panama', 'America/Panama', 'America/Panama'],
  ['Panama City', 'America/Panama', 'America/Panama', 'America/Panama'],
  ['Ciudad de Panamá', 'America/Panama', 'America/Panama', 'America/Panama'],
  ['Tegucigalpa', 'America/Tegucigalpa', 'America/Tegucigalpa', 'America/Tegucigalpa'],
  ['San Pedro Sula', 'America/Tegucigalpa', 'America/Tegucigalpa', 'America/Tegucigalpa'],
  ['Guatemala City', 'America/Guatemala', 'America/Guatemala', 'America/Guatemala'],
  ['Ciudad de Guatemala', 'America/Guatemala', 'America/Guatemala', 'America/Guatemala'],
  ['Managua', 'America/Managua', 'America/Managua', 'America/Managua'],
  ['San José', 'America/Costa_Rica', 'America/Costa_Rica', 'America/Costa_Rica'],
  ['Belmopan', 'America/Belize', 'America/Belize', 'America/Belize'],
  ['Nassau', 'America/Nassau', 'America/Nassau', 'America/Nassau'],
  ['Bridgetown', 'America/Barbados', 'America/Barbados', 'America/Barbados'],
  ['Port of Spain', 'America/Port_of_Spain', 'America/Port_of_Spain', 'America/Port_of_Spain'],
  ['Puerto España', 'America/Port_of_Spain', 'America/Port_of_Spain', 'America/Port_of_Spain'],
  ['San Juan', 'America/Puerto_Rico', 'America/Puerto_Rico', 'America/Puerto_Rico'],
  ['Castries', 'America/St_Lucia', 'America/St_Lucia', 'America/St_Lucia'],
  ["St. George's", 'America/Grenada', 'America/Grenada', 'America/Grenada'],
  ['Kingstown', 'America/St_Vincent', 'America/St_Vincent', 'America/St_Vincent'],
  ['Roseau', 'America/Dominica', 'America/Dominica', 'America/Dominica'],
  ['Willemstad', 'America/Curacao', 'America/Curacao', 'America/Curacao'],
  ['Paramaribo', 'America/Paramaribo', 'America/Paramaribo', 'America/Paramaribo'],
  ['Nueva York', 'America/New_York', 'America/New_York', 'America/New_York'],
  ['Washington D.C.', 'America/New_York', 'America/New_York', 'America/New_York'],
  ['Los Ángeles', 'America/Los_Angeles', 'America/Los_Angeles', 'America/Los_Angeles'],
  ['Houston', 'America/Chicago', 'America/Chicago', 'America/Chicago'],
  ['Toronto', 'America/Toronto', 'America/Toronto', 'America/Toronto'],
  ['Montréal', 'America/Toronto', 'America/Toronto', 'America/Toronto'],
  ['Bogotá', 'America/Bogota', 'America/Bogota', 'America/Bogota'],
  ['Caracas', 'America/Caracas', 'America/Caracas', 'America/Caracas'],
  ['Lima', 'America/Lima', 'America/Lima', 'America/Lima'],
  ['Quito', 'America/Guayaquil', 'America/Guayaquil', 'America/Guayaquil'],
  ['Santiago', 'America/Santiago', 'America/Santiago', 'America/Santiago'],
  [
    'Buenos Aires',
    'America/Argentina/Buenos_Aires',
    'America/Argentina/Buenos_Aires',
    'America/Argentina/Buenos_Aires',
  ],
  ['São Paulo', 'America/Sao_Paulo', 'America/Sao_Paulo', 'America/Sao_Paulo'],
  // countries that keep one zone, in either language
  ['Honduras', 'America/Tegucigalpa', 'America/Tegucigalpa', 'America/Tegucigalpa'],
  ['El Salvador', 'America/El_Salvador', 'America/El_Salvador', 'America/El_Salvador'],
  ['República Dominicana', 'America/Santo_Domingo', 'America/Santo_Domingo', 'America/Santo_Domingo'],
  ['Haití', 'America/Port-au-Prince', 'America/Port-au-Prince', 'America/Port-au-Prince'],
  ['Jamaica', 'America/Jamaica', 'America/Jamaica', 'America/Jamaica'],
  ['hora de Honduras', 'America/Tegucigalpa', 'America/Tegucigalpa', 'America/Tegucigalpa'],
  // the region's abbreviations, said back with the zone they were taken for
  ['EST', 'America/New_York', 'Eastern time, America/New_York', 'hora del este, America/New_York'],
  ['EDT', 'America/New_York', 'Eastern time, America/New_York', 'hora del este, America/New_York'],
  ['ET', 'America/New_York', 'Eastern time, America/New_York', 'hora del este, America/New_York'],
  ['Eastern', 'America/New_York', 'Eastern time, America/New_York', 'hora del este, America/New_York'],
  ['hora del este', 'America/New_York', 'Eastern time, America/New_York', 'hora del este, America/New_York'],
  // a chat on Costa Rica time (the default) keeps it for Central time; daylight forms mean Chicago
  ['CST', 'America/Costa_Rica', 'Central time, America/Costa_Rica', 'hora del centro, America/Costa_Rica'],
  ['CT', 'America/Costa_Rica', 'Central time, America/Costa_Rica', 'hora del centro, America/Costa_Rica'],
  [
    'Central',
    'America/Costa_Rica',
    'Central time, America/Costa_Rica',
    'hora del centro, America/Costa_Rica',
  ],
  ['CDT', 'America/Chicago', 'Central time, America/Chicago', 'hora del centro, America/Chicago'],
  ['MST', 'America/Denver', 'Mountain time, America/Denver', 'hora de la montaña, America/Denver'],
  [
    'PST',
    'America/Los_Angeles',
    'Pacific time, America/Los_Angeles',
    'hora del Pacífico, America/Los_Angeles',
  ],
  [
    'AST',
    'America/Puerto_Rico',
    'Atlantic time, America/Puerto_Rico',
    'hora del Atlántico, America/Puerto_Rico',
  ],
  [
    'Atlantic',
    'America/Puerto_Rico',
    'Atlantic time, America/Puerto_Rico',
    'hora del Atlántico, America/Puerto_Rico',
  ],
  ['ADT', 'America/Halifax', 'Atlantic time, America/Halifax', 'hora del Atlántico, America/Halifax'],
  // fixed offsets, said back as such (IANA's Etc/GMT signs are the reverse of UTC's)
  ['UTC-6', 'Etc/GMT+6', 'UTC-6', 'UTC-6'],
  ['UTC-06:00', 'Etc/GMT+6', 'UTC-6', 'UTC-6'],
  ['GMT-6', 'Etc/GMT+6', 'UTC-6', 'UTC-6'],
  ['UTC −5', 'Etc/GMT+5', 'UTC-5', 'UTC-5'],
  ['UTC+1', 'Etc/GMT-1', 'UTC+1', 'UTC+1'],
  ['UTC-3:30', '-03:30', 'UTC-3:30', 'UTC-3:30'],
  ['GMT+0', 'UTC', 'UTC', 'UTC'],
  ['UTC', 'UTC', 'UTC', 'UTC'],
];

/** [what is typed as the time, the time stored] */
const TIMES: [string, string][] = [
  ['08:00', '08:00'],
  ['8:00', '08:00'],
  ['8:00 pm', '20:00'],
  ['8:00pm', '20:00'],
  ['8 pm', '20:00'],
  ['8pm', '20:00'],
  ['8 p. m.', '20:00'],
  ['8 p.m.', '20:00'],
  ['8am', '08:00'],
  ['12 pm', '12:00'],
  ['12 am', '00:00'],
  ['20h', '20:00'],
  ['20:00 h', '20:00'],
  ['20:00 hrs', '20:00'],
  ['17h30', '17:30'],
  ['20', '20:00'],
  ['8 de la noche', '20:00'],
  ['8 de la mañana', '08:00'],
  ['8 de la manana', '08:00'],
  ['3 de la tarde', '15:00'],
  ['12 de la noche', '00:00'],
  ['a las 7:30 de la noche', '19:30'],
  ['noon', '12:00'],
  ['mediodía', '12:00'],
];

describe('schedule: time zones as people write them', () => {
  it.each(ZONES)('%s -> %s, said back as "%s" / "%s"', async (typed, zone, saidEn, saidEs) => {
    const { commands, store } = await makeCore({ sample: false });
    const en = fresh();
    const r = await commands.run(`schedule friday 08:00 ${typed}`, en);
    expect(r.paragraphs?.[0]).toBe(`Digests for this chat now go out every Friday at 08:00 (${saidEn}).`);
    expect((await store.chat(`console:${en.address.chatId}`))?.schedule).toEqual({
      weekday: 5,
      time: '08:00',
      timeZone: zone,
    });
    const es = fresh();
    const rs = await commands.run(`horario viernes 08:00 ${typed}`, es);
    expect(rs.paragraphs?.[0]).toBe(
      `Los resúmenes de este chat ahora salen cada viernes a las 08:00 (${saidEs}).`,
    );
    expect((await store.chat(`console:${es.address.chatId}`))?.schedule?.timeZone).toBe(zone);
  });
});

describe('schedule: times as people write them', () => {
  it.each(TIMES)('%s -> %s', async (typed, time) => {
    const { commands, store } = await makeCore({ sample: false });
    const en = fresh();
    const r = await commands.run(`schedule friday ${typed} EST`, en);
    expect(r.paragraphs?.[0]).toBe(
      `Digests for this chat now go out every Friday at ${time} (Eastern time, America/New_York).`,
    );
    expect((await store.chat(`console:${en.address.chatId}`))?.schedule).toEqual({
      weekday: 5,
      time,
      timeZone: 'America/New_York',
    });
    const es = fresh();
    const rs = await commands.run(`horario viernes ${typed} San Salvador`, es);
    expect(rs.paragraphs?.[0]).toBe(
      `Los resúmenes de este chat ahora salen cada viernes ${time.startsWith('01:') ? 'a la' : 'a las'} ${time} (America/El_Salvador).`,
    );
  });
});

describe('schedule: days, and what is not understood', () => {
  it('daily and diario, weekdays written as people do, and the time before the day', async () => {
    const { commands, store } = await makeCore({ sample: false });
    const cases: [string, number, string][] = [
      [
        'schedule daily 08:00 Tegucigalpa',
        0,
        'Digests for this chat now go out every day at 08:00 (America/Tegucigalpa).',
      ],
      [
        'schedule every day 8pm EST',
        0,
        'Digests for this chat now go out every day at 20:00 (Eastern time, America/New_York).',
      ],
      [
        'horario diario 8 de la noche Ciudad de México',
        0,
        'Los resúmenes de este chat ahora salen todos los días a las 20:00 (America/Mexico_City).',
      ],
      [
        'horario todos los días 01:00 Managua',
        0,
        'Los resúmenes de este chat ahora salen todos los días a la 01:00 (America/Managua).',
      ],
      [
        'schedule every friday 8am Kingston',
        5,
        'Digests for this chat now go out every Friday at 08:00 (America/Jamaica).',
      ],
      [
        'schedule Fridays 8am Kingston',
        5,
        'Digests for this chat now go out every Friday at 08:00 (America/Jamaica).',
      ],
      [
        'horario los sábados 9:30 La Habana',
        6,
        'Los resúmenes de este chat ahora salen cada sábado a las 09:30 (America/Havana).',
      ],
      [
        'schedule 8am monday Panama City',
        1,
        'Digests for this chat now go out every Monday at 08:00 (America/Panama).',
      ],
    ];
    for (const [text, weekday, said] of cases) {
      const ctx = fresh();
      const r = await commands.run(text, ctx);
      expect(r.paragraphs?.[0], text).toBe(said);
      expect((await store.chat(`console:${ctx.address.chatId}`))?.schedule?.weekday, text).toBe(weekday);
    }
    // a daily chat's subscriptions say so
    const ctx = fresh();
    await commands.run('subscribe Honduras', ctx);
    await commands.run('schedule daily 07:00', ctx);
    expect(replyToText(await commands.run('subscriptions', ctx))).toMatch(
      /Daily digest about: Honduras\.\n\nEvery day at 07:00 \(America\/Costa_Rica\)\. Next digest: Saturday, 28 November 2026 at 07:00/,
    );
  });

  it('a part left out keeps the chat’s own: the day, the time, the zone', async () => {
    const { commands, store } = await makeCore({ sample: false });
    const ctx = fresh();
    const key = `console:${ctx.address.chatId}`;
    await commands.run('schedule friday 8pm Kingston', ctx);
    await commands.run('schedule tuesday', ctx);
    expect((await store.chat(key))?.schedule).toEqual({
      weekday: 2,
      time: '20:00',
      timeZone: 'America/Jamaica',
    });
    await commands.run('schedule 7:15am', ctx);
    expect((await store.chat(key))?.schedule).toEqual({
      weekday: 2,
      time: '07:15',
      timeZone: 'America/Jamaica',
    });
  });

  it('an abbreviation keeps the chat’s zone when it names it, and says how to get the usual one', async () => {
    const { commands, store } = await makeCore({ sample: false });
    const ctx = fresh();
    await commands.run('schedule friday 08:00 Panama', ctx);
    const r = await commands.run('schedule friday 08:00 EST', ctx);
    expect(r.paragraphs?.slice(0, 2)).toEqual([
      'Digests for this chat now go out every Friday at 08:00 (Eastern time, America/Panama).',
      '"EST" is read as this chat\'s own zone; for the time in New York, write America/New_York.',
    ]);
    // EDT is daylight time, which Panama does not keep: New York's
    await commands.run('schedule friday 08:00 EDT', ctx);
    expect((await store.chat(`console:${ctx.address.chatId}`))?.schedule?.timeZone).toBe('America/New_York');
    // a chat on New York time that says CST means Chicago's
    expect((await commands.run('schedule friday 08:00 CST', ctx)).paragraphs?.[0]).toBe(
      'Digests for this chat now go out every Friday at 08:00 (Central time, America/Chicago).',
    );
    const es = fresh();
    expect((await commands.run('horario viernes 08:00 CST', es)).paragraphs?.[1]).toBe(
      '«CST» se toma como la zona de este chat; para la hora de Chicago, escriba America/Chicago.',
    );
  });

  it('names of two zones ask which; unknown ones get the closest, from the region first', async () => {
    const { commands, store } = await makeCore({ sample: false });
    const said = async (text: string) => replyToText(await commands.run(text, fresh()));
    expect(await said('schedule friday 08:00 Georgetown')).toMatch(
      /^"Georgetown" could be America\/Guyana \(Guyana\) or America\/Cayman \(Cayman Islands\): please say which\.\n\nUsage: schedule/,
    );
    expect(await said('horario viernes 08:00 Georgetown')).toMatch(
      /^«Georgetown» puede ser America\/Guyana \(Guyana\) o America\/Cayman \(Islas Caimán\): por favor, indique cuál\./,
    );
    expect(await said('schedule friday 08:00 United States')).toMatch(
      /^"United States" could be America\/New_York \(Eastern time\), America\/Chicago \(Central time\), .* or Pacific\/Honolulu \(Hawaii time\)/,
    );
    expect(await said('horario viernes 08:00 Canadá')).toMatch(
      /^«Canadá» puede ser America\/Toronto \(hora del este\), America\/Vancouver \(hora del Pacífico\)/,
    );
    expect(await said('schedule friday 08:00 Estern')).toMatch(
      /I don't know the time zone "Estern"\.\n\nDid you mean Eastern \(America\/New_York\)/,
    );
    // each zone offered comes with a button that runs the same schedule with it
    expect((await commands.run('schedule friday 08:00 Georgetown', fresh())).actions).toEqual([
      {
        kind: 'command',
        label: 'America/Guyana (Guyana)',
        command: 'schedule friday 08:00 America/Guyana',
      },
      {
        kind: 'command',
        label: 'America/Cayman (Cayman Islands)',
        command: 'schedule friday 08:00 America/Cayman',
      },
    ]);
    expect((await commands.run('horario viernes 8pm San Salvdor', fresh())).actions).toEqual([
      {
        kind: 'command',
        label: 'San Salvador (America/El_Salvador)',
        command: 'horario viernes 8pm America/El_Salvador',
      },
    ]);
    expect(await said('schedule friday 08:00 San Salvdor')).toMatch(
      /Did you mean San Salvador \(America\/El_Salvador\)\?/,
    );
    expect(await said('horario viernes 08:00 Tegusigalpa')).toMatch(
      /^No conozco la zona horaria «Tegusigalpa»\.\n\n¿Quiso decir Tegucigalpa \(America\/Tegucigalpa\)\?\n\nEscriba una ciudad o un país/,
    );
    // nothing close: what to write instead
    expect(await said('schedule friday 08:00 Mars/Olympus')).toMatch(
      /I don't know the time zone "Mars\/Olympus"\.\n\nWrite a city or country \(San Salvador, Mexico City, Kingston\), an IANA zone/,
    );
    // a bare 8 is not a time
    expect(await said('schedule friday 8 EST')).toMatch(
      /^"8" is not a time\. Write it as 08:00, 8am, 8:30 pm/,
    );
    expect(await said('horario viernes 8 EST')).toMatch(
      /^«8» no es una hora\. Escríbala como 08:00, 8 de la mañana/,
    );
    expect(await said('schedule funday 08:00')).toMatch(/^"funday" is not a day of the week/);
    // nothing was changed by any of them
    expect((await store.chats()).length).toBe(0);
    // "pm" is part of the time, never a zone
    expect(await said('schedule friday 8:00 pm')).toMatch(
      /^Digests for this chat now go out every Friday at 20:00/,
    );
  });

  it('the subscribe reply says how to change the time and zone, until the chat has its own', async () => {
    const { commands } = await makeCore({ sample: false });
    const ctx = fresh();
    expect(replyToText(await commands.run('subscribe Honduras', ctx))).toMatch(
      /Next digest: Monday, 30 November 2026 at 09:00 \(America\/Costa_Rica\)\.\n\nTo change when it goes out: schedule <day or daily> <time> \[zone\], for example schedule friday 8am San Salvador\./,
    );
    expect(replyToText(await commands.run('suscribir Guatemala', fresh()))).toMatch(
      /Para cambiar cuándo sale: horario <día o diario> <hora> \[zona\], por ejemplo horario viernes 8 de la mañana San Salvador\./,
    );
    await commands.run('schedule friday 8am', ctx);
    expect(replyToText(await commands.run('subscribe Guatemala', ctx))).not.toMatch(/To change when/);
  });
});
