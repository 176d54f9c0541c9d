import type { App } from '@slack/bolt';
import type { Logger } from 'pino';
import { resumeChat } from '../../src/chats.js';
import type { CommandService } from '../../src/commands/service.js';
import { pauseReason, t } from '../../src/i18n/index.js';
import { chatKey, type ChatAddress, type NewsStore, type Notifier } from '../../src/ports.js';

export interface BotJoinedDeps {
  commands: CommandService;
  store: NewsStore;
  notifier: Notifier;
  log: Logger;
}

/**
 * The bot invited into a channel whose digests had paused (most often a private channel that
 * subscribed before inviting it, as the subscribe reply asks): the digests go on at once, and
 * the channel is told so, with its subscriptions. Being invited is the fix the pause asked for.
 */
export function registerBotJoined(app: App, deps: BotJoinedDeps): void {
  app.event('member_joined_channel', async ({ event, context }) => {
    if (!context.botUserId || event.user !== context.botUserId) return;
    const address: ChatAddress = {
      platform: 'slack',
      chatId: event.channel,
      teamId: context.teamId ?? event.team,
    };
    const was = await resumeChat(deps.store, chatKey(address), new Date());
    if (!was) return;
    deps.log.info(
      { channel: event.channel, reason: was.pausedReason },
      'invited into a paused channel: digests resumed',
    );
    const lang = deps.commands.languageOf({ address });
    const reply = await deps.commands.run('subscriptions', { address, canManage: true, shared: true });
    await deps.notifier.send(address, {
      ...reply,
      paragraphs: [t(lang).resumed(pauseReason(lang, was.pausedReason)), ...(reply.paragraphs ?? [])],
    });
  });
}
