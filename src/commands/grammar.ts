import { editDistance, fold } from '../places/text.js';

export const COMMAND_NAMES = [
  'latest',
  'country',
  'search',
  'subscribe',
  'unsubscribe',
  'subscriptions',
  'schedule',
  'pause',
  'resume',
  'quiet',
  'topics',
  'format',
  'language',
  'digest',
  'sources',
  'help',
] as const;
export type CommandName = (typeof COMMAND_NAMES)[number] | 'start';

/** Words that name each command; the Spanish ones also say which language to answer in. */
/** Every word of every command, in English and Spanish. */
export const ALIASES: Record<CommandName, { en: string[]; es: string[] }> = {
  latest: { en: ['latest', 'news', 'recent'], es: ['ultimas', 'ultimos', 'recientes', 'noticias'] },
  country: { en: ['country', 'countries', 'region'], es: ['pais', 'paises', 'región'] },
  search: { en: ['search', 'find'], es: ['buscar', 'busca', 'busqueda'] },
  subscribe: { en: ['subscribe', 'sub'], es: ['suscribir', 'suscribirse', 'suscribeme', 'suscribirme'] },
  unsubscribe: {
    en: ['unsubscribe', 'unsub', 'stop'],
    es: ['cancelar', 'desuscribir', 'desuscribirse', 'baja'],
  },
  subscriptions: { en: ['subscriptions', 'subs'], es: ['suscripciones'] },
  schedule: { en: ['schedule'], es: ['horario', 'programar'] },
  pause: { en: ['pause'], es: ['pausar', 'pausa'] },
  resume: { en: ['resume', 'unpause'], es: ['reanudar', 'continuar'] },
  quiet: { en: ['quiet', 'silent'], es: ['silencio', 'silenciar'] },
  topics: { en: ['topics'], es: ['temas'] },
  format: { en: ['format', 'layout'], es: ['formato'] },
  language: { en: ['language', 'lang'], es: ['idioma', 'lengua'] },
  digest: { en: ['digest', 'preview'], es: ['resumen', 'boletin'] },
  sources: { en: ['sources'], es: ['fuentes'] },
  help: { en: ['help', 'commands', '?'], es: ['ayuda', 'comandos'] },
  start: { en: ['start'], es: ['inicio', 'empezar'] },
};

const byWord = new Map<string, { name: CommandName; spanish: boolean }>();
for (const [name, { en, es }] of Object.entries(ALIASES) as [CommandName, { en: string[]; es: string[] }][]) {
  for (const w of en) byWord.set(fold(w), { name, spanish: false });
  for (const w of es) byWord.set(fold(w), { name, spanish: true });
}

export type ParsedCommand =
  | { ok: true; name: CommandName; word: string; args: string; spanish: boolean }
  | {
      ok: false;
      word: string;
      args: string;
      /** the command whose word is closest to the one typed */
      suggestion?: CommandName;
      /** the closest word (or the greeting) is Spanish */
      spanish: boolean;
      /** "hola", "good morning": someone saying hello, who is shown the way to help */
      greeting: boolean;
    };

const GREETINGS: { en: string[]; es: string[] } = {
  en: ['hello', 'hi', 'hey', 'hiya', 'howdy', 'greetings', 'good morning', 'good afternoon', 'good evening'],
  es: [
    'hola',
    'holi',
    'buenas',
    'saludos',
    'buenos dias',
    'buen dia',
    'buenas tardes',
    'buenas noches',
    'que tal',
  ],
};

/** "¡Hola!", "hola, quiero noticias", "Good morning": whether the line starts with a greeting, and in which language. */
function greetingIn(line: string): 'en' | 'es' | undefined {
  const words = fold(line)
    .replace(/[¡!¿?.,;:]+/g, ' ')
    .trim()
    .split(/\s+/);
  const starts = [words[0], words.slice(0, 2).join(' ')];
  if (starts.some((w) => GREETINGS.es.includes(w))) return 'es';
  if (starts.some((w) => GREETINGS.en.includes(w))) return 'en';
  return undefined;
}

/** The command word and its arguments. A leading slash and a Telegram "@botname" are dropped. */
export function parseCommandLine(text: string): ParsedCommand {
  const trimmed = text.trim().replace(/^\//, '');
  const m = trimmed.match(/^(\S+)\s*([\s\S]*)$/);
  if (!m) return { ok: true, name: 'help', word: 'help', args: '', spanish: false };
  // "/@everyone" is all mention: the word stays as typed, to be named in the answer.
  const word = m[1].replace(/@\w+$/, '') || m[1];
  const args = m[2].trim();
  // Folded once: a word of 100,000 characters (no command is one) must not be folded per alias.
  const folded = fold(word);
  const hit = byWord.get(folded);
  if (hit) return { ok: true, name: hit.name, word, args, spanish: hit.spanish };
  // A greeting is in the first two words; the rest of a long line need not be folded for it.
  const greeting = greetingIn(trimmed.slice(0, 64));
  if (greeting)
    return { ok: false, word, args, suggestion: 'help', spanish: greeting === 'es', greeting: true };
  let best: { d: number; name: CommandName; spanish: boolean } | undefined;
  for (const [w, { name, spanish }] of byWord) {
    const d = editDistance(folded, w, 2);
    if (d <= 2 && (!best || d < best.d)) best = { d, name, spanish };
  }
  return { ok: false, word, args, suggestion: best?.name, spanish: best?.spanish ?? false, greeting: false };
}

/** Which command a word names, for `help <command>`. */
export function commandByWord(word: string): CommandName | undefined {
  return byWord.get(fold(word.replace(/^\//, '')))?.name;
}

/** The word people type for a command in a language (for usage lines and buttons). */
export function commandWord(name: CommandName, lang: 'en' | 'es'): string {
  return ALIASES[name][lang][0];
}
