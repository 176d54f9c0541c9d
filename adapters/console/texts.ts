import type { Lang } from '../../src/i18n/index.js';

/** Words only the console says; everything else comes from the core's catalogs. */
const TEXTS = {
  en: {
    replyCut:
      '(This answer was too long to print in full and stops here: ask for less at a time to see the rest.)',
  },
  es: {
    replyCut:
      '(Esta respuesta era demasiado larga para mostrarla completa y termina aquí: pida menos de una vez para ver el resto.)',
  },
} satisfies Record<Lang, Record<string, string>>;

export function consoleText(lang: Lang) {
  return TEXTS[lang];
}
