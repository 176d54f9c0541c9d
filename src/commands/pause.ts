import { pauseReason, scheduleWhen, t } from '../i18n/index.js';
import type { Chat } from '../ports.js';
import type { Action, Reply } from '../reply.js';
import { composeDigest, digestWindow, lastDelivered } from '../digest/compose.js';
import { dueDigests } from '../digest/due.js';
import { zoneLabel } from '../digest/zone.js';
import type { Call } from './context.js';
import { commandWord } from './grammar.js';
import { chatOf, info, nextDigestText, save } from './subscriptions.js';
import { usageReply } from './usage.js';
import { placeList } from './views.js';

/** The button that undoes a pause (or makes one), in the chat's language. */
function pauseToggle(c: Pick<Call, 'lang'>, paused: boolean): Action {
  const name = paused ? 'resume' : 'pause';
  return { kind: 'command', label: t(c.lang).buttons[name], command: commandWord(name, c.lang) };
}

/**
 * `pause`: the chat keeps its countries and schedule, and no digest goes out until `resume`.
 * A pause the platform made (the bot removed, then back) becomes the person's own: only
 * `resume` ends it now.
 */
export async function pause(c: Call): Promise<Reply> {
  const m = t(c.lang);
  if (c.args) return usageReply('pause', c.lang, [m.nothingAfter(c.args)]);
  const chat = chatOf(c);
  if (chat.places.length === 0) return info([m.nothingToPause]);
  if (chat.state === 'paused' && chat.pausedReason === 'by_user')
    return info([m.alreadyPaused(chat.pausedAt?.slice(0, 10) ?? '?'), m.pausedHowToResume], {
      actions: [pauseToggle(c, true)],
    });
  chat.state = 'paused';
  chat.pausedReason = 'by_user';
  delete chat.pausedDetail;
  chat.pausedAt = c.now.toISOString();
  await save(c, chat);
  const s = chat.schedule ?? c.deps.defaultSchedule;
  const when = `${scheduleWhen(c.lang, s)}, ${zoneLabel(s.timeZone)}`;
  const places = placeList(
    chat.places.map((p) => p.code),
    c.lang,
  );
  return info([m.pausedNow(places, when), m.pausedHowToResume], { actions: [pauseToggle(c, true)] });
}

/**
 * `resume`: digests go on, and the reply says when the next one goes out and what it holds.
 * The rule for any paused subscription applies (README, catch-up): a digest time that passed
 * while paused is sent at once, holding everything since the last digest; else the usual day.
 */
export async function resume(c: Call): Promise<Reply> {
  const m = t(c.lang);
  if (c.args) return usageReply('resume', c.lang, [m.nothingAfter(c.args)]);
  const chat = chatOf(c);
  if (chat.places.length === 0) return info([m.noSubscriptions]);
  const paragraphs: string[] = [];
  if (chat.state !== 'paused') paragraphs.push(m.notPaused);
  else {
    paragraphs.push(
      chat.pausedReason === 'by_user'
        ? m.resumedByUser
        : m.resumed(pauseReason(c.lang, chat.pausedReason, chat.pausedDetail)),
    );
    chat.state = 'active';
    delete chat.pausedReason;
    delete chat.pausedDetail;
    delete chat.pausedAt;
    await save(c, chat);
  }
  paragraphs.push(...(await whatComesNext(c, chat)));
  return info(paragraphs, { actions: [pauseToggle(c, false)] });
}

/** When the active chat's next digest goes out, and how many items it holds so far. */
async function whatComesNext(c: Call, chat: Chat): Promise<string[]> {
  const m = t(c.lang);
  const deliveries = await c.deps.store.deliveries(chat.key);
  const dueNow = dueDigests([chat], deliveries, c.now, c.deps.defaultSchedule).length > 0;
  const last = lastDelivered(chat, deliveries);
  const window = await digestWindow(c.deps.store.items, chat, last);
  const at = { at: c.now, zone: (chat.schedule ?? c.deps.defaultSchedule).timeZone };
  const sel = composeDigest(chat, window, last, c.lang, at).selection;
  const holds = m.resumeHolds(sel.items.length + sel.more);
  return dueNow ? [m.catchUpNow, holds] : [m.nextDigest(nextDigestText(c, chat, c.lang)), holds];
}
