import { t, weekdayName, type Lang } from '../i18n/index.js';
import type { Schedule } from '../ports.js';
import type { Action } from '../reply.js';
import { commandWord } from './grammar.js';

/** The times most chats pick, offered as buttons (in the chat's own zone, which a schedule without one keeps). */
const COMMON: Pick<Schedule, 'weekday' | 'time'>[] = [
  { weekday: 1, time: '09:00' },
  { weekday: 5, time: '08:00' },
  { weekday: 0, time: '08:00' },
];

/** A button per common schedule other than the chat's own: "Monday 09:00" runs `schedule monday 09:00`. */
export function scheduleChoices(lang: Lang, current: Schedule): Action[] {
  const m = t(lang);
  return COMMON.filter((s) => s.weekday !== current.weekday || s.time !== current.time).map((s) => {
    const day = s.weekday === 0 ? m.dailyWord : weekdayName(lang, s.weekday);
    // The command is typed in the chat's language; weekdays are read without accents too.
    const word = s.weekday === 0 ? day : weekdayName(lang, s.weekday).toLowerCase();
    return {
      kind: 'command',
      label: `${day[0].toUpperCase()}${day.slice(1)} ${s.time}`,
      command: `${commandWord('schedule', lang)} ${word} ${s.time}`,
    };
  });
}
