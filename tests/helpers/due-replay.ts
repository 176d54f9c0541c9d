import { dueDigests } from '../../src/digest/due.js';
import type { Chat, Delivery, Schedule } from '../../src/ports.js';

const DEFAULT: Schedule = { weekday: 1, time: '09:00', timeZone: 'America/Costa_Rica' };
const MIN = 60_000;

/**
 * Replays the scheduler's minute check from `from` to `to` through dueDigests, recording each
 * digest found due as delivered (as the ledger does); returns each time one was found due.
 */
export function replay(schedule: Schedule, from: string, to: string): { now: string; dueAt: string }[] {
  // subscribed at the start of the window, so the week before does not count
  const chat: Chat = {
    key: 'telegram:1',
    address: { platform: 'telegram', chatId: '1' },
    places: [{ code: 'HN', sinceSeq: 0, addedAt: from }],
    schedule,
    state: 'active',
    createdAt: from,
    updatedAt: from,
  };
  const deliveries: Delivery[] = [];
  const fired: { now: string; dueAt: string }[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += MIN) {
    const now = new Date(t);
    for (const d of dueDigests([chat], deliveries, now, DEFAULT)) {
      const dueAt = d.dueAt.toISOString();
      fired.push({ now: now.toISOString(), dueAt });
      deliveries.push({
        id: `${chat.key}@${dueAt}`,
        chatKey: chat.key,
        dueAt,
        fromSeq: 0,
        toSeq: 1,
        itemIds: ['x'],
        more: 0,
        sent: ['m1'],
        state: 'sent',
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      });
    }
  }
  return fired;
}
