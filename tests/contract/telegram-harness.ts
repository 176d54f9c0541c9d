import { createTelegramAdapter } from '../../adapters/telegram/index.js';
import type { ChatAddress } from '../../src/ports.js';
import { startFakeTelegram, type FakeFault, type FakeMessage } from '../fakes/telegram-api.js';
import { makeCore } from '../helpers/core.js';
import type { HarnessFactory, NotifierHarness } from './harness.js';
import { silentLog } from '../helpers/logs.js';

/**
 * A message's plain-text fallback as the adapter renders it: what the user sees, with each item's
 * link (hidden in the title's href) back on its own line after the item, as replyToText has it.
 */
function fallbackText(m: FakeMessage): string {
  const links = [...m.links];
  return m.text
    .split('\n\n')
    .map((block) => {
      const i = links.findIndex(
        (l) => block.startsWith(l.text, block.indexOf('. ') + 2) && /^\d+\. /.test(block),
      );
      if (i < 0) return block;
      const [link] = links.splice(i, 1);
      return `${block}\n${link.url}`;
    })
    .join('\n\n');
}

/** The Telegram notifier as the app builds it, against the fake Bot API. */
export const telegramHarness: HarnessFactory = async (): Promise<NotifierHarness> => {
  const fake = await startFakeTelegram();
  const core = await makeCore({ sample: false });
  const adapter = createTelegramAdapter({
    settings: { token: fake.token, apiRoot: fake.url },
    core: core.services,
    log: silentLog(),
    // the real limits' shape, quick enough for a test suite
    pacing: { perChatIntervalMs: 20, overallPerSecond: 500, groupPerMinute: 10_000 },
    retry: { backoffMs: 10 },
  });
  // Telegram chat ids are numbers: each harness id gets one of its own.
  const ids = new Map<string, string>();
  const chatIdOf = (id: string) => {
    if (/^-?\d+$/.test(id)) return id;
    if (!ids.has(id)) ids.set(id, String(700_000 + ids.size));
    return ids.get(id)!;
  };
  const faults: Record<Parameters<NotifierHarness['fault']>[1], (a: ChatAddress) => FakeFault> = {
    rate_limited: () => ({ kind: 'rate_limited', retryAfter: 1 }),
    unreachable: () => ({ kind: 'blocked' }),
    server_error: () => ({ kind: 'server_error' }),
    migrated: (a) => ({ kind: 'migrated', to: `-100${a.chatId.replace('-', '')}` }),
  };
  return {
    name: 'telegram',
    notifier: adapter.notifier,
    address: (id) => ({ platform: 'telegram', chatId: chatIdOf(id) }),
    received: (a) => fake.sent(a.chatId).map(fallbackText),
    fault: (a, kind, times = 1) => fake.fault(a.chatId, faults[kind](a), times),
    supports: () => true,
    async close() {
      await adapter.stop();
      await fake.close();
    },
  };
};
