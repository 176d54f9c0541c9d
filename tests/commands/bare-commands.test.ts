/**
 * Numbers past the most, and settings commands typed alone, through the command service (the
 * console path), in English and Spanish.
 */
import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/commands/context.js';
import { describeCommand } from '../../src/commands/service.js';
import { replyToText } from '../../src/reply.js';
import { jsonl, makeCore, NOW } from '../helpers/core.js';

let n = 0;
const fresh = (extra: Partial<CommandContext> = {}): CommandContext => ({
  address: { platform: 'console', chatId: `b${++n}` },
  canManage: true,
  now: NOW,
  ...extra,
});

const many = jsonl(
  Array.from({ length: 25 }, (_, i) => ({
    title: `Item ${i + 1} about labour migration`,
    date: `2022-01-${String(i + 1).padStart(2, '0')}`,
  })),
);

describe('latest past the most', () => {
  it('latest 50 shows 20 and says 20 is the most; more pages on from there', async () => {
    const { commands } = await makeCore({ jsonl: many });
    const r = await commands.run('latest 50', fresh());
    expect(r.items).toHaveLength(20);
    expect(r.paragraphs).toEqual(['20 is the most I show at once: here are the latest 20.', '1–20 of 35']);
    const more = r.actions?.find((a) => a.kind === 'more');
    expect(more).toMatchObject({ command: 'latest 50', offset: 20 });
    const next = await commands.run(more!.command, fresh(), more!.offset);
    expect(next.items).toHaveLength(15);
    expect(next.paragraphs).toEqual(['21–35 of 35']);
    const es = await commands.run('ultimas 99999999999999999999', fresh());
    expect(es.items).toHaveLength(20);
    expect(es.paragraphs?.[0]).toBe('Muestro como máximo 20 a la vez: aquí están las 20 más recientes.');
    // up to 20, as asked, with nothing said
    const twenty = await commands.run('latest 20', fresh());
    expect(twenty.items).toHaveLength(20);
    expect(twenty.paragraphs).toEqual(['1–20 of 35']);
  });

  it('what is no count still gets the usage', async () => {
    const { commands } = await makeCore();
    for (const bad of ['0', '-5', 'ten', '2.5']) {
      const r = await commands.run(`latest ${bad}`, fresh());
      expect(r.kind, bad).toBe('error');
      expect(replyToText(r), bad).toMatch(/is not a number from 1 to 20\.[\s\S]*Usage: latest \[n\]/);
    }
  });
});

describe('settings typed alone show the setting and how to change it', () => {
  it('schedule alone: the default, then the chat’s own, with the next digest once subscribed', async () => {
    const { commands } = await makeCore({ sample: false });
    const ctx = fresh();
    expect((await commands.run('schedule', ctx)).paragraphs).toEqual([
      'Every Monday at 09:00 (America/Costa_Rica).',
      'This chat has no subscriptions. Try: subscribe Honduras',
      'To change when it goes out: schedule <day or daily> <time> [zone], for example schedule friday 8am San Salvador.',
      "Or pick one of these, in this chat's zone (America/Costa_Rica):",
    ]);
    await commands.run('subscribe Honduras', ctx);
    await commands.run('schedule daily 8pm EST', ctx);
    expect((await commands.run('schedule', ctx)).paragraphs?.slice(0, 2)).toEqual([
      'Every day at 20:00 (America/New_York).',
      'Next digest: Saturday, 28 November 2026 at 20:00 (America/New_York).',
    ]);
    const es = fresh();
    await commands.run('horario viernes 7:30 UTC-6', es);
    expect(replyToText(await commands.run('horario', es))).toBe(
      [
        'Cada viernes a las 07:30 (UTC-6).',
        'Este chat no tiene suscripciones. Pruebe: suscribir Honduras',
        'Para cambiar cuándo sale: horario <día o diario> <hora> [zona], por ejemplo horario viernes 8 de la mañana San Salvador.',
        'O elija uno de estos, en la zona de este chat (UTC-6):',
      ].join('\n\n'),
    );
  });

  it('language alone: the chat’s language and how to change it', async () => {
    const { commands } = await makeCore({ sample: false });
    expect((await commands.run('language', fresh())).paragraphs).toEqual([
      'Replies and digests in English.',
      'To change it: language es (respuestas en español) or language en.',
    ]);
    expect((await commands.run('idioma', fresh())).paragraphs).toEqual([
      'Respuestas y resúmenes en español.',
      'Para cambiarlo: idioma en (replies in English) o idioma es.',
    ]);
    const ctx = fresh();
    await commands.run('idioma es', ctx);
    expect((await commands.run('language', ctx)).paragraphs?.[0]).toBe('Respuestas y resúmenes en español.');
  });

  it('showing changes nothing, so anyone may ask; changing still needs the chat’s administrators', async () => {
    const { commands, store } = await makeCore({ sample: false });
    const member = fresh({ canManage: false });
    expect(replyToText(await commands.run('schedule', member))).toMatch(/^Every Monday at 09:00/);
    expect(replyToText(await commands.run('language', member))).toMatch(/^Replies and digests in English/);
    expect(replyToText(await commands.run('schedule friday 8am', member))).toMatch(
      /Only this chat's administrators/,
    );
    expect(replyToText(await commands.run('idioma en', member))).toMatch(/Solo los administradores/);
    expect(await store.chat(`console:${member.address.chatId}`)).toBeUndefined();
    // what adapters are told before running a line
    expect(describeCommand('schedule').changesChat).toBe(false);
    expect(describeCommand('/idioma').changesChat).toBe(false);
    expect(describeCommand('schedule friday 8am').changesChat).toBe(true);
    expect(describeCommand('language es').changesChat).toBe(true);
  });
});

describe('digest before any digest went out', () => {
  it('says no digest has gone out yet; after one has, nothing new since the last digest', async () => {
    const { commands, store } = await makeCore();
    const ctx = fresh();
    await commands.run('subscribe Honduras', ctx);
    expect((await commands.run('digest', ctx)).paragraphs?.[0]).toBe(
      'No digest has gone out yet, and nothing new has arrived since this chat subscribed: no digest would go out now.',
    );
    expect((await commands.run('resumen', fresh())).paragraphs?.[0]).toBe(
      'Este chat no tiene suscripciones, así que no recibe resúmenes. Pruebe: suscribir Honduras',
    );
    const es = fresh();
    await commands.run('suscribir Honduras', es);
    expect((await commands.run('resumen', es)).paragraphs?.[0]).toBe(
      'Todavía no ha salido ningún resumen, y no ha llegado nada nuevo desde que este chat se suscribió: ahora no saldría ningún resumen.',
    );
    const key = `console:${ctx.address.chatId}`;
    await store.saveDelivery({
      id: `${key}@2026-11-30`,
      chatKey: key,
      dueAt: '2026-11-30T15:00:00.000Z',
      fromSeq: 0,
      toSeq: 10,
      itemIds: [],
      more: 0,
      sent: [],
      state: 'empty',
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
    });
    expect((await commands.run('digest', ctx)).paragraphs?.[0]).toBe(
      'Nothing new since the last digest: no digest would go out now.',
    );
  });
});
