import type { RespondArguments, RespondFn, webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Lang } from '../../src/i18n/index.js';
import type { ChatAddress, ChatReply, CommandContext, CommandInfo, CoreServices } from '../../src/ports.js';
import { checkReach, type Reach } from './membership.js';
import { mrkdwnLiteral } from './mrkdwn.js';
import { renderSlack, type RenderOptions, type SlackMessage } from './render-slack.js';
import { slackTexts } from './texts.js';

/** Where a command was typed or a button pressed, and by whom. */
export interface Where {
  address: ChatAddress;
  /** a channel or group DM, not a DM with the bot */
  shared: boolean;
  userId: string;
}

export interface AnswerDeps {
  core: CoreServices;
  log: Logger;
  /** the slash command's name, for the hint under help and usage */
  commandName: string;
  /** how long a subscribe confirmation waits for the can-the-bot-post check */
  reachCheckMs?: number;
}

export interface Question {
  text: string;
  offset?: number;
  where: Where;
  respond: RespondFn;
  /** the listener's client, to check the bot can post where someone subscribed */
  client: webApi.WebClient;
  botUserId?: string;
  /** replace the message the button was on (paging an ephemeral result) */
  replace?: boolean;
  /** post for everyone whatever the reply's visibility ("Share in channel") */
  audience?: RenderOptions['audience'];
  /** for the log: a slash command or a button */
  source: 'command' | 'button';
  /** posts of the response URL this answer may use (default all five); one more is kept for a follow-up */
  posts?: number;
}

/**
 * Who may change a channel's subscriptions: any member of it. Slack has no per-channel
 * administrators the way Telegram groups do (channel managers exist only on some plans, and
 * the API does not tell an app who they are); whoever can type in a channel can already
 * decide what gets posted there. So canManage is always true in Slack.
 */
function commandContext(where: Where): CommandContext {
  return {
    address: where.address,
    canManage: true,
    shared: where.shared,
    place: where.shared ? 'channel' : 'chat',
  };
}

function reachNote(
  reach: Reach | undefined,
  where: Where,
  lang: Lang,
  botUserId: string | undefined,
): string | undefined {
  const m = slackTexts(lang);
  const bot = botUserId ? `<@${botUserId}>` : m.theApp;
  if (reach === 'archived') return m.archived;
  if (reach === 'not_member') return m.notMember(bot);
  if (reach === 'not_visible')
    return where.address.chatId.startsWith('D') ? m.notVisibleDm : m.notVisible(bot);
  return undefined;
}

function wantsHint(reply: ChatReply, command: CommandInfo): boolean {
  if (!command.known || command.isHelp) return true;
  return reply.kind === 'error' || (reply.kind === 'usage' && !reply.actions?.length);
}

/** `quiet` itself, or help on it: where Slack's people must learn that Slack has no silent message. */
function aboutQuiet(text: string, command: CommandInfo, commands: CoreServices['commands']): boolean {
  if (command.name === 'quiet') return true;
  const asked = text.trim().split(/\s+/).slice(1).join(' ');
  return command.name === 'help' && asked !== '' && commands.describe(asked).name === 'quiet';
}

/**
 * Slack takes five posts to a response URL (within 30 minutes), and refuses the sixth: an answer
 * never needs more, and one that would is cut to fit (RenderOptions.budget).
 */
export const RESPONSE_URL_POSTS = 5;

/** The parts through response_url: the first may replace the pressed message, the rest follow it. */
async function sendAll(
  respond: RespondFn,
  parts: SlackMessage[],
  base: RespondArguments,
  replace: boolean,
  posted: { count: number },
): Promise<void> {
  for (const [i, part] of parts.entries()) {
    posted.count++;
    await respond({ ...base, ...part, replace_original: replace && i === 0 });
  }
}

/**
 * Runs one command for Slack and answers through response_url: private replies (queries,
 * help) ephemeral, public ones (subscription changes) in the channel. A subscription that
 * worked is followed by a check that the bot can post there, with what to do when it cannot.
 * Any failure is logged with its context and the person gets a short ephemeral apology.
 * Resolves to whether the answer went out.
 */
export async function answer(deps: AnswerDeps, q: Question): Promise<boolean> {
  const ctx = commandContext(q.where);
  const { commands } = deps.core;
  const command = commands.describe(q.text);
  const logContext = {
    command: q.text,
    offset: q.offset,
    channel: q.where.address.chatId,
    team: q.where.address.teamId,
    user: q.where.userId,
    source: q.source,
  };
  const posts = q.posts ?? RESPONSE_URL_POSTS;
  const posted = { count: 0 };
  try {
    const reply = await commands.run(q.text, ctx, q.offset ?? 0);
    const lang = reply.lang;
    const audience = q.audience ?? (reply.visibility === 'public' ? 'channel' : 'ephemeral');
    const notes: string[] = [];
    if (command.name === 'subscribe' && reply.kind === 'result') {
      const note = reachNote(
        await checkReach(q.client, q.where.address.chatId, deps.log, deps.reachCheckMs),
        q.where,
        lang,
        q.botUserId,
      );
      if (note) notes.push(note);
    }
    // A change posted for the whole channel says who made it (a button press or a typed command).
    if (audience === 'channel' && !q.audience && command.changesChat && reply.kind !== 'error')
      notes.push(
        slackTexts(lang).changedBy(
          `<@${q.where.userId}>`,
          mrkdwnLiteral(`${deps.commandName} ${q.text}`, 200),
        ),
      );
    if (aboutQuiet(q.text, command, commands)) notes.push(slackTexts(lang).quietNote);
    const hint = wantsHint(reply, command) ? slackTexts(lang).commandHint(deps.commandName) : undefined;
    const parts = renderSlack(reply, {
      audience,
      notes,
      hint,
      budget: { messages: posts, cutNote: slackTexts(lang).replyCut },
    });
    const responseType = audience === 'channel' ? 'in_channel' : 'ephemeral';
    await sendAll(
      q.respond,
      parts,
      { response_type: responseType },
      q.replace === true && audience === 'ephemeral',
      posted,
    );
    return true;
  } catch (err) {
    deps.log.error({ err, ...logContext }, 'Slack command failed');
    // The response URL's posts are spent: Slack would refuse an apology too.
    if (posted.count >= posts) return false;
    const lang = await commands.languageOf(ctx.address, command.wordLang).catch(() => 'en' as const);
    const [apology] = renderSlack(commands.apology(lang, err), { audience: 'ephemeral' });
    await q
      .respond({ ...apology, response_type: 'ephemeral', replace_original: false })
      .catch((e: unknown) => {
        deps.log.error({ err: e, ...logContext }, 'could not send the apology either');
      });
    return false;
  }
}
