import type { Lang } from '../../src/i18n/index.js';

/** Words only the Telegram adapter says; everything else comes from the core's catalogs. */
const TEXTS = {
  en: {
    buttonExpired:
      'This button no longer works (the bot has restarted since). Please type the command again.',
    groupHint:
      'In a group, start each command with a slash (/latest, /country honduras, or /pais honduras): I read nothing else here.',
    replyCut:
      'This answer was too long for a few messages and stops here: ask for less at a time to see the rest.',
  },
  es: {
    buttonExpired:
      'Este botón ya no funciona (el bot se reinició desde entonces). Por favor, escriba el comando de nuevo.',
    groupHint:
      'En un grupo, empiece cada comando con una barra (/ultimas, /pais honduras): aquí no leo nada más.',
    replyCut:
      'Esta respuesta era demasiado larga para unos pocos mensajes y termina aquí: pida menos de una vez para ver el resto.',
  },
} satisfies Record<Lang, Record<string, string>>;

export function tgText(lang: Lang) {
  return TEXTS[lang];
}
