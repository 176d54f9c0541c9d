/**
 * Topic filters through the command service, in English and Spanish: subscribe … topic …,
 * topics, subscriptions, unsubscribe topic …, unknown topics; and the digest selecting only the
 * items with the chat's topics (src/digest/compose.ts).
 */
import { describe, expect, it } from 'vitest';
import { sendDueDigests } from '../../src/digest/deliver.js';
import type { CommandContext, Notifier } from '../../src/ports.js';
import { replyToText, type Reply } from '../../src/reply.js';
import { DEFAULT_SCHEDULE, jsonl, makeCore, NOW } from '../helpers/core.js';
import { silentLog } from '../helpers/logs.js';

let n = 0;
const fresh = (): CommandContext => ({
  address: { platform: 'console', chatId: `t${++n}` },
  canManage: true,
  now: NOW,
});
const keyOf = (ctx: CommandContext) => `console:${ctx.address.chatId}`;

describe('topic filters', () => {
  it('subscribe … topic …, subscriptions, topics and unsubscribe topic, in English', async () => {
    const { commands, store } = await makeCore();
    const ctx = fresh();
    const r = await commands.run('subscribe Honduras topic remittances, trafficking', ctx);
    expect(r.paragraphs?.[0]).toMatch(/^This chat is now subscribed to Honduras\./);
    expect(r.paragraphs?.[1]).toBe(
      "This chat's digests hold only items about remittances and trafficking and smuggling.",
    );
    expect(await store.chat(keyOf(ctx))).toMatchObject({
      places: [{ code: 'HN' }],
      topics: ['remittances', 'trafficking'],
    });
    expect((await commands.run('subscriptions', ctx)).paragraphs).toContain(
      "This chat's digests hold only items about remittances and trafficking and smuggling.",
    );
    const list = await commands.run('topics', ctx);
    expect(list.heading).toBe('Topics');
    expect(list.paragraphs?.[0].split('\n')).toHaveLength(8);
    for (const name of ['ethical recruitment', 'labour rights', 'remittances', 'return and reintegration'])
      expect(list.paragraphs?.[0]).toContain(`• ${name}`);
    expect(list.paragraphs?.[1]).toBe(
      "This chat's digests hold only items about remittances and trafficking and smuggling.",
    );
    expect(commands.describe('topics').changesChat).toBe(false);

    const removed = await commands.run('unsubscribe topic trafficking', ctx);
    expect(removed.paragraphs).toEqual([
      'Removed: trafficking and smuggling.',
      "This chat's digests hold only items about remittances.",
    ]);
    await commands.run('unsubscribe topic remittances', ctx);
    expect((await store.chat(keyOf(ctx)))?.topics).toBeUndefined();
    expect((await store.chat(keyOf(ctx)))?.places.map((p) => p.code)).toEqual(['HN']);
    // a topic added to a chat already subscribed
    const added = await commands.run('subscribe topic labour rights', ctx);
    expect(added.paragraphs?.[0]).toBe("This chat's digests hold only items about labour rights.");
  });

  it('in Spanish: suscribir … tema remesas, temas, cancelar tema', async () => {
    const { commands, store } = await makeCore();
    const ctx = fresh();
    const r = await commands.run('suscribir Honduras tema remesas y trata de personas', ctx);
    expect(r.paragraphs?.[1]).toBe(
      'Los resúmenes de este chat traen solo noticias sobre remesas y trata y tráfico de personas.',
    );
    expect((await store.chat(keyOf(ctx)))?.topics).toEqual(['remittances', 'trafficking']);
    const list = await commands.run('temas', ctx);
    expect(list.heading).toBe('Temas');
    expect(list.paragraphs?.[0]).toContain('• remesas');
    expect(list.paragraphs?.[0]).toContain('• reclutamiento ético');
    expect((await commands.run('cancelar tema remesas', ctx)).paragraphs?.[0]).toBe('Quitado: remesas.');
  });

  it('an unknown topic: the closest and every topic, with the usage; nothing saved', async () => {
    const { commands, store } = await makeCore();
    const ctx = fresh();
    const r = await commands.run('subscribe Honduras topic remitances', ctx);
    expect(r.kind).toBe('error');
    expect(replyToText(r)).toMatch(
      /^I don't know the topic "remitances"\.\n\nDid you mean remittances\?\n\nThe topics are ethical recruitment, .*\n\nUsage: subscribe <country>\[, \.\.\.\] \[topic <topic>\[, \.\.\.\]\]/,
    );
    expect(await store.chat(keyOf(ctx))).toBeUndefined();
    const es = await commands.run('suscribir Honduras tema remezas', fresh());
    expect(replyToText(es)).toMatch(/^No conozco el tema «remezas»\.\n\n¿Quiso decir remesas\?/);
    expect(replyToText(await commands.run('subscribe topic remittances', fresh()))).toMatch(
      /^A topic limits what the countries of a subscription bring: name a country too/,
    );
  });

  it("the digest holds only the items with the chat's topics; a chat without topics gets them all", async () => {
    const core = await makeCore({ sample: false });
    const { commands } = core;
    const limited = fresh();
    const all = fresh();
    await commands.run('subscribe Honduras topic remittances', limited);
    await commands.run('subscribe Honduras', all);
    await core.news.ingestBody(
      jsonl([
        { title: 'Remittances to Honduras reach a record', date: '2026-11-28' },
        { title: 'Human trafficking network dismantled in Honduras', date: '2026-11-28' },
        { title: 'Honduras opens a new consulate in Houston', date: '2026-11-28' },
      ]),
      't.jsonl',
      new Date('2026-11-28T06:00:00Z'),
      { format: 'jsonl' },
    );
    const sent = new Map<string, Reply>();
    const notifier: Notifier = {
      platform: 'console',
      async send(to, reply, opts) {
        sent.set(to.chatId, reply);
        await opts?.onAttempt?.(0);
        await opts?.onPart?.(0, to.chatId, 1);
        return { messageIds: [to.chatId] };
      },
    };
    await sendDueDigests(
      {
        store: core.store,
        notifiers: new Map([['console' as const, notifier]]),
        defaultSchedule: DEFAULT_SCHEDULE,
        log: silentLog(),
      },
      new Date('2026-11-30T15:01:00Z'),
    );
    expect(sent.get(limited.address.chatId)?.items?.map((i) => i.title)).toEqual([
      'Remittances to Honduras reach a record',
    ]);
    expect(sent.get(all.address.chatId)?.items).toHaveLength(3);
  });
});
