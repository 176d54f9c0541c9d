/**
 * Lists of places as people write them, through the command service (the console path), in
 * English and Spanish: spaces, "y", "and" and commas; names of several words stay one place;
 * a list that makes up a region suggests it; the subscribe keyboard offers the whole region.
 */
import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/commands/context.js';
import { regionCountries } from '../../src/places/gazetteer.js';
import { replyToText } from '../../src/reply.js';
import { makeCore, NOW } from '../helpers/core.js';

let n = 0;
const fresh = (): CommandContext => ({
  address: { platform: 'console', chatId: `l${++n}` },
  canManage: true,
  now: NOW,
});

describe('lists of places', () => {
  const LISTS: [string, string[]][] = [
    ['subscribe Honduras Guatemala', ['HN', 'GT']],
    ['suscribir Honduras y Guatemala', ['HN', 'GT']],
    ['subscribe Honduras and Guatemala', ['HN', 'GT']],
    ['subscribe Honduras, Guatemala and El Salvador', ['HN', 'GT', 'SV']],
    ['suscribir Honduras, Guatemala y El Salvador', ['HN', 'GT', 'SV']],
    ['subscribe Honduras Guatemala El Salvador Costa Rica', ['HN', 'GT', 'SV', 'CR']],
    ['suscribir México Guatemala e Islas Caimán', ['MX', 'GT', 'KY']],
    // a name of several words is one place, even beside others
    ['subscribe El Salvador', ['SV']],
    ['subscribe Costa Rica', ['CR']],
    ['suscribir República Dominicana', ['DO']],
    ['suscribir República Dominicana Haití', ['DO', 'HT']],
    ['subscribe Trinidad and Tobago', ['TT']],
    ['suscribir Antigua y Barbuda', ['AG']],
    ['subscribe Trinidad and Tobago y Jamaica', ['TT', 'JM']],
    ['subscribe Saint Vincent and the Grenadines and Barbados', ['VC', 'BB']],
    ['subscribe HN GT', ['HN', 'GT']],
    ['suscribir hondureños y guatemaltecos', ['HN', 'GT']],
  ];

  it.each(LISTS)('%s -> %j', async (text, codes) => {
    const { commands, store } = await makeCore({ sample: false });
    const ctx = fresh();
    const r = await commands.run(text, ctx);
    expect(r.kind, replyToText(r)).toBe('result');
    expect((await store.chat(`console:${ctx.address.chatId}`))?.places.map((p) => p.code)).toEqual(codes);
  });

  it('country and unsubscribe read lists the same way', async () => {
    const { commands, store } = await makeCore();
    expect((await commands.run('country Mexico Guatemala', fresh())).heading).toBe(
      'News about Mexico and Guatemala',
    );
    expect((await commands.run('pais México y Guatemala', fresh())).heading).toBe(
      'Noticias sobre México y Guatemala',
    );
    const ctx = fresh();
    await commands.run('subscribe Honduras, Guatemala, El Salvador', ctx);
    expect(replyToText(await commands.run('unsubscribe Honduras y El Salvador', ctx))).toMatch(
      /no longer subscribed to Honduras and El Salvador\.[\s\S]*Still subscribed to Guatemala/,
    );
    expect((await store.chat(`console:${ctx.address.chatId}`))?.places.map((p) => p.code)).toEqual(['GT']);
  });

  it('a word no place has is named, nothing changes, and a close name comes with a button', async () => {
    const { commands, store } = await makeCore();
    const ctx = fresh();
    expect(replyToText(await commands.run('subscribe Honduras Narnia', ctx))).toMatch(
      /^I don't know the country or region "Narnia"\. Use a country or region name/,
    );
    expect(await store.chat(`console:${ctx.address.chatId}`)).toBeUndefined();
    const r = await commands.run('country hondras guatemala since 2020', ctx);
    expect(replyToText(r)).toMatch(
      /^I don't know the country or region "hondras"\. Did you mean Honduras \(HN\)\?/,
    );
    expect(r.actions).toEqual([
      { kind: 'command', label: 'Honduras (HN)', command: 'country HN guatemala since 2020' },
    ]);
    const city = await commands.run('pais Tegucigalpa', ctx);
    expect(replyToText(city)).toMatch(/^Tegucigalpa está en Honduras/);
    expect(city.actions).toEqual([{ kind: 'command', label: 'Honduras (HN)', command: 'pais HN' }]);
    // the button's command runs
    expect((await commands.run(city.actions![0].command, ctx)).heading).toBe('Noticias sobre Honduras');
  });
});

describe('a list that makes up a region', () => {
  it('subscribing every country of Central America suggests the region, with a button', async () => {
    const { commands, store } = await makeCore({ sample: false });
    const ctx = fresh();
    const r = await commands.run(
      'subscribe Belize, Guatemala, Honduras El Salvador Nicaragua, Costa Rica and Panama',
      ctx,
    );
    expect(r.paragraphs).toContain('These are all of Central America: subscribe Central America?');
    expect(r.actions).toEqual([
      { kind: 'subscribe', label: 'Subscribe: Central America', command: 'subscribe central-america' },
    ]);
    const key = `console:${ctx.address.chatId}`;
    const codes = (await store.chat(key))?.places.map((p) => p.code);
    expect(codes?.sort()).toEqual([...regionCountries('central-america')].sort());
    // the button subscribes the region too; then nothing more is suggested
    const region = await commands.run(r.actions![0].command, ctx);
    expect(replyToText(region)).toMatch(/now subscribed to Central America/);
    expect(region.actions ?? []).toEqual([]);
  });

  it('in Spanish, and made up over two commands; a few countries suggest nothing', async () => {
    const { commands } = await makeCore({ sample: false });
    const ctx = fresh();
    const first = await commands.run('suscribir Belice Guatemala Honduras', ctx);
    expect(first.paragraphs?.some((p) => /Son todos/.test(p))).toBe(false);
    const second = await commands.run('suscribir El Salvador, Nicaragua, Costa Rica y Panamá', ctx);
    expect(second.paragraphs).toContain('Son todos los países de Centroamérica: ¿suscribir Centroamérica?');
    expect(second.actions).toEqual([
      { kind: 'subscribe', label: 'Suscribir: Centroamérica', command: 'suscribir central-america' },
    ]);
    // Mesoamerica (Central America and Mexico) is the larger region once Mexico comes too
    const third = await commands.run('suscribir México', ctx);
    expect(third.paragraphs).toContain('Son todos los países de Mesoamérica: ¿suscribir Mesoamérica?');
  });
});

describe('the subscribe keyboard', () => {
  it('offers every country of the region, those with news first with their count, the rest by name', async () => {
    const { commands } = await makeCore();
    const ctx = fresh();
    const labels: string[] = [];
    const codes: string[] = [];
    let offset = 0;
    for (let page = 0; page < 20; page++) {
      const r = await commands.run('subscribe', ctx, offset);
      const subs = r.actions!.filter((a) => a.kind === 'subscribe');
      expect(subs.length).toBeLessThanOrEqual(8);
      labels.push(...subs.map((a) => a.label));
      codes.push(...subs.map((a) => a.command.split(' ')[1]));
      const more = r.actions!.find((a) => a.kind === 'more');
      if (!more) break;
      offset = more.offset!;
    }
    expect(labels[0]).toBe('Mexico (3)');
    for (const region of ['central-america', 'north-america', 'caribbean'])
      for (const code of regionCountries(region)) expect(codes, code).toContain(code);
    // countries with news outside the region are offered too (the sample names Venezuela)
    expect(codes).toContain('VE');
    expect(new Set(codes).size).toBe(codes.length);
    const withoutNews = labels.filter((l) => !/\(\d+\)$/.test(l));
    expect(withoutNews).toEqual([...withoutNews].sort((a, b) => a.localeCompare(b, 'en')));
    expect(withoutNews).toContain('Belize');
  });

  it('with no news yet, still offers the region, in the chat’s language', async () => {
    const { commands } = await makeCore({ sample: false });
    const r = await commands.run('suscribir', fresh());
    expect(r.paragraphs).toEqual([
      'Elija un país para suscribir este chat, o escriba suscribir <país>[, ...].',
    ]);
    expect(r.actions?.[0]).toEqual({ kind: 'subscribe', label: 'Anguila', command: 'suscribir AI' });
  });
});
