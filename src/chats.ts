import { lastDelivered } from './digest/compose.js';
import { pauseReason, t } from './i18n/index.js';
import { placeWords } from './i18n/place-words.js';
import {
  chatKey,
  type Chat,
  type ChatAddress,
  type ChatPort,
  type CommandContext,
  type CommandPort,
  type NewsStore,
  type PauseReason,
} from './ports.js';

/**
 * A chat's subscription follows it to a new address (a Telegram group that became a
 * supergroup). Places and settings of both are merged when the new address already has some.
 */
export async function moveChat(
  store: NewsStore,
  from: ChatAddress,
  to: ChatAddress,
  now: Date,
): Promise<boolean> {
  const old = await store.chat(chatKey(from));
  if (!old) return false;
  const key = chatKey(to);
  const existing = await store.chat(key);
  const places = [...(existing?.places ?? [])];
  for (const p of old.places) if (!places.some((q) => q.code === p.code)) places.push(p);
  await store.saveChat({
    ...old,
    ...existing,
    key,
    address: to,
    places,
    language: existing?.language ?? old.language,
    schedule: existing?.schedule ?? old.schedule,
    state: 'active',
    pausedReason: undefined,
    pausedAt: undefined,
    updatedAt: now.toISOString(),
  });
  // The new address starts where the old one's digests had got to, so nothing is sent twice.
  const last = lastDelivered(old, await store.deliveries(old.key));
  if (last)
    await store.saveDelivery({
      ...last,
      id: `${key}@${last.dueAt}`,
      chatKey: key,
      updatedAt: now.toISOString(),
    });
  await store.deleteChat(old.key);
  return true;
}

/** Stops digests to a chat the platform says is unreachable, keeping the reason to show. */
export async function pauseChat(
  store: NewsStore,
  key: string,
  reason: PauseReason,
  now: Date,
  detail?: string,
): Promise<void> {
  const chat = await store.chat(key);
  if (!chat || chat.state === 'paused') return;
  await store.saveChat({
    ...chat,
    state: 'paused',
    pausedReason: reason,
    pausedDetail: detail,
    pausedAt: now.toISOString(),
    updatedAt: now.toISOString(),
  });
}

/**
 * Turns digests to a chat the platform had paused back on (the platform says the bot can post
 * there again); the chat as it was, if it was so paused. A pause someone in the chat asked for
 * stays: only their resume ends it.
 */
async function resumeChat(store: NewsStore, key: string, now: Date): Promise<Chat | undefined> {
  const chat = await store.chat(key);
  if (!chat || chat.state !== 'paused' || chat.pausedReason === 'by_user') return undefined;
  await store.saveChat({
    ...chat,
    state: 'active',
    pausedReason: undefined,
    pausedDetail: undefined,
    pausedAt: undefined,
    updatedAt: now.toISOString(),
  });
  return chat;
}

/** The chat port over a store: what the platform changes about a chat, as adapters report it. */
export function createChatService(store: NewsStore, commands: CommandPort): ChatPort {
  const subscribed = async (a: ChatAddress) => ((await store.chat(chatKey(a)))?.places.length ?? 0) > 0;
  const welcome = async (ctx: CommandContext) =>
    commands.run((await subscribed(ctx.address)) ? 'subscriptions' : 'start', ctx);
  return {
    pause: (address, reason, now, detail) => pauseChat(store, chatKey(address), reason, now, detail),
    async resume(ctx) {
      const was = await resumeChat(store, chatKey(ctx.address), ctx.now ?? new Date());
      if (!was) return undefined;
      const reply = await welcome(ctx);
      const said = t(reply.lang).resumed(pauseReason(reply.lang, was.pausedReason, was.pausedDetail));
      const back = placeWords(said, reply.lang, ctx.place ?? 'chat');
      return { ...reply, paragraphs: [back, ...(reply.paragraphs ?? [])] };
    },
    welcome,
    move: (from, to, now) => moveChat(store, from, to, now),
    async subscribedAmong(addresses) {
      const flags = await Promise.all(addresses.map(subscribed));
      return addresses.filter((_a, i) => flags[i]);
    },
  };
}
