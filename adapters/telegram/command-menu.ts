import type { BotCommand } from 'telegraf/types';
import { COMMAND_NAMES, commandWord } from '../../src/commands/grammar.js';
import { t, type Lang } from '../../src/i18n/index.js';

/** Telegram accepts only these as command names in the menu. */
const MENU_NAME = /^[a-z0-9_]{1,32}$/;

/**
 * The command menu in a language: each command under the word people type in that language
 * (`/pais`, `/suscribir` for Spanish-speaking users), described from the core's catalog.
 */
export function commandMenu(lang: Lang): BotCommand[] {
  return COMMAND_NAMES.map((name) => ({
    command: commandWord(name, lang),
    description: t(lang).commands[name].about,
  }))
    .filter((c) => MENU_NAME.test(c.command))
    .map((c) => ({ ...c, description: c.description.slice(0, 256) }));
}
