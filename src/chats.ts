import { lastDelivered } from './digest/compose.js';
import { chatKey, type Chat, type ChatAddress, type NewsStore } from './ports.js';

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
  const old = store.chat(chatKey(from));
  if (!old) return false;
  const key = chatKey(to);
  const existing = store.chat(key);
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
  const last = lastDelivered(old, store.deliveries());
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
export async function pauseChat(store: NewsStore, key: string, reason: string, now: Date): Promise<void> {
  const chat = store.chat(key);
  if (!chat || chat.state === 'paused') return;
  await store.saveChat({
    ...chat,
    state: 'paused',
    pausedReason: reason,
    pausedAt: now.toISOString(),
    updatedAt: now.toISOString(),
  });
}

/** Turns digests to a paused chat back on (the platform says the bot can post there again); the chat as it was, if it was paused. */
export async function resumeChat(store: NewsStore, key: string, now: Date): Promise<Chat | undefined> {
  const chat = store.chat(key);
  if (!chat || chat.state !== 'paused') return undefined;
  await store.saveChat({
    ...chat,
    state: 'active',
    pausedReason: undefined,
    pausedAt: undefined,
    updatedAt: now.toISOString(),
  });
  return chat;
}
