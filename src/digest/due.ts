import { TZDate } from '@date-fns/tz';
import type { Chat, Delivery, Schedule } from '../ports.js';

/**
 * The schedule's occurrence in the week of `ref` (local to its zone), or on its day for a daily
 * schedule, moved by `shift` weeks (days), as an instant. Wall-clock times that a
 * daylight-saving change skips come out an hour later, as the zone's clocks do.
 */
function occurrenceNear(s: Schedule, ref: Date, shift: number): Date {
  const local = new TZDate(ref.getTime(), s.timeZone);
  const isoDay = local.getDay() === 0 ? 7 : local.getDay();
  const [h, m] = s.time.split(':').map(Number);
  const day = s.weekday === 0 ? local.getDate() + shift : local.getDate() + (s.weekday - isoDay) + 7 * shift;
  return new Date(new TZDate(local.getFullYear(), local.getMonth(), day, h, m, 0, s.timeZone).getTime());
}

/** The latest occurrence at or before `now`. */
export function lastOccurrence(s: Schedule, now: Date): Date {
  for (const shift of [0, -1, -2]) {
    const at = occurrenceNear(s, now, shift);
    if (at.getTime() <= now.getTime()) return at;
  }
  throw new Error('unreachable: a week (a day) back is always in the past');
}

/** The first occurrence strictly after `now`. */
export function nextOccurrence(s: Schedule, now: Date): Date {
  for (const shift of [0, 1, 2]) {
    const at = occurrenceNear(s, now, shift);
    if (at.getTime() > now.getTime()) return at;
  }
  throw new Error('unreachable: a week (a day) ahead is always in the future');
}

export interface DueDigest {
  chat: Chat;
  schedule: Schedule;
  /** the occurrence this digest is for */
  dueAt: Date;
  /** an unfinished delivery for that occurrence, to resume */
  resume?: Delivery;
}

/** How long a digest that failed for a passing reason waits before the next try. */
function retryDelayMs(attempts: number): number {
  return Math.min(5 * 60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3600_000);
}

/**
 * Which digests are due at `now`: for each active subscription, the latest occurrence of its
 * schedule, unless that occurrence is before the subscription began or already delivered.
 * Only the latest occurrence counts, so a service that was down for three weeks sends one
 * digest per chat, not three. Pure: the scheduler passes the clock in.
 */
export function dueDigests(
  chats: readonly Chat[],
  deliveries: readonly Delivery[],
  now: Date,
  defaultSchedule: Schedule,
): DueDigest[] {
  const latestByChat = new Map<string, Delivery>();
  for (const d of deliveries) {
    const prev = latestByChat.get(d.chatKey);
    if (!prev || prev.dueAt < d.dueAt) latestByChat.set(d.chatKey, d);
  }
  const due: DueDigest[] = [];
  // Most chats keep the default schedule: its occurrence is worked out once, not once a chat.
  const occurrences = new Map<string, Date>();
  for (const chat of chats) {
    if (chat.state !== 'active' || chat.places.length === 0) continue;
    const schedule = chat.schedule ?? defaultSchedule;
    const key = `${schedule.weekday} ${schedule.time} ${schedule.timeZone}`;
    let dueAt = occurrences.get(key);
    if (!dueAt) occurrences.set(key, (dueAt = lastOccurrence(schedule, now)));
    const since = Math.min(...chat.places.map((p) => Date.parse(p.addedAt)));
    if (dueAt.getTime() <= since) continue;
    const last = latestByChat.get(chat.key);
    const lastAt = last ? Date.parse(last.dueAt) : -Infinity;
    if (lastAt > dueAt.getTime()) continue;
    // A digest not through yet is resumed: this occurrence's, or an earlier one cut short after
    // some of its messages went out (finished first, so that the next starts after it and its
    // items are not sent again). An earlier one that sent nothing is simply superseded.
    const unfinished = last && last.state !== 'sent' && last.state !== 'empty';
    if (unfinished && (lastAt === dueAt.getTime() || last.sent.length > 0)) {
      if (
        last.state === 'failed' &&
        now.getTime() < Date.parse(last.updatedAt) + retryDelayMs(last.attempts ?? 1)
      )
        continue;
      due.push({ chat, schedule, dueAt: new Date(lastAt), resume: last });
      continue;
    }
    if (lastAt === dueAt.getTime()) continue;
    due.push({ chat, schedule, dueAt });
  }
  return due;
}
