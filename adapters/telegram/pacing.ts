/**
 * Telegram's sending limits, kept without being told: about 30 messages a second overall, one a
 * second per chat, 20 a minute per group, supergroup or channel (negative chat ids). A send
 * waits for its turn; it never fails for pacing.
 */
export interface PacingOptions {
  overallPerSecond: number;
  perChatIntervalMs: number;
  groupPerMinute: number;
}

export const TELEGRAM_PACING: PacingOptions = {
  overallPerSecond: 30,
  perChatIntervalMs: 1000,
  groupPerMinute: 20,
};

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

export interface Pacer {
  /** no limits kept (pacing off, against an unlimited fake): digest messages may go several at once */
  readonly unlimited?: boolean;
  /** waits until this chat's own limits allow a message (the overall rate aside) */
  chatReady(chatId: string): Promise<void>;
  /** waits until a message to this chat may go out. Calls for one chat must not overlap. */
  turn(chatId: string): Promise<void>;
  /**
   * counts a message to this chat once its request has finished, paced or not (a reply to a
   * command goes at once but still counts). Measuring a chat's spacing from the end of one request
   * to the start of the next keeps it on Telegram's side of the network too.
   */
  sent(chatId: string): void;
}

interface ChatState {
  last: number;
  /** send times within the last minute, for groups */
  recent: number[];
}

const MINUTE = 60_000;

export function createPacer(opts: Partial<PacingOptions> | false = {}, clock: Clock = realClock): Pacer {
  if (opts === false)
    return { unlimited: true, chatReady: async () => {}, turn: async () => {}, sent: () => {} };
  const o = { ...TELEGRAM_PACING, ...opts };
  // Evenly spaced rather than in bursts, with a millisecond to spare: the platform counts on its
  // side of the network, where two sends can arrive closer together than they left.
  const spacing = 1000 / o.overallPerSecond + 1;
  let lastOverall = -Infinity;
  // One queue for the overall slot, each measured from the previous send's real departure: a
  // timer that fires late must not let the next one leave early.
  let overall: Promise<void> = Promise.resolve();
  const chats = new Map<string, ChatState>();
  let sweepAt = clock.now() + MINUTE;

  const state = (chatId: string): ChatState => {
    let s = chats.get(chatId);
    if (!s) chats.set(chatId, (s = { last: -Infinity, recent: [] }));
    return s;
  };

  const record = (chatId: string, at: number) => {
    const s = state(chatId);
    s.last = at;
    if (chatId.startsWith('-')) {
      s.recent.push(at);
      while (s.recent.length && s.recent[0] <= at - MINUTE) s.recent.shift();
    }
    if (at > sweepAt) {
      for (const [id, c] of chats) if (c.last <= at - MINUTE) chats.delete(id);
      sweepAt = at + MINUTE;
    }
  };

  const chatReady = async (chatId: string) => {
    const s = state(chatId);
    let ready = s.last + o.perChatIntervalMs;
    if (chatId.startsWith('-') && s.recent.length >= o.groupPerMinute)
      ready = Math.max(ready, s.recent[s.recent.length - o.groupPerMinute] + MINUTE);
    const now = clock.now();
    if (ready > now) await clock.sleep(ready - now);
  };

  return {
    chatReady,
    async turn(chatId) {
      await chatReady(chatId);
      // The overall slot is taken only once the chat is ready, so a chat that must wait does not
      // hold up the others.
      const mine = overall.then(async () => {
        const wait = lastOverall + spacing - clock.now();
        if (wait > 0) await clock.sleep(wait);
        lastOverall = clock.now();
      });
      overall = mine;
      await mine;
    },
    sent(chatId) {
      record(chatId, clock.now());
    },
  };
}
