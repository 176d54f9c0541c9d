/**
 * pause and resume through the command service (the console path), in English and Spanish:
 * countries and schedule kept, no digest while paused, the missed digest at once on resume
 * with what arrived meanwhile; a pause by the person kept apart from the platform's.
 */
import { describe, expect, it } from 'vitest';
import { sendDueDigests } from '../../src/digest/deliver.js';
import type { ChatAddress, CommandContext, Notifier } from '../../src/ports.js';
import { replyToText, type Reply } from '../../src/reply.js';
import { DEFAULT_SCHEDULE, jsonl, makeCore, NOW } from '../helpers/core.js';
import { silentLog } from '../helpers/logs.js';

let n = 0;
const at = (iso: string) => new Date(iso);
const chatIn = () => ({ platform: 'console' as const, chatId: `p${++n}` });
const ctxOf = (address: ChatAddress, now: Date, extra: Partial<CommandContext> = {}): CommandContext => ({
  address,
  canManage: true,
  now,
  ...extra,
});

/** A notifier of the core's own port that keeps what it is given (the platforms' meet the fakes elsewhere). */
function recorder() {
  const sent: { to: string; reply: Reply }[] = [];
  const notifier: Notifier = {
    platform: 'console',
    async send(to, reply, opts) {
      sent.push({ to: to.chatId, reply });
      await opts?.onAttempt?.(0);
      await opts?.onPart?.(0, `m${sent.length}`, 1);
      return { messageIds: [`m${sent.length}`] };
    },
  };
  return { notifier, sent };
}

const honduras = (title: string, date: string) => jsonl([{ title: `${title} in Honduras`, date }]);

describe('pause and resume', () => {
  it('pause keeps countries and schedule, stops digests; resume sends the missed one at once with what came meanwhile', async () => {
    const core = await makeCore();
    const { commands, store } = core;
    const rec = recorder();
    const deps = {
      store,
      notifiers: new Map([['console' as const, rec.notifier]]),
      defaultSchedule: DEFAULT_SCHEDULE,
      log: silentLog(),
    };
    const address = chatIn();
    await commands.run('subscribe Honduras, Guatemala', ctxOf(address, NOW));
    await commands.run('schedule monday 09:00', ctxOf(address, NOW));
    await core.news.ingestBody(
      honduras('Farm workers return', '2026-11-28'),
      't.jsonl',
      at('2026-11-28T06:00:00Z'),
      {
        format: 'jsonl',
      },
    );

    const paused = await commands.run('pause', ctxOf(address, at('2026-11-29T12:00:00Z')));
    expect(replyToText(paused)).toBe(
      [
        'Digests to this chat are paused. Its countries (Honduras and Guatemala) and its schedule (every Monday at 09:00, America/Costa_Rica) are kept.',
        'Type resume to turn them on again: what arrives meanwhile is not lost.',
      ].join('\n\n'),
    );
    expect(paused.actions).toEqual([{ kind: 'command', label: 'Resume', command: 'resume' }]);
    const chat = await store.chat(`console:${address.chatId}`);
    expect(chat).toMatchObject({ state: 'paused', pausedReason: 'by_user', schedule: { weekday: 1 } });
    expect(chat?.places.map((p) => p.code)).toEqual(['HN', 'GT']);

    const subs = await commands.run('subscriptions', ctxOf(address, at('2026-11-29T12:00:00Z')));
    expect(subs.paragraphs).toContain(
      'Paused since 2026-11-29 (pause). Type resume to turn digests on again.',
    );
    expect(subs.actions?.[0]).toEqual({ kind: 'command', label: 'Resume', command: 'resume' });
    // paused again: said so, nothing changes
    const again = await commands.run('pause', ctxOf(address, at('2026-11-29T13:00:00Z')));
    expect(again.paragraphs?.[0]).toBe('Digests to this chat have been paused since 2026-11-29.');

    // Monday's digest time passes while paused: nothing goes out
    expect(await sendDueDigests(deps, at('2026-11-30T15:01:00Z'))).toMatchObject({ due: 0 });
    expect(rec.sent).toHaveLength(0);
    await core.news.ingestBody(
      honduras('Remittances grow', '2026-12-01'),
      't.jsonl',
      at('2026-12-01T10:00:00Z'),
      { format: 'jsonl' },
    );

    const resumed = await commands.run('resume', ctxOf(address, at('2026-12-02T10:00:00Z')));
    expect(replyToText(resumed)).toBe(
      [
        'Digests to this chat are on again.',
        'A digest was due while they were paused: it goes out now (within a minute), then on the usual day.',
        'It holds what arrived since the last digest, paused time included: 2 new items so far.',
      ].join('\n\n'),
    );
    expect(resumed.actions).toEqual([{ kind: 'command', label: 'Pause', command: 'pause' }]);
    expect(await sendDueDigests(deps, at('2026-12-02T10:01:00Z'))).toMatchObject({ sent: 1 });
    expect(rec.sent[0].reply.items?.map((i) => i.title)).toEqual([
      'Remittances grow in Honduras',
      'Farm workers return in Honduras',
    ]);

    // a short pause that misses no digest time: the next one on its usual day
    await commands.run('pause', ctxOf(address, at('2026-12-02T11:00:00Z')));
    const back = await commands.run('resume', ctxOf(address, at('2026-12-03T11:00:00Z')));
    expect(back.paragraphs?.slice(1)).toEqual([
      'Next digest: Monday, 7 December 2026 at 09:00 (America/Costa_Rica).',
      'Nothing new has arrived since the last digest yet.',
    ]);
    expect(await sendDueDigests(deps, at('2026-12-03T11:01:00Z'))).toMatchObject({ due: 0 });
  });

  it('in Spanish: pausar, suscripciones, reanudar', async () => {
    const { commands } = await makeCore();
    const address = chatIn();
    await commands.run('suscribir Honduras', ctxOf(address, NOW));
    const r = await commands.run('pausar', ctxOf(address, NOW));
    expect(replyToText(r)).toBe(
      [
        'Los resúmenes a este chat están en pausa. Se conservan sus países (Honduras) y su horario (cada lunes a las 09:00, America/Costa_Rica).',
        'Escriba reanudar para volver a recibirlos: lo que llegue entretanto no se pierde.',
      ].join('\n\n'),
    );
    expect(r.actions).toEqual([{ kind: 'command', label: 'Reanudar', command: 'reanudar' }]);
    expect((await commands.run('suscripciones', ctxOf(address, NOW))).paragraphs).toContain(
      'En pausa desde 2026-11-28 (pausar). Escriba reanudar para volver a recibir los resúmenes.',
    );
    const back = await commands.run('reanudar', ctxOf(address, NOW));
    expect(back.paragraphs).toEqual([
      'Los resúmenes a este chat vuelven a enviarse.',
      'Próximo resumen: lunes, 30 de noviembre de 2026, 09:00 (America/Costa_Rica).',
      'Todavía no ha llegado nada nuevo desde el último resumen.',
    ]);
  });

  it('bad and pointless uses get a clear answer, and change nothing', async () => {
    const { commands, store } = await makeCore();
    const address = chatIn();
    expect((await commands.run('pause', ctxOf(address, NOW))).paragraphs).toEqual([
      'This chat has no subscriptions, so it has no digests to pause. Try: subscribe Honduras',
    ]);
    expect((await commands.run('resume', ctxOf(address, NOW))).paragraphs).toEqual([
      'This chat has no subscriptions. Try: subscribe Honduras',
    ]);
    await commands.run('subscribe Honduras', ctxOf(address, NOW));
    const extra = await commands.run('pause for two weeks', ctxOf(address, NOW));
    expect(extra.kind).toBe('error');
    expect(replyToText(extra)).toMatch(
      /^This command takes nothing after it \("for two weeks"\)\.\n\nUsage: pause/,
    );
    // a chat that has no language yet is answered in the language of the word typed
    const es = await commands.run('reanudar ya', ctxOf(chatIn(), NOW));
    expect(replyToText(es)).toMatch(/^Este comando no lleva nada después \(«ya»\)\.\n\nUso: reanudar/);
    expect((await commands.run('resume', ctxOf(address, NOW))).paragraphs?.[0]).toBe(
      'Digests to this chat are not paused.',
    );
    expect((await store.chat(`console:${address.chatId}`))?.state).toBe('active');
  });

  it('only those who may change the chat may pause or resume it', async () => {
    const { commands, store } = await makeCore();
    const address = chatIn();
    await commands.run('subscribe Honduras', ctxOf(address, NOW));
    const refused = await commands.run('pause', ctxOf(address, NOW, { canManage: false }));
    expect(refused).toMatchObject({
      kind: 'error',
      paragraphs: [expect.stringMatching(/^Only this chat's administrators/)],
    });
    expect((await store.chat(`console:${address.chatId}`))?.state).toBe('active');
    expect(commands.describe('pausar').changesChat).toBe(true);
    expect(commands.describe('resume').changesChat).toBe(true);
  });

  it("a person's pause is kept apart from the platform's: the bot coming back does not end it, subscribe does not either", async () => {
    const core = await makeCore();
    const { commands, store } = core;
    const address = chatIn();
    const key = `console:${address.chatId}`;
    await commands.run('subscribe Honduras', ctxOf(address, NOW));
    await commands.run('pause', ctxOf(address, NOW));
    // the bot removed and added back: the platform's resume leaves the person's pause alone
    await core.services.chats.pause(address, 'bot_removed', NOW);
    expect(await store.chat(key)).toMatchObject({ state: 'paused', pausedReason: 'by_user' });
    expect(await core.services.chats.resume(ctxOf(address, NOW))).toBeUndefined();
    expect((await store.chat(key))?.state).toBe('paused');
    // adding a country keeps the pause and says so
    const sub = await commands.run('subscribe Guatemala', ctxOf(address, NOW));
    expect(sub.paragraphs).toContain('Digests to this chat are paused: type resume to turn them on again.');
    expect(sub.paragraphs?.some((p) => p.startsWith('Next digest'))).toBe(false);
    expect(await store.chat(key)).toMatchObject({ state: 'paused', pausedReason: 'by_user' });

    // a platform's pause is ended by resume too, which says why it had paused
    const other = chatIn();
    await commands.run('subscribe Honduras', ctxOf(other, NOW));
    await core.services.chats.pause(other, 'bot_blocked', NOW);
    expect((await commands.run('subscriptions', ctxOf(other, NOW))).paragraphs).toContain(
      'Paused since 2026-11-28: the bot was blocked in this chat. Once that is fixed, type resume (or subscribe again).',
    );
    const r = await commands.run('resume', ctxOf(other, NOW));
    expect(r.paragraphs?.[0]).toBe(
      'Digests to this chat had been paused (the bot was blocked in this chat); they are on again.',
    );
    // pause over a platform's pause makes it the person's own
    await core.services.chats.pause(other, 'bot_removed', NOW);
    await commands.run('pause', ctxOf(other, NOW));
    expect(await store.chat(`console:${other.chatId}`)).toMatchObject({ pausedReason: 'by_user' });
  });
});
