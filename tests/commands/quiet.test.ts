/** quiet on|off through the command service, in English and Spanish: set, shown alone, refused when not allowed. */
import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/ports.js';
import { replyToText } from '../../src/reply.js';
import { makeCore, NOW } from '../helpers/core.js';

let n = 0;
const fresh = (extra: Partial<CommandContext> = {}): CommandContext => ({
  address: { platform: 'console', chatId: `q${++n}` },
  canManage: true,
  now: NOW,
  ...extra,
});

describe('quiet', () => {
  it('quiet on and off, quiet alone shows the setting, subscriptions says it', async () => {
    const { commands, store } = await makeCore({ sample: false });
    const ctx = fresh();
    const key = `console:${ctx.address.chatId}`;
    expect((await commands.run('quiet', ctx)).paragraphs).toEqual([
      'Digests to this chat arrive with the usual notification (quiet off).',
      'To change it: quiet on or quiet off.',
    ]);
    await commands.run('subscribe Honduras', ctx);
    expect((await commands.run('quiet on', ctx)).paragraphs).toEqual([
      'Digests to this chat now arrive silently, without a notification sound.',
    ]);
    expect((await store.chat(key))?.quiet).toBe(true);
    expect((await commands.run('quiet', ctx)).paragraphs?.[0]).toBe(
      'Digests to this chat arrive silently, without a notification sound (quiet on).',
    );
    expect((await commands.run('subscriptions', ctx)).paragraphs).toContain(
      'Digests to this chat arrive silently, without a notification sound (quiet on).',
    );
    await commands.run('quiet OFF', ctx);
    expect((await store.chat(key))?.quiet).toBeUndefined();
  });

  it('in Spanish: silencio sí / no', async () => {
    const { commands, store } = await makeCore({ sample: false });
    const ctx = fresh();
    await commands.run('suscribir Honduras', ctx);
    expect((await commands.run('silencio sí', ctx)).paragraphs).toEqual([
      'Los resúmenes de este chat ahora llegan en silencio, sin sonido de notificación.',
    ]);
    expect((await store.chat(`console:${ctx.address.chatId}`))?.quiet).toBe(true);
    expect(replyToText(await commands.run('silencio', ctx))).toBe(
      'Los resúmenes de este chat llegan en silencio, sin sonido de notificación (silencio si).\n\nPara cambiarlo: silencio si o silencio no.',
    );
    expect((await commands.run('silencio no', ctx)).paragraphs).toEqual([
      'Los resúmenes de este chat ahora llegan con la notificación de siempre.',
    ]);
  });

  it('what is neither on nor off gets the usage; only those allowed may change it, anyone may look', async () => {
    const { commands, store } = await makeCore({ sample: false });
    const ctx = fresh();
    const bad = await commands.run('quiet please', ctx);
    expect(bad.kind).toBe('error');
    expect(replyToText(bad)).toMatch(/^"please" is neither on nor off\.\n\nUsage: quiet on \| quiet off/);
    expect(replyToText(await commands.run('silencio tal vez', fresh()))).toMatch(
      /^«tal vez» no es ni si ni no\.\n\nUso: silencio si \| silencio no/,
    );
    const member = { ...ctx, canManage: false };
    expect((await commands.run('quiet on', member)).paragraphs?.[0]).toMatch(
      /^Only this chat's administrators/,
    );
    expect((await store.chat(`console:${ctx.address.chatId}`))?.quiet).toBeUndefined();
    expect((await commands.run('quiet', member)).kind).toBe('info');
    expect(commands.describe('quiet').changesChat).toBe(false);
    expect(commands.describe('quiet on').changesChat).toBe(true);
  });
});
