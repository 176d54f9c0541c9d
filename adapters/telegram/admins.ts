import type { Logger } from 'pino';
import type { Telegram } from 'telegraf';

/** The user Telegram shows as the sender of an anonymous group administrator's messages. */
export const GROUP_ANONYMOUS_BOT = 1087968824;

export interface AdminCheck {
  isAdmin(chatId: number, userId: number): Promise<boolean>;
}

/**
 * Whether a user administers a group, from getChatMember, remembered briefly: admins change
 * rarely, and a busy group should not cost one API call per command. A failed lookup answers
 * no (and is not remembered): changing a chat's subscriptions is the thing to refuse when unsure.
 */
export function createAdminCheck(o: {
  telegram: Telegram;
  log: Logger;
  ttlMs?: number;
  maxEntries?: number;
  now?: () => number;
}): AdminCheck {
  const ttl = o.ttlMs ?? 60_000;
  const maxEntries = o.maxEntries ?? 5_000;
  const now = o.now ?? Date.now;
  const cache = new Map<string, { admin: boolean; until: number }>();
  const inFlight = new Map<string, Promise<boolean>>();

  const lookup = async (key: string, chatId: number, userId: number): Promise<boolean> => {
    try {
      const m = await o.telegram.getChatMember(chatId, userId);
      const admin = m.status === 'creator' || m.status === 'administrator';
      cache.set(key, { admin, until: now() + ttl });
      if (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
      return admin;
    } catch (err) {
      o.log.warn(
        { chatId, userId, err },
        'could not check whether the user is an administrator; treating as not',
      );
      return false;
    } finally {
      inFlight.delete(key);
    }
  };

  return {
    isAdmin(chatId, userId) {
      const key = `${chatId}:${userId}`;
      const hit = cache.get(key);
      if (hit && hit.until > now()) return Promise.resolve(hit.admin);
      let p = inFlight.get(key);
      if (!p) inFlight.set(key, (p = lookup(key, chatId, userId)));
      return p;
    },
  };
}
