import { describe, expect, it } from 'vitest';
import { sendDueDigests } from '../../src/digest/deliver.js';
import { pauseReason } from '../../src/i18n/index.js';
import {
  DeliveryError,
  type ChatAddress,
  type Delivery,
  type Notifier,
  type Platform,
  type SendOptions,
} from '../../src/ports.js';
import { replyToText, type Reply } from '../../src/reply.js';
import { DEFAULT_SCHEDULE, jsonl, makeCore } from '../helpers/core.js';
import { allItems } from '../helpers/stores.js';
import { silentLog } from '../helpers/logs.js';

/**
 * A Notifier of our own port that records what it is given and fails on cue: the delivery
 * logic's partner here. The platforms' own notifiers meet the same rules against their fake
 * APIs in tests/contract and tests/telegram, tests/slack.
 */
function recorder() {
  const sent: { to: string; reply: Reply; text: string }[] = [];
  /** what the ledger said of the chat's digest as each message left */
  const ledgerAtSend: (Delivery | undefined)[] = [];
  let ledger: (() => Promise<readonly Delivery[]>) | undefined;
  const faults = new Map<string, DeliveryError[]>();
  let parts = 1;
  let onFirstSend: (() => Promise<unknown>) | undefined;
  const notifier: Notifier = {
    platform: 'telegram',
    async send(to: ChatAddress, reply: Reply, opts?: SendOptions) {
      const hook = onFirstSend;
      onFirstSend = undefined;
      await hook?.();
      const f = faults.get(to.chatId)?.shift();
      if (f) throw f;
      const ids: string[] = [];
      for (let i = opts?.fromPart ?? 0; i < parts; i++) {
        await opts?.onAttempt?.(i);
        ledgerAtSend.push(
          (await ledger?.())?.find((d) => d.chatKey === `telegram:${to.chatId}` && d.state === 'pending'),
        );
        const id = `${to.chatId}-${sent.length}`;
        sent.push({ to: to.chatId, reply, text: `${replyToText(reply)} [part ${i + 1}/${parts}]` });
        ids.push(id);
        await opts?.onPart?.(i, id, parts);
      }
      return { messageIds: ids };
    },
  };
  return {
    notifier,
    sent,
    fail: (chatId: string, ...errs: DeliveryError[]) => faults.set(chatId, errs),
    setParts: (n: number) => (parts = n),
    ledgerAtSend,
    watch: (deliveries: () => Promise<readonly Delivery[]>) => (ledger = deliveries),
    duringFirstSend: (f: () => Promise<unknown>) => (onFirstSend = f),
  };
}

const log = silentLog();
const tg = (chatId: string) => ({ address: { platform: 'telegram' as const, chatId }, canManage: true });

async function setup() {
  const subscribedAt = new Date('2026-11-20T12:00:00Z');
  const core = await makeCore({ now: subscribedAt });
  const r = recorder();
  r.watch(() => core.store.deliveries());
  const notifiers = new Map<Platform, Notifier>([['telegram', r.notifier]]);
  const run = (iso: string) =>
    sendDueDigests({ store: core.store, notifiers, defaultSchedule: DEFAULT_SCHEDULE, log }, new Date(iso));
  const add = (items: Parameters<typeof jsonl>[0], at = '2026-11-25T00:00:00Z') =>
    core.news.ingestBody(jsonl(items), 'later', new Date(at));
  const subscribe = (chatId: string, text: string) =>
    core.commands.run(text, { ...tg(chatId), now: subscribedAt });
  return { core, r, run, add, subscribe };
}

// Monday 30 November 2026, 09:00 in Costa Rica
const MONDAY = '2026-11-30T15:00:10Z';
const NEXT_MONDAY = '2026-12-07T15:00:10Z';

describe('weekly digests', () => {
  it('an item that arrives while a run is sending comes in the next digest of every chat, once', async () => {
    const { r, run, add, subscribe } = await setup();
    const chats = Array.from({ length: 40 }, (_, i) => String(100 + i));
    for (const id of chats) await subscribe(id, 'subscribe Honduras');
    await add([{ title: 'Honduras signs a mobility agreement', date: '2026-11-24' }]);
    r.duringFirstSend(() =>
      add([{ title: 'Honduran nurses arrive in Canada', date: '2026-11-30' }], '2026-11-30T15:00:20Z'),
    );
    expect(await run(MONDAY)).toMatchObject({ due: 40, sent: 40 });
    await run(NEXT_MONDAY);
    for (const id of chats) {
      const got = r.sent.filter((s) => s.to === id).map((s) => s.reply.items?.map((i) => i.title));
      expect(got, id).toEqual([
        ['Honduras signs a mobility agreement'],
        ['Honduran nurses arrive in Canada'],
      ]);
    }
  });

  it('hold only what arrived after subscribing, matching the places, newest first; nothing new sends nothing', async () => {
    const { r, run, add, subscribe } = await setup();
    await subscribe('1', 'subscribe Honduras');
    await subscribe('2', 'subscribe Panama');
    await add([
      { title: 'Honduran nurses recruited for Canada', date: '2026-11-22' },
      { title: 'Tegucigalpa job fair for returnees', date: '2026-11-24' },
      { title: 'Guatemala opens a labour office', date: '2026-11-24' },
    ]);
    const report = await run(MONDAY);
    expect(report).toMatchObject({ due: 2, sent: 1, empty: 1 });
    expect(r.sent.map((s) => s.to)).toEqual(['1']);
    expect(r.sent[0].reply.items?.map((i) => i.title)).toEqual([
      'Tegucigalpa job fair for returnees',
      'Honduran nurses recruited for Canada',
    ]);
    expect(r.sent[0].text).toMatch(/Weekly digest: Honduras[\s\S]*2 new items/);
    expect((await run(MONDAY)).due).toBe(0);
  });

  it('send an item published long ago but first seen this week, once', async () => {
    const { r, run, add, subscribe } = await setup();
    await subscribe('1', 'subscribe HN');
    await run(MONDAY);
    await add(
      [{ title: 'Report on Honduran seasonal workers, 2019', date: '2019-05-01' }],
      '2026-12-01T00:00:00Z',
    );
    await run(NEXT_MONDAY);
    expect(r.sent.map((s) => s.reply.items?.map((i) => i.title))).toEqual([
      ['Report on Honduran seasonal workers, 2019'],
    ]);
    await run('2026-12-14T15:00:10Z');
    expect(r.sent).toHaveLength(1);
  });

  it('show at most 20 and point at the command that shows the rest of that digest', async () => {
    const { core, r, run, add, subscribe } = await setup();
    await subscribe('1', 'subscribe Mexico');
    await add(
      Array.from({ length: 23 }, (_, i) => ({
        title: `Mexican employers meeting number ${i + 1}`,
        date: `2026-11-${String(i + 1).padStart(2, '0')}`,
      })),
    );
    await run(MONDAY);
    const reply = r.sent[0].reply;
    expect(reply.items).toHaveLength(20);
    const [, command] = /^And 3 more: (digest \d+-\d+)$/.exec(reply.footer?.[0] ?? '') ?? [];
    expect(replyToText(reply)).toMatch(/23 new items/);
    const rest = await core.commands.run(command, { ...tg('1'), now: new Date(MONDAY) });
    // newest first: the three oldest are the ones left out
    expect(rest.items?.map((i) => i.title)).toEqual(
      [3, 2, 1].map((n) => `Mexican employers meeting number ${n}`),
    );
    expect(rest.paragraphs).toEqual(['21–23 of 23']);
  });

  it('come in the language the chat chose', async () => {
    const { r, run, add, subscribe } = await setup();
    await subscribe('1', 'suscribir Honduras');
    await add([{ title: 'Nuevo centro para hondureños retornados', date: '2026-11-24' }]);
    await run(MONDAY);
    expect(r.sent[0].text).toMatch(/Resumen semanal: Honduras[\s\S]*1 noticia nueva/);
  });

  it('pause a chat the platform says is gone, say why, and resume on subscribe', async () => {
    const { core, r, run, add, subscribe } = await setup();
    await subscribe('1', 'subscribe HN');
    await subscribe('2', 'subscribe HN');
    await add([{ title: 'Honduras signs a mobility agreement', date: '2026-11-24' }]);
    r.fail(
      '1',
      new DeliveryError('chat_unreachable', 'Forbidden: bot was blocked by the user', {
        pause: 'bot_blocked',
      }),
    );
    const report = await run(MONDAY);
    expect(report).toMatchObject({ sent: 1, paused: 1 });
    expect(r.sent.map((s) => s.to)).toEqual(['2']);
    const subs = replyToText(await core.commands.run('subscriptions', tg('1')));
    expect(subs).toMatch(/Paused since 2026-11-30: the bot was blocked in this chat\. /);
    expect(subs).not.toMatch(/Next digest/);
    // in the chat's language; a reason the catalogs do not know is shown as the platform gave it
    await core.commands.run('language es', tg('1'));
    expect(replyToText(await core.commands.run('subscriptions', tg('1')))).toMatch(
      /En pausa desde 2026-11-30: el bot fue bloqueado en este chat\. /,
    );
    await core.commands.run('language en', tg('1'));
    // an older store's words, kept as they were; the core's catch-all with the platform's detail
    expect(pauseReason('en', 'Forbidden: something new')).toBe('Forbidden: something new');
    expect(pauseReason('en', 'unreachable', 'restricted_action')).toBe(
      'the platform refused to deliver here: restricted_action',
    );
    expect(pauseReason('es', 'not_in_channel')).toBe(
      'la aplicación no es miembro de este canal (invítela con /invite)',
    );
    expect((await run(NEXT_MONDAY)).due).toBe(1);
    const resumed = replyToText(
      await core.commands.run('subscribe HN', { ...tg('1'), now: new Date('2026-12-08T00:00:00Z') }),
    );
    expect(resumed).toMatch(/had been paused \(the bot was blocked in this chat\); they are on again/);
    await add([{ title: 'Honduran diaspora forum', date: '2026-12-10' }], '2026-12-10T00:00:00Z');
    await run('2026-12-14T15:00:10Z');
    // the blocked week's item comes too: nothing is lost
    expect(r.sent.filter((s) => s.to === '1').map((s) => s.reply.items?.map((i) => i.title))).toEqual([
      ['Honduran diaspora forum', 'Honduras signs a mobility agreement'],
    ]);
  });

  it('retry a passing failure after a back-off, the others going on meanwhile', async () => {
    const { r, run, add, subscribe } = await setup();
    await subscribe('1', 'subscribe HN');
    await subscribe('2', 'subscribe HN');
    await add([{ title: 'Honduras labour ministry update', date: '2026-11-24' }]);
    r.fail('1', new DeliveryError('unavailable', 'HTTP 502'));
    expect(await run(MONDAY)).toMatchObject({ sent: 1, failed: 1 });
    expect((await run('2026-11-30T15:01:10Z')).due).toBe(0);
    expect(await run('2026-11-30T15:06:10Z')).toMatchObject({ due: 1, sent: 1 });
    expect(r.sent.map((s) => s.to).sort()).toEqual(['1', '2']);
  });

  /** Chat 1 subscribed to Honduras, one item, and Monday's three-part digest cut short as the ledger left it. */
  async function cutShort(left: Pick<Delivery, 'sent' | 'state' | 'attempts'> & Partial<Delivery>) {
    const s = await setup();
    await s.subscribe('1', 'subscribe HN');
    await s.add([{ title: 'Honduras: a long report', date: '2026-11-24' }]);
    s.r.setParts(3);
    const item = (await allItems(s.core.store)).at(-1)!;
    await s.core.store.saveDelivery({
      id: 'telegram:1@2026-11-30T15:00:00.000Z',
      chatKey: 'telegram:1',
      dueAt: '2026-11-30T15:00:00.000Z',
      fromSeq: 0,
      toSeq: item.seq,
      itemIds: [item.id],
      more: 0,
      parts: 3,
      createdAt: MONDAY,
      updatedAt: MONDAY,
      ...left,
    });
    return s;
  }

  it('resume a digest cut short from the ledger, without resending the parts that went', async () => {
    // as a process killed after the first of three messages leaves it
    const { core, r, run } = await cutShort({ sent: ['earlier-1'], state: 'pending', attempts: 1 });
    await run('2026-11-30T15:02:00Z');
    expect(r.sent.map((s) => s.text.match(/part \d\/3/)?.[0])).toEqual(['part 2/3', 'part 3/3']);
    expect((await core.store.deliveries())[0]).toMatchObject({
      state: 'sent',
      sent: ['earlier-1', '1-0', '1-1'],
    });
  });

  it('mark each message attempted before it goes and sent, with its id, once taken', async () => {
    const { core, r, run, add, subscribe } = await setup();
    await subscribe('1', 'subscribe HN');
    await add([{ title: 'Honduras: a long report', date: '2026-11-24' }]);
    r.setParts(3);
    await run(MONDAY);
    expect(r.ledgerAtSend.map((d) => [d?.attempted, d?.sent.length])).toEqual([
      [1, 0],
      [2, 1],
      [3, 2],
    ]);
    expect((await core.store.deliveries())[0]).toMatchObject({
      state: 'sent',
      attempted: 3,
      sent: ['1-0', '1-1', '1-2'],
    });
  });

  it('after a stop with a message in flight, send that one again (it may arrive twice) and say so', async () => {
    // as a process killed while its second message was on its way leaves it
    const { core, r, run } = await cutShort({
      sent: ['earlier-1'],
      attempted: 2,
      state: 'pending',
      attempts: 1,
    });
    const report = await run('2026-11-30T15:02:00Z');
    expect(report).toMatchObject({ sent: 1, resent: 1 });
    expect(r.sent.map((s) => s.text.match(/part \d\/3/)?.[0])).toEqual(['part 2/3', 'part 3/3']);
    expect((await core.store.deliveries())[0]).toMatchObject({
      state: 'sent',
      sent: ['earlier-1', '1-0', '1-1'],
    });
    // one recorded before the stop is not in doubt
    const clean = await cutShort({ sent: ['earlier-1'], attempted: 1, state: 'pending', attempts: 1 });
    expect(await clean.run('2026-11-30T15:02:00Z')).toMatchObject({ sent: 1, resent: 0 });
  });

  it('a digest cut short and still unfinished when the next week comes is finished first, then the new one, nothing sent twice', async () => {
    // two of three messages out, then a 502 that outlasted the week
    const { r, run, add } = await cutShort({
      sent: ['earlier-1', 'earlier-2'],
      state: 'failed',
      error: 'unavailable: HTTP 502',
      attempts: 9,
    });
    await add([{ title: 'Honduran diaspora forum', date: '2026-12-03' }], '2026-12-03T00:00:00Z');
    await run(NEXT_MONDAY);
    await run('2026-12-07T15:01:10Z');
    expect(
      r.sent.map((s) => [s.reply.items?.map((i) => i.title).join(' + '), s.text.match(/part \d\/3/)?.[0]]),
    ).toEqual([
      ['Honduras: a long report', 'part 3/3'],
      ['Honduran diaspora forum', 'part 1/3'],
      ['Honduran diaspora forum', 'part 2/3'],
      ['Honduran diaspora forum', 'part 3/3'],
    ]);
    expect((await run('2026-12-07T15:02:10Z')).due).toBe(0);
  });

  it('catch up once after downtime, with everything missed', async () => {
    const { r, run, add, subscribe } = await setup();
    await subscribe('1', 'subscribe HN');
    await add([{ title: 'Honduras week one', date: '2026-11-24' }]);
    await add([{ title: 'Honduras week two', date: '2026-12-03' }], '2026-12-03T00:00:00Z');
    await run('2026-12-16T10:00:00Z');
    await run('2026-12-16T10:01:00Z');
    expect(r.sent).toHaveLength(1);
    expect(r.sent[0].reply.items?.map((i) => i.title)).toEqual(['Honduras week two', 'Honduras week one']);
  });

  it('follow a group that became a supergroup', async () => {
    const { core, r, run, add, subscribe } = await setup();
    await subscribe('-100', 'subscribe HN');
    await add([{ title: 'Honduras migration news', date: '2026-11-24' }]);
    r.fail(
      '-100',
      new DeliveryError('chat_migrated', 'group chat was upgraded to a supergroup chat', {
        migratedTo: '-1009999',
      }),
    );
    await run(MONDAY);
    expect(r.sent.map((s) => s.to)).toEqual(['-1009999']);
    expect(await core.store.chat('telegram:-100')).toBeUndefined();
    expect((await core.store.chat('telegram:-1009999'))?.places.map((p) => p.code)).toEqual(['HN']);
    expect((await run('2026-11-30T15:10:00Z')).due).toBe(0);
  });
});
