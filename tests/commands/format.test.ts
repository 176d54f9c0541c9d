/** `format compact|full` through the command service (the console path), in English and Spanish. */
import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/commands/context.js';
import { replyToText } from '../../src/reply.js';
import { jsonl, makeCore, NOW } from '../helpers/core.js';

let n = 0;
const fresh = (extra: Partial<CommandContext> = {}): CommandContext => ({
  address: { platform: 'console', chatId: `f${++n}` },
  canManage: true,
  now: NOW,
  ...extra,
});
const later = new Date(NOW.getTime() + 3_600_000);
const news = jsonl([
  { title: 'Honduras opens a job centre for returnees', summary: 'The centre in San Pedro Sula helps.' },
]);

describe('format', () => {
  it('compact by default; full adds the summaries to the digest; subscriptions says which', async () => {
    const core = await makeCore();
    const ctx = fresh();
    await core.commands.run('subscribe Honduras', ctx);
    await core.news.ingestBody(news, 'fresh.jsonl', later, { format: 'jsonl' });
    const compact = await core.commands.run('digest', { ...ctx, now: later });
    expect(compact.layout).toBe('compact');
    expect(replyToText(compact)).not.toContain('The centre in San Pedro Sula helps.');
    expect(replyToText(await core.commands.run('subscriptions', ctx))).toContain(
      "This chat's digests are compact: one line an item (format compact).",
    );
    expect(replyToText(await core.commands.run('format full', ctx))).toBe(
      "This chat's digests now come in full: each item with its summary.",
    );
    const full = await core.commands.run('digest', { ...ctx, now: later });
    expect(full.layout).toBe('full');
    expect(replyToText(full)).toContain('The centre in San Pedro Sula helps.');
    expect(replyToText(await core.commands.run('subscriptions', ctx))).toContain('(format full)');
    expect(replyToText(await core.commands.run('format', ctx))).toBe(
      "This chat's digests are full: each item with its summary (format full).\n\nTo change it: format compact or format full.",
    );
    await core.commands.run('format compact', ctx);
    expect((await core.store.chat('console:' + ctx.address.chatId))?.format).toBeUndefined();
  });

  it('in Spanish: formato completo|compacto, and alone the current one', async () => {
    const { commands } = await makeCore();
    const ctx = fresh();
    await commands.run('idioma es', ctx);
    expect(replyToText(await commands.run('formato completo', ctx))).toBe(
      'Los resúmenes de este chat ahora llegan completos: cada noticia con su resumen.',
    );
    expect(replyToText(await commands.run('formato', ctx))).toMatch(
      /^Los resúmenes de este chat son completos/,
    );
    expect(replyToText(await commands.run('formato compacto', ctx))).toMatch(/llegan compactos/);
  });

  it('bad input gets the usage in the chat language; nothing changes', async () => {
    const { commands, store } = await makeCore();
    const ctx = fresh();
    const en = replyToText(await commands.run('format tiny', ctx));
    expect(en).toMatch(/^"tiny" is not a format: say compact or full\./);
    expect(en).toContain('Usage: format compact | format full');
    const es = replyToText(await commands.run('formato enorme', ctx));
    expect(es).toMatch(/^«enorme» no es un formato: diga compacto o completo\./);
    expect(es).toContain('formato compacto | formato completo');
    expect((await store.chat('console:' + ctx.address.chatId))?.format).toBeUndefined();
  });

  it('only those who may change the chat change it; anyone may ask which it is', async () => {
    const { commands, store } = await makeCore();
    const ctx = fresh({ canManage: false });
    expect(replyToText(await commands.run('format full', ctx))).toMatch(/^Only this chat's administrators/);
    expect((await store.chat('console:' + ctx.address.chatId))?.format).toBeUndefined();
    expect(replyToText(await commands.run('format', ctx))).toMatch(/are compact/);
  });

  it('is in the help, in both languages', async () => {
    const { commands } = await makeCore();
    expect(replyToText(await commands.run('help', fresh()))).toContain('format compact | format full');
    expect(replyToText(await commands.run('ayuda', fresh()))).toContain(
      'formato compacto | formato completo',
    );
  });
});
