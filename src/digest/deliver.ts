import type { Logger } from 'pino';
import { moveChat, pauseChat } from '../chats.js';
import type { NewsItem } from '../news/item.js';
import type { SourceLabels } from '../news/source-labels.js';
import {
  chatKey,
  DeliveryError,
  type Delivery,
  type NewsStore,
  type Notifier,
  type Platform,
  type Schedule,
} from '../ports.js';
import {
  composeDigest,
  digestFloor,
  digestPeriodStart,
  digestReply,
  digestWindow,
  lastDelivered,
  lastDeliveredByChat,
  recentByPlace,
  type ItemWindow,
  type RecentByPlace,
} from './compose.js';
import { dueDigests, type DueDigest } from './due.js';

export interface DeliveryDeps {
  store: NewsStore;
  notifiers: ReadonlyMap<Platform, Notifier>;
  defaultSchedule: Schedule;
  log: Logger;
  /** digests under way at once per platform (default: what its notifier asks for, else 16) */
  concurrency?: number;
  /** the sources' names and home pages, for items without a link of their own */
  sourceLabels?: SourceLabels;
  /** asked between digests: true once the service is stopping */
  stopping?: () => boolean;
}

export interface DeliveryReport {
  due: number;
  sent: number;
  empty: number;
  failed: number;
  paused: number;
  skipped: number;
  /**
   * messages sent again because an earlier run stopped between attempting them and recording
   * them: each may have arrived twice. At most K (the notifier's messages in flight) per stop.
   */
  resent: number;
}

/**
 * Delivers every digest due at `now`. Each one is written to the ledger before it is sent, and
 * each message is marked attempted before it goes and sent (with its id) once accepted, so a
 * restart resumes where this left off: nothing is lost, and only the messages attempted and not
 * recorded go again, at most one per chat in flight at the stop (K at most, see the notifiers).
 * Each platform's digests go side by side, as many as its notifier keeps busy; one chat's
 * failure never stops the others.
 */
export async function sendDueDigests(deps: DeliveryDeps, now: Date): Promise<DeliveryReport> {
  const deliveries = await deps.store.deliveries();
  const due = dueDigests(await deps.store.chats(), deliveries, now, deps.defaultSchedule);
  const finished = lastDeliveredByChat(deliveries);
  // The items as they are now: what a poll adds while this run sends belongs to the next digest
  // of every chat, not to the window of those whose turn comes after it.
  const window = await runWindow(deps.store, due, finished);
  const recent = recentByPlace(window.items, 0);
  const report: DeliveryReport = {
    due: due.length,
    sent: 0,
    empty: 0,
    failed: 0,
    paused: 0,
    skipped: 0,
    resent: 0,
  };

  const deliver = async (d: DueDigest) => {
    const outcome = await deliverOne(deps, d, now, {
      window,
      last: finished.get(d.chat.key),
      recent,
      resent: () => report.resent++,
    }).catch((err) => {
      deps.log.error({ err, chat: d.chat.key }, 'digest delivery failed unexpectedly');
      return 'failed' as const;
    });
    report[outcome]++;
  };
  // Each platform at its own pace: a slow one never holds up the other.
  const byPlatform = new Map<Platform, DueDigest[]>();
  for (const d of due) {
    const list = byPlatform.get(d.chat.address.platform);
    if (list) list.push(d);
    else byPlatform.set(d.chat.address.platform, [d]);
  }
  await Promise.all(
    [...byPlatform].map(([platform, list]) => {
      const atOnce = deps.concurrency ?? deps.notifiers.get(platform)?.concurrency ?? 16;
      let next = 0;
      const worker = async () => {
        while (next < list.length && !deps.stopping?.()) await deliver(list[next++]);
      };
      return Promise.all(Array.from({ length: Math.min(atOnce, list.length) }, worker));
    }),
  );
  return report;
}

/** The items after the lowest floor of the chats due, under their places: what every due digest is composed from. */
async function runWindow(
  store: NewsStore,
  due: readonly DueDigest[],
  finished: ReadonlyMap<string, Delivery>,
): Promise<ItemWindow> {
  const toSeq = await store.items.lastSeq();
  const fresh = due.filter((d) => !d.resume);
  if (fresh.length === 0) return { items: [], toSeq };
  const floor = Math.min(...fresh.map((d) => digestFloor(d.chat, finished.get(d.chat.key)?.toSeq ?? 0)));
  const keys = new Set(fresh.flatMap((d) => d.chat.places.map((p) => p.code)));
  return { items: await store.items.window(floor, toSeq, [...keys]), toSeq };
}

type Outcome = 'sent' | 'empty' | 'failed' | 'paused' | 'skipped';

interface RunState {
  window: ItemWindow;
  /** the chat's last finished digest */
  last: Delivery | undefined;
  /** the run's new items by place */
  recent?: RecentByPlace;
  /** counts a message going again after a stop */
  resent: () => void;
}

async function deliverOne(
  deps: DeliveryDeps,
  d: DueDigest,
  now: Date,
  run: RunState,
  moved = false,
): Promise<Outcome> {
  const { store, log } = deps;
  const chat = d.chat;
  const notifier = deps.notifiers.get(chat.address.platform);
  if (!notifier) {
    log.warn({ chat: chat.key }, `no ${chat.address.platform} adapter is configured: its digests wait`);
    return 'skipped';
  }
  const at = now.toISOString();
  const lang = chat.language ?? 'en';
  const zone = (chat.schedule ?? deps.defaultSchedule).timeZone;
  let delivery: Delivery;
  /** the part an earlier run left in flight, if any */
  let again: number | undefined;
  let reply;
  if (d.resume) {
    delivery = { ...d.resume, state: 'pending', attempts: (d.resume.attempts ?? 0) + 1, updatedAt: at };
    if ((delivery.attempted ?? 0) > delivery.sent.length) {
      // The run before stopped with this part in flight: it may have arrived, unrecorded.
      again = delivery.sent.length;
      log.warn(
        { chat: chat.key, delivery: delivery.id, part: delivery.sent.length + 1 },
        'sending a digest message again after an interruption: it may arrive twice',
      );
    }
  } else {
    const when = { at: d.dueAt, zone, labels: deps.sourceLabels };
    const composed = composeDigest(chat, run.window, run.last, lang, when, run.recent);
    const sel = composed.selection;
    reply = composed.reply;
    delivery = {
      id: `${chat.key}@${d.dueAt.toISOString()}`,
      chatKey: chat.key,
      dueAt: d.dueAt.toISOString(),
      fromSeq: sel.fromSeq,
      toSeq: sel.toSeq,
      itemIds: sel.items.map((i) => i.id),
      more: sel.more,
      sent: [],
      state: sel.items.length ? 'pending' : 'empty',
      attempts: sel.items.length ? 1 : 0,
      createdAt: at,
      updatedAt: at,
    };
    if (delivery.state === 'empty') {
      await store.saveDelivery(delivery);
      return 'empty';
    }
  }
  await store.saveDelivery(delivery);

  // A resumed digest is rendered again from the items the ledger names: the same messages.
  if (!reply) {
    const byId = new Map((await store.items.get(delivery.itemIds)).map((i) => [i.id, i]));
    const items = delivery.itemIds.map((id) => byId.get(id)).filter((i): i is NewsItem => !!i);
    reply = digestReply(chat, { ...delivery, items }, lang, {
      from: digestPeriodStart(chat, run.last),
      to: new Date(delivery.dueAt),
      zone,
      labels: deps.sourceLabels,
    });
  }
  try {
    // Both marks are written inside the message's slot in the notifier's pipeline, so at most
    // K messages are ever attempted and not recorded.
    await notifier.send(chat.address, reply, {
      fromPart: delivery.sent.length,
      silent: chat.quiet,
      onAttempt: async (i) => {
        if (i === again) run.resent();
        delivery = { ...delivery, attempted: i + 1, updatedAt: at };
        await store.saveDelivery(delivery);
      },
      onPart: async (i, messageId, parts) => {
        const last = i === parts - 1;
        delivery = {
          ...delivery,
          sent: [...delivery.sent, messageId],
          parts,
          ...(last ? { state: 'sent' as const, error: undefined } : {}),
          updatedAt: at,
        };
        await store.saveDelivery(delivery);
      },
    });
    // Nothing left to send (every part went before a stop): the digest is done all the same.
    if (delivery.state !== 'sent')
      await store.saveDelivery({ ...delivery, state: 'sent', error: undefined, updatedAt: at });
    return 'sent';
  } catch (err) {
    const e =
      err instanceof DeliveryError
        ? err
        : new DeliveryError('unavailable', (err as Error).message, { cause: err });
    await store.saveDelivery({
      ...delivery,
      // The platform's own refusal means the part never arrived; a timeout or a 5xx may have let it through.
      attempted: e.code === 'unavailable' ? delivery.attempted : delivery.sent.length,
      state: 'failed',
      error: `${e.code}: ${e.reason}`,
      updatedAt: at,
    });
    log.warn({ chat: chat.key, code: e.code, reason: e.reason }, 'digest not delivered');
    if (e.code === 'chat_unreachable') {
      await pauseChat(store, chat.key, e.extra.pause ?? 'unreachable', now, e.reason);
      return 'paused';
    }
    if (e.code === 'chat_migrated' && e.extra.migratedTo && !moved) {
      const to = { ...chat.address, chatId: e.extra.migratedTo };
      await moveChat(store, chat.address, to, now);
      const movedChat = await store.chat(chatKey(to));
      if (movedChat) {
        const last = lastDelivered(movedChat, await store.deliveries(movedChat.key));
        const window = await digestWindow(store.items, movedChat, last, run.window.toSeq);
        const moved = { window, last, resent: run.resent };
        return deliverOne(deps, { ...d, chat: movedChat, resume: undefined }, now, moved, true);
      }
    }
    return 'failed';
  }
}
