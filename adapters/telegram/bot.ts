import type { Logger } from 'pino';
import type { Context, Telegraf } from 'telegraf';
import type { Chat, Message, User } from 'telegraf/types';
import {
  DeliveryError,
  type ChatAddress,
  type ChatPlace,
  type ChatReply,
  type CommandContext,
  type CoreServices,
} from '../../src/ports.js';
import { replyToText } from '../../src/reply.js';
import { GROUP_ANONYMOUS_BOT, type AdminCheck } from './admins.js';
import type { CallbackCodec } from './callback-data.js';
import { createKeyedQueue } from '../shared/keyed-queue.js';
import { renderTelegram } from './render-telegram.js';
import type { Sender } from './sender.js';
import { tgText } from './texts.js';

/** The updates the bot asks Telegram for. */
export const ALLOWED_UPDATES = ['message', 'channel_post', 'callback_query', 'my_chat_member'] as const;

/**
 * The most messages one command's answer takes: a 20-item result with summaries is three, and
 * an answer never floods a chat, whatever was asked.
 */
export const COMMAND_REPLY_PARTS = 3;

/** Telegram shows at most this much in a callback answer. */
const ALERT_MAX = 200;

export interface BotWiring {
  bot: Telegraf;
  core: CoreServices;
  sender: Sender;
  codec: CallbackCodec;
  admins: AdminCheck;
  log: Logger;
  now: () => Date;
}

export interface WiredBot {
  /** resolves when every update taken so far has been handled */
  idle(): Promise<void>;
}

const address = (chatId: number | string): ChatAddress => ({ platform: 'telegram', chatId: String(chatId) });
const isGroup = (chat: Chat) => chat.type === 'group' || chat.type === 'supergroup';
const placeOf = (chat: Chat): ChatPlace =>
  chat.type === 'private' ? 'chat' : chat.type === 'channel' ? 'channel' : 'group';

/**
 * The bot's behaviour on telegraf: commands in private chats, groups and channels; buttons;
 * group-to-supergroup migration; and one place where a failed update is logged and apologised for.
 */
export function wireBot(w: BotWiring): WiredBot {
  const { bot, log } = w;
  const { commands, chats, requests } = w.core;
  // A command's answer is a few messages at most, whatever was asked (see COMMAND_REPLY_PARTS).
  const render = (r: ChatReply) =>
    renderTelegram(r, {
      encode: w.codec.encode,
      budget: { parts: COMMAND_REPLY_PARTS, cutNote: tgText(r.lang).replyCut },
    });
  const inOrder = createKeyedQueue();

  /** May this person change the chat: anyone in their own private chat; group and channel admins. */
  async function canManage(
    chat: Chat,
    from: User | undefined,
    senderChat: Chat | undefined,
    viaPost: boolean,
  ): Promise<boolean> {
    if (chat.type === 'private') return true;
    // Only a channel's administrators can post in it.
    if (chat.type === 'channel' && viaPost) return true;
    // An anonymous administrator writes as the group itself.
    if (senderChat?.id === chat.id || from?.id === GROUP_ANONYMOUS_BOT) return true;
    if (!from) return false;
    return w.admins.isAdmin(chat.id, from.id);
  }

  async function contextFor(
    chat: Chat,
    from: User | undefined,
    senderChat: Chat | undefined,
    command: string,
    viaPost: boolean,
  ): Promise<CommandContext> {
    const needsCheck = chat.type !== 'private' && commands.describe(command).changesChat;
    return {
      address: address(chat.id),
      canManage: needsCheck ? await canManage(chat, from, senderChat, viaPost) : undefined,
      userLanguage: from?.language_code,
      shared: chat.type !== 'private',
      place: placeOf(chat),
      commandPrefix: isGroup(chat) ? '/' : undefined,
      now: w.now(),
    };
  }

  async function migrate(from: number, to: number) {
    if (await chats.move(address(from), address(to), w.now()))
      log.info({ from, to }, 'group became a supergroup: its subscription moved with it');
  }

  // Telegram delivers a webhook update again when its answer is slow (a command waiting out a
  // 429), or when the instance answering it died: the first is not run twice, the second is run.
  bot.use(async (ctx, next) => {
    const key = `telegram:update:${ctx.update.update_id}`;
    if (!(await requests.firstTime(key))) {
      log.debug({ updateId: ctx.update.update_id }, 'Telegram update delivered again: already handled');
      return;
    }
    try {
      await next();
    } finally {
      await requests.answered(key);
    }
  });

  // One chat's updates in the order they came (subscribe, then subscriptions, sees the subscription).
  bot.use((ctx, next) => inOrder.run(String(ctx.chat?.id ?? ctx.from?.id ?? ''), () => next()));

  // Two registrations, not bot.on(['message', 'channel_post']): the array form's types cost tsc
  // seconds (a third of the whole project's check) for the same behaviour.
  bot.on('message', (ctx) => onMessage(ctx.message, false, ctx.botInfo));
  bot.on('channel_post', (ctx) => onMessage(ctx.channelPost, true, ctx.botInfo));

  async function onMessage(msg: Message, viaPost: boolean, me: { username: string }) {
    if ('migrate_to_chat_id' in msg) return migrate(msg.chat.id, msg.migrate_to_chat_id);
    if ('migrate_from_chat_id' in msg) return migrate(msg.migrate_from_chat_id, msg.chat.id);
    if (!('text' in msg) || msg.is_automatic_forward) return;
    const { chat, text } = msg;
    const slash = text.startsWith('/');
    // In groups and channels only commands are for the bot; in a private chat, any line is.
    if (!slash && chat.type !== 'private') return;
    const mention = /^\/[^\s@]*@(\w+)/.exec(text)?.[1];
    // A private chat has no other bot to address: "/<@U1>" or "/@everyone" there is for us too.
    if (chat.type !== 'private' && mention && mention.toLowerCase() !== me.username.toLowerCase()) return;
    // A group may have other bots: a command that is not ours, not addressed to us, is theirs.
    if (chat.type !== 'private' && !mention && !commands.describe(text).known) return;

    const cctx = await contextFor(chat, msg.from, msg.sender_chat, text, viaPost);
    log.debug({ chatId: chat.id, text }, 'Telegram command');
    const answer = await commands.run(text, cctx);
    // A group reads only commands: its help says so, beside the slashed list.
    const reply =
      isGroup(chat) && commands.describe(text).isHelp
        ? { ...answer, paragraphs: [...(answer.paragraphs ?? []), tgText(answer.lang).groupHint] }
        : answer;
    await w.sender.sendParts(String(chat.id), render(reply), {
      paced: false,
      replyTo: isGroup(chat) ? msg.message_id : undefined,
    });
  }

  // The bot's own membership: removed or blocked, the chat's digests pause at once rather than
  // at the next send; back in the chat, they resume, and a group is told what it receives (a
  // new group, what the bot does there).
  bot.on('my_chat_member', async (ctx) => {
    const { chat, from, old_chat_member: before, new_chat_member: after } = ctx.myChatMember;
    const gone = (status: string) => status === 'left' || status === 'kicked';
    if (gone(after.status)) {
      await chats.pause(address(chat.id), chat.type === 'private' ? 'bot_blocked' : 'bot_removed', w.now());
      log.info({ chatId: chat.id, status: after.status }, 'bot removed from a chat');
      return;
    }
    if (!gone(before.status)) return;
    const cctx: CommandContext = {
      address: address(chat.id),
      userLanguage: from.language_code,
      shared: chat.type !== 'private',
      place: placeOf(chat),
      now: w.now(),
    };
    // Back in the chat (added again, or unblocked): being able to post is what the pause waited for.
    const back = await chats.resume(cctx);
    if (back) log.info({ chatId: chat.id }, 'bot back in a paused chat: digests resumed');
    // A channel's readers would all see a greeting; a private chat's person says /start themselves.
    if (chat.type === 'channel' || (chat.type === 'private' && !back)) return;
    const reply = back ?? (await chats.welcome(cctx));
    await w.sender.sendParts(String(chat.id), render(reply), { paced: false });
  });

  bot.on('callback_query', async (ctx) => {
    const q = ctx.callbackQuery;
    const data = 'data' in q ? q.data : undefined;
    const chat = q.message?.chat;
    if (!data || !chat || !q.message) {
      ctx.state.answered = true;
      await ctx.answerCbQuery();
      return;
    }
    const button = w.codec.decode(data);
    if (!button) {
      const lang = await commands.languageOf(address(chat.id), q.from.language_code);
      ctx.state.answered = true;
      await ctx.answerCbQuery(tgText(lang).buttonExpired, { show_alert: true });
      return;
    }
    const cctx = await contextFor(chat, q.from, undefined, button.command, false);
    const reply = await commands.run(button.command, cctx, button.offset);
    const text = replyToText(reply);
    ctx.state.answered = true;
    // A refusal or a usage hint concerns only the person who pressed: show it to them alone.
    if (reply.kind === 'error' && text.length <= ALERT_MAX) {
      await ctx.answerCbQuery(text, { show_alert: true });
      return;
    }
    await ctx.answerCbQuery();
    const rendered = render(reply);
    if (button.mode === 'page' && (await w.sender.edit(String(chat.id), q.message.message_id, rendered)))
      return;
    await w.sender.sendParts(String(chat.id), rendered, { paced: false });
  });

  bot.catch(async (err: unknown, ctx: Context) => {
    const msg = (ctx.message ?? ctx.channelPost) as Message | undefined;
    const q = ctx.callbackQuery;
    const text = msg && 'text' in msg ? msg.text : q && 'data' in q ? q.data : undefined;
    // A person who blocked the bot is not a fault of the service: worth a warning, not an error.
    const level = err instanceof DeliveryError && err.code === 'chat_unreachable' ? 'warn' : 'error';
    log[level]({ err, updateId: ctx.update.update_id, chatId: ctx.chat?.id, text }, 'Telegram update failed');
    if (!ctx.chat) return;
    try {
      const lang = await commands.languageOf(address(ctx.chat.id), ctx.from?.language_code);
      const apology = commands.apology(lang, err);
      if (q && !ctx.state.answered) await ctx.answerCbQuery(replyToText(apology), { show_alert: true });
      else await w.sender.sendParts(String(ctx.chat.id), render(apology), { paced: false });
    } catch (again) {
      // the chat may be the very thing that failed (blocked, gone): logged once above is enough
      log.debug({ err: again, chatId: ctx.chat.id }, 'could not send the apology');
    }
  });

  return { idle: () => inOrder.idle() };
}
