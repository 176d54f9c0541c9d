import { asLang, t, type Lang } from '../i18n/index.js';
import type { Reply } from '../reply.js';
import { chatKey } from '../ports.js';
import type { Call, CommandContext, CommandDeps } from './context.js';
import { parseCommandLine, type CommandName } from './grammar.js';
import { digestPreview, help, sources, start } from './info.js';
import { country, latest, search } from './queries.js';
import { language, schedule, subscribe, subscriptions, unsubscribe } from './subscriptions.js';

type Handler = (c: Call) => Reply | Promise<Reply>;

const HANDLERS: Record<CommandName, Handler> = {
  latest,
  country,
  search,
  subscribe,
  unsubscribe,
  subscriptions,
  schedule,
  language,
  digest: digestPreview,
  sources,
  help,
  start,
};

/** Commands that change a chat (and so need its administrators, and write the store). */
export const MANAGING: ReadonlySet<CommandName> = new Set<CommandName>([
  'subscribe',
  'unsubscribe',
  'schedule',
  'language',
]);

export interface CommandService {
  /** Runs one line of the command grammar in a chat; `offset` pages results ("more"). */
  run(text: string, ctx: CommandContext, offset?: number): Promise<Reply>;
  /** The language this chat is answered in. */
  languageOf(ctx: CommandContext): Lang;
}

export function apologyReply(lang: Lang): Reply {
  return { kind: 'error', visibility: 'private', paragraphs: [t(lang).apology] };
}

export function createCommandService(deps: CommandDeps): CommandService {
  const languageOf = (ctx: CommandContext, spanishWord = false): Lang =>
    deps.store.chat(chatKey(ctx.address))?.language ??
    (spanishWord ? 'es' : undefined) ??
    asLang(ctx.userLanguage) ??
    'en';

  const run = async (text: string, ctx: CommandContext, offset = 0): Promise<Reply> => {
    const parsed = parseCommandLine(text);
    if (!parsed.ok) {
      const lang = languageOf(ctx);
      const m = t(lang);
      const paragraphs = [m.unknownCommand(parsed.word)];
      if (parsed.suggestion) paragraphs.push(m.didYouMeanCommand(parsed.suggestion));
      paragraphs.push(m.seeHelp);
      return { kind: 'error', visibility: 'private', paragraphs };
    }
    const lang = languageOf(ctx, parsed.spanish);
    if (MANAGING.has(parsed.name) && ctx.canManage === false) {
      return { kind: 'error', visibility: 'private', paragraphs: [t(lang).adminsOnly] };
    }
    if (MANAGING.has(parsed.name) && deps.writable && !deps.writable()) {
      return { kind: 'error', visibility: 'private', paragraphs: [t(lang).storeOwnedElsewhere] };
    }
    const call: Call = {
      deps,
      ctx,
      now: ctx.now ?? new Date(),
      lang,
      args: parsed.args,
      offset: Math.max(0, offset),
      chat: deps.store.chat(chatKey(ctx.address)),
      command: `${parsed.word}${parsed.args ? ` ${parsed.args}` : ''}`,
    };
    return HANDLERS[parsed.name](call);
  };

  return { run, languageOf: (ctx) => languageOf(ctx) };
}
