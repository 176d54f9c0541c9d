import type { App, types, webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Lang } from '../../src/i18n/index.js';
import type { ChatAddress, CoreServices } from '../../src/ports.js';
import { itemBlocks } from './render-slack.js';
import { slackTexts } from './texts.js';

type Block = types.KnownBlock;

/** Home tabs hold at most 100 blocks: a few for the frame, two a channel, two an item. */
const MAX_CHANNELS = 30;
const MEMBERSHIP_PAGES = 5;

export interface HomeDeps {
  core: CoreServices;
  log: Logger;
  commandName: string;
}

const plain = (text: string): types.PlainTextElement => ({ type: 'plain_text', text, emoji: false });

/** The channels (public, private, group DMs) the person is in, as far as the bot may see. */
async function channelsOf(client: webApi.WebClient, user: string): Promise<Set<string>> {
  const ids = new Set<string>();
  let cursor: string | undefined;
  for (let page = 0; page < MEMBERSHIP_PAGES; page++) {
    const res = await client.users.conversations({
      user,
      types: 'public_channel,private_channel,mpim',
      exclude_archived: true,
      limit: 200,
      cursor,
    });
    for (const c of res.channels ?? []) if (c.id) ids.add(c.id);
    cursor = res.response_metadata?.next_cursor || undefined;
    if (!cursor) break;
  }
  return ids;
}

/**
 * The Home tab speaks the language most of the person's subscribed channels use (English on a
 * tie); with none, the language of their direct messages with the app.
 */
async function homeLanguage(deps: HomeDeps, subscribed: ChatAddress[], dm: ChatAddress): Promise<Lang> {
  const { commands } = deps.core;
  if (subscribed.length === 0) return commands.languageOf(dm);
  const langs = await Promise.all(subscribed.map((a) => commands.languageOf(a)));
  const spanish = langs.filter((l) => l === 'es').length;
  return spanish * 2 > subscribed.length ? 'es' : 'en';
}

/**
 * The Home tab: the subscriptions of the channels the person is in (each as the channel's own
 * `subscriptions` command would answer it, in that channel's language) and the latest items.
 * Channel names are Slack's `<#C…>` references, which link and never notify.
 */
async function homeView(
  deps: HomeDeps,
  client: webApi.WebClient,
  user: string,
  teamId: string | undefined,
  dmChannel?: string,
): Promise<types.HomeView> {
  const mine = [...(await channelsOf(client, user))].map((chatId): ChatAddress => ({
    platform: 'slack',
    chatId,
    teamId,
  }));
  const subscribed = await deps.core.chats.subscribedAmong(mine);
  const lang = await homeLanguage(deps, subscribed, { platform: 'slack', chatId: dmChannel ?? user, teamId });
  const h = slackTexts(lang).home;
  const blocks: Block[] = [{ type: 'header', text: plain(h.title) }];
  blocks.push({ type: 'section', text: { type: 'mrkdwn', text: h.subscriptions } });
  if (subscribed.length === 0)
    blocks.push({ type: 'context', elements: [plain(h.noSubscriptions(deps.commandName))] });
  for (const address of subscribed.slice(0, MAX_CHANNELS)) {
    const reply = await deps.core.commands.run('subscriptions', {
      address,
      canManage: true,
      shared: true,
      place: 'channel',
    });
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `<#${address.chatId}>` } });
    blocks.push({
      type: 'context',
      elements: [plain((reply.paragraphs ?? []).join('\n').slice(0, 3000) || '…')],
    });
  }
  if (subscribed.length > MAX_CHANNELS)
    blocks.push({ type: 'context', elements: [plain(h.moreChannels(subscribed.length - MAX_CHANNELS))] });

  // The person's own address has no stored language: the Home tab's is passed as theirs.
  const latest = await deps.core.commands.run('latest', {
    address: { platform: 'slack', chatId: user, teamId },
    canManage: false,
    userLanguage: lang,
  });
  blocks.push({ type: 'divider' }, { type: 'section', text: { type: 'mrkdwn', text: h.latest } });
  (latest.items ?? []).forEach((v, i) => blocks.push(...itemBlocks(v, i + 1)));
  blocks.push({ type: 'context', elements: [plain(h.moreNews(deps.commandName))] });
  return { type: 'home', blocks };
}

/** Publishes the Home tab whenever someone opens it (the app_home_opened event). */
export function registerHome(app: App, deps: HomeDeps): void {
  app.event('app_home_opened', async ({ event, client, context }) => {
    if (event.tab !== 'home') return;
    try {
      const view = await homeView(deps, client, event.user, context.teamId, event.channel);
      await client.views.publish({ user_id: event.user, view });
    } catch (err) {
      deps.log.error({ err, user: event.user }, 'could not publish the Slack Home tab');
    }
  });
}
