import type { App } from '@slack/bolt';
import type { Logger } from 'pino';
import type { ChatAddress, CoreServices, Notifier } from '../../src/ports.js';

export interface BotJoinedDeps {
  core: CoreServices;
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
    const back = await deps.core.chats.resume({
      address,
      canManage: true,
      shared: true,
      place: 'channel',
      now: new Date(),
    });
    if (!back) return;
    deps.log.info({ channel: event.channel }, 'invited into a paused channel: digests resumed');
    await deps.notifier.send(address, back);
  });
}
