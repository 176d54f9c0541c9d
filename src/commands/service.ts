import { asLang, t, type Lang } from '../i18n/index.js';
import { fitPlace } from '../i18n/place-words.js';
import type { Action, Reply } from '../reply.js';
import {
  chatKey,
  StoreUnavailableError,
  StoreWriteError,
  type ChatAddress,
  type ChatReply,
  type CommandInfo,
  type CommandPort,
} from '../ports.js';
import type { Call, CommandContext, CommandDeps } from './context.js';
import {
  COMMAND_NAMES,
  commandWord,
  parseCommandLine,
  type CommandName,
  type ParsedCommand,
} from './grammar.js';
import { digest, help, sources, start } from './info.js';
import { MAX_COMMAND_LENGTH } from './limits.js';
import { country, latest, search } from './queries.js';
import { subscriptions } from './subscriptions.js';
import { language, schedule, SHOW_SETTING } from './settings.js';
import { pause, resume } from './pause.js';
import { quiet } from './quiet.js';
import { subscribeWithTopics, topics, unsubscribeWithTopics } from './topic-commands.js';
import { format } from './format.js';
import { usageReply } from './usage.js';

type Handler = (c: Call) => Reply | Promise<Reply>;

const HANDLERS: Record<CommandName, Handler> = {
  latest,
  country,
  search,
  subscribe: subscribeWithTopics,
  unsubscribe: unsubscribeWithTopics,
  subscriptions,
  schedule,
  pause,
  resume,
  quiet,
  topics,
  format,
  language,
  digest,
  sources,
  help,
  start,
};

/**
 * Commands that only read. Every other command, including any added later, changes the chat
 * (and so needs its administrators, and writes the store): forgetting one here errs on the
 * side of asking.
 */
const READ_ONLY: ReadonlySet<CommandName> = new Set<CommandName>([
  'latest',
  'country',
  'search',
  'subscriptions',
  'topics',
  'digest',
  'sources',
  'help',
  'start',
]);

/** Whether a command, with these arguments, only reads: a settings command typed alone does. */
function readsOnly(name: CommandName, args: string): boolean {
  return READ_ONLY.has(name) || (!args && SHOW_SETTING[name] !== undefined);
}

/** Telegram takes only these as menu commands; a word outside it is left out of the menu. */
const MENU_WORD = /^[a-z0-9_]{1,32}$/;

export type CommandService = CommandPort;

/** What a line is, before it runs: a pure look at the grammar. */
export function describeCommand(text: string): CommandInfo {
  const parsed = parseCommandLine(text);
  if (!parsed.ok) return { known: false, changesChat: false, isHelp: false };
  return {
    known: true,
    name: parsed.name,
    wordLang: parsed.spanish ? 'es' : undefined,
    changesChat: !readsOnly(parsed.name, parsed.args),
    isHelp: parsed.name === 'help' || parsed.name === 'start',
  };
}

/**
 * A word that is no command: the closest command in the chat's language (or the language of
 * the word typed), with a button that runs it on the same arguments; a greeting gets the
 * welcome and the way to help.
 */
function unknownCommand(parsed: Extract<ParsedCommand, { ok: false }>, lang: Lang): Reply {
  const m = t(lang);
  const fixed = parsed.greeting
    ? commandWord('help', lang)
    : parsed.suggestion && [commandWord(parsed.suggestion, lang), parsed.args].filter(Boolean).join(' ');
  const actions: Action[] = fixed ? [{ kind: 'command', label: fixed, command: fixed }] : [];
  if (parsed.greeting)
    return {
      kind: 'info',
      visibility: 'private',
      heading: m.welcomeHeading,
      paragraphs: [...m.welcomeBody, m.greetingHelp(commandWord('help', lang))],
      actions,
    };
  const paragraphs = [m.unknownCommand(parsed.word)];
  if (parsed.suggestion) paragraphs.push(m.didYouMeanCommand(commandWord(parsed.suggestion, lang)));
  paragraphs.push(m.seeHelp);
  return { kind: 'error', visibility: 'private', paragraphs, actions };
}

/** A command over the length any needs: refused with its usage, before anything reads it further. */
function tooLong(parsed: ParsedCommand, lang: Lang, length: number): Reply {
  const problem = t(lang).commandTooLong(MAX_COMMAND_LENGTH, length);
  if (parsed.ok && parsed.name !== 'start') return usageReply(parsed.name, lang, [problem]);
  return { kind: 'error', visibility: 'private', paragraphs: [problem, t(lang).seeHelp] };
}

/** What to say when answering failed: a change the store could not write says why, and that nothing changed. */
const apology = (lang: Lang, err?: unknown): ChatReply => {
  const m = t(lang);
  const text =
    err instanceof StoreWriteError
      ? err.code === 'disk_full'
        ? m.storeDiskFull
        : m.storeWriteFailed
      : m.apology;
  return { kind: 'error', visibility: 'private', paragraphs: [text], lang };
};

export function createCommandService(deps: CommandDeps): CommandPort {
  const chatLanguage = async (address: ChatAddress) => (await deps.store.chat(chatKey(address)))?.language;
  /** Without the chat's setting (the store is away), the command word's language or the person's. */
  const guessedLanguage = (ctx: CommandContext, spanishWord = false): Lang =>
    (spanishWord ? 'es' : undefined) ?? asLang(ctx.userLanguage) ?? 'en';
  const languageOf = async (ctx: CommandContext, spanishWord = false): Promise<Lang> => {
    try {
      return (await chatLanguage(ctx.address)) ?? guessedLanguage(ctx, spanishWord);
    } catch (err) {
      if (err instanceof StoreUnavailableError) return guessedLanguage(ctx, spanishWord);
      throw err;
    }
  };

  const answer = async (text: string, ctx: CommandContext, offset: number): Promise<Reply> => {
    const parsed = parseCommandLine(text);
    if (text.length > MAX_COMMAND_LENGTH)
      return tooLong(parsed, await languageOf(ctx, parsed.spanish), text.length);
    if (!parsed.ok) return unknownCommand(parsed, await languageOf(ctx, parsed.spanish));
    const lang = await languageOf(ctx, parsed.spanish);
    const changes = !readsOnly(parsed.name, parsed.args);
    if (changes && ctx.canManage === false) {
      return { kind: 'error', visibility: 'private', paragraphs: [t(lang).adminsOnly] };
    }
    if (changes && deps.writable && !deps.writable()) {
      return { kind: 'error', visibility: 'private', paragraphs: [t(lang).storeOwnedElsewhere] };
    }
    const call: Call = {
      deps,
      ctx,
      now: ctx.now ?? new Date(),
      lang,
      args: parsed.args,
      offset: Math.max(0, offset),
      chat: await deps.store.chat(chatKey(ctx.address)),
      command: `${parsed.word}${parsed.args ? ` ${parsed.args}` : ''}`,
    };
    const show = parsed.args ? undefined : SHOW_SETTING[parsed.name];
    return show ? show(call) : HANDLERS[parsed.name](call);
  };

  return {
    async run(text, ctx, offset = 0) {
      const parsed = parseCommandLine(text);
      try {
        const reply = await answer(text, ctx, offset);
        // Said in the chat's language once the command has run: `language es` answers in Spanish.
        const lang = await languageOf(ctx, parsed.spanish);
        return { ...fitPlace(reply, lang, ctx.place), lang };
      } catch (err) {
        // The database is away for a moment: a person is told to ask again, not that we broke.
        if (!(err instanceof StoreUnavailableError)) throw err;
        const lang = guessedLanguage(ctx, parsed.spanish);
        return { kind: 'error', visibility: 'private', paragraphs: [t(lang).storeAway], lang };
      }
    },
    describe: describeCommand,
    languageOf: (address, userLanguage) => languageOf({ address, userLanguage }),
    apology,
    menu: (lang) =>
      COMMAND_NAMES.map((name) => ({
        command: commandWord(name, lang),
        description: t(lang).commands[name].about.slice(0, 256),
      })).filter((c) => MENU_WORD.test(c.command)),
  };
}
