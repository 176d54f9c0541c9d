import { LANGS, listOf, scheduleWhen, t, type Lang } from '../i18n/index.js';
import type { Action, Reply } from '../reply.js';
import { parseSchedule, type ScheduleParse } from '../digest/schedule.js';
import { zoneLabel } from '../digest/zone.js';
import type { ZoneOption, ZoneReading } from '../digest/zone-input.js';
import { placeName } from '../places/gazetteer.js';
import { fold } from '../places/text.js';
import type { Call } from './context.js';
import type { CommandName } from './grammar.js';
import { chatOf, info, nextDigestText, save } from './subscriptions.js';
import { usageReply } from './usage.js';
import { showQuiet } from './quiet.js';
import { showFormat } from './format.js';
import { scheduleChoices } from './schedule-choices.js';

/** How a zone the person typed is said back: "Eastern time, America/New_York", "UTC-6", "America/El_Salvador". */
function zoneSaid(lang: Lang, zone: string, reading?: Extract<ZoneReading, { ok: true }>): string {
  if (reading?.how === 'family') return `${t(lang).zoneFamilies[reading.family]}, ${zoneLabel(zone)}`;
  return zoneLabel(zone);
}

/** A zone offered: "San Salvador (America/El_Salvador)", "America/Guyana (Guyana)". */
function zoneOption(lang: Lang, o: ZoneOption): string {
  if (o.country) return `${zoneLabel(o.zone)} (${placeName(o.country, lang)})`;
  if (o.family) return `${zoneLabel(o.zone)} (${t(lang).zoneFamilies[o.family]})`;
  return o.name === o.zone ? zoneLabel(o.zone) : `${o.name} (${zoneLabel(o.zone)})`;
}

/** A button per zone offered, running the same schedule with that zone. */
function zoneButtons(c: Call, typed: string, options: ZoneOption[]): Action[] {
  const at = c.command.indexOf(typed, c.command.length - c.args.length);
  if (at < 0) return [];
  return options.slice(0, 3).map((o) => ({
    kind: 'command',
    label: zoneOption(c.lang, o),
    command: `${c.command.slice(0, at)}${o.zone}${c.command.slice(at + typed.length)}`,
  }));
}

const cityOf = (zone: string) => zone.split('/').pop()!.replace(/_/g, ' ');

function scheduleProblems(p: Extract<ScheduleParse, { ok: false }>, lang: Lang): string[] {
  const m = t(lang);
  switch (p.problem) {
    case 'missing':
      return [];
    case 'weekday':
      return [m.badWeekday(p.text)];
    case 'time':
      return [m.badTime(p.text)];
    case 'zone': {
      const options = p.options.map((o) => zoneOption(lang, o));
      if (p.reason === 'ambiguous') return [m.ambiguousPlace(p.text, listOf(lang, options, 'or'))];
      return [
        m.badTimeZone(p.text),
        ...(options.length ? [m.didYouMean(listOf(lang, options, 'or'))] : []),
        m.timeZoneHint,
      ];
    }
  }
}

/** The chat's own, or the default, schedule said in full, and how to change it. */
function showSchedule(c: Call): Reply {
  const m = t(c.lang);
  const s = c.chat?.schedule ?? c.deps.defaultSchedule;
  const paragraphs = [m.scheduleLine(scheduleWhen(c.lang, s), zoneLabel(s.timeZone))];
  if (c.chat?.places.length) paragraphs.push(m.nextDigest(nextDigestText(c, c.chat, c.lang)));
  else paragraphs.push(m.noSubscriptions);
  paragraphs.push(m.changeSchedule);
  const actions = scheduleChoices(c.lang, s);
  paragraphs.push(m.pickSchedule(zoneLabel(s.timeZone)));
  return { kind: 'info', visibility: 'private', paragraphs, actions };
}

/** The language this chat is answered in, and how to change it. */
function showLanguage(c: Call): Reply {
  const m = t(c.lang);
  return { kind: 'info', visibility: 'private', paragraphs: [m.languageLine, m.changeLanguage] };
}

/**
 * Settings commands typed alone show the setting and how to change it. Showing changes
 * nothing, so anyone in the chat may ask (a command added here is read-only when bare).
 */
export const SHOW_SETTING: Partial<Record<CommandName, (c: Call) => Reply>> = {
  schedule: showSchedule,
  language: showLanguage,
  quiet: showQuiet,
  format: showFormat,
};

export async function schedule(c: Call): Promise<Reply> {
  const m = t(c.lang);
  const parsed = parseSchedule(c.args, { current: c.chat?.schedule ?? c.deps.defaultSchedule, now: c.now });
  if (!parsed.ok) {
    const reply = usageReply('schedule', c.lang, scheduleProblems(parsed, c.lang));
    return parsed.problem === 'zone'
      ? { ...reply, actions: zoneButtons(c, parsed.text, parsed.options) }
      : reply;
  }
  const chat = chatOf(c);
  const s = (chat.schedule = parsed.schedule);
  await save(c, chat);
  const paragraphs = [m.scheduleSet(scheduleWhen(c.lang, s), zoneSaid(c.lang, s.timeZone, parsed.zone))];
  if (parsed.zone?.how === 'family' && parsed.zone.instead)
    paragraphs.push(m.zoneKept(parsed.zone.typed, parsed.zone.instead, cityOf(parsed.zone.instead)));
  paragraphs.push(m.nextDigest(nextDigestText(c, chat, c.lang)));
  return info(paragraphs);
}

export async function language(c: Call): Promise<Reply> {
  const want = fold(c.args.trim()).slice(0, 2);
  const named: Record<string, Lang> = { en: 'en', in: 'en', es: 'es', sp: 'es' };
  const lang = named[want];
  if (!lang || !LANGS.includes(lang))
    return usageReply('language', c.lang, c.args ? [t(c.lang).badLanguage(c.args)] : []);
  const chat = chatOf(c);
  chat.language = lang;
  await save(c, chat);
  return info([t(lang).languageSet]);
}
