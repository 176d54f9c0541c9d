import { t, type Lang } from '../i18n/index.js';
import type { Chat } from '../ports.js';
import type { Action } from '../reply.js';
import { commandWord } from '../commands/grammar.js';

/**
 * The buttons under a digest that manage it: each runs a command of the grammar, so the same
 * people may use them as may type it (group admins on Telegram), and they outlive a restart.
 * Unsubscribe asks first (`unsubscribe` alone); Change day/time shows the schedule and common
 * choices (`schedule` alone); Pause, or Resume on a paused chat's preview.
 */
export function digestManageActions(chat: Chat, lang: Lang): Action[] {
  const m = t(lang);
  const paused = chat.state === 'paused';
  return [
    {
      kind: 'command',
      label: paused ? m.buttons.resume : m.buttons.pause,
      command: commandWord(paused ? 'resume' : 'pause', lang),
    },
    { kind: 'command', label: m.buttons.changeWhen, command: commandWord('schedule', lang) },
    { kind: 'command', label: m.buttons.unsubscribeDigest, command: commandWord('unsubscribe', lang) },
  ];
}
