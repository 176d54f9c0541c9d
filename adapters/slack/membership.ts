import { webApi } from '@slack/bolt';
import type { Logger } from 'pino';

/** Whether digests can be posted in a conversation, as far as Slack tells the bot. */
export type Reach = 'ok' | 'not_member' | 'not_visible' | 'archived';

/**
 * Asks Slack whether the bot can post in a channel, right after someone subscribed it, so
 * they learn it now rather than from a silent week. The manifest grants chat:write.public,
 * so a public channel works without the bot being a member (when Slack reports the token
 * has that scope); a private channel or a group DM needs the bot in it; a private channel
 * the bot is not in, or a DM between other people, is invisible to it (channel_not_found).
 * Undefined when Slack could not say (missing scope, network): no warning then, only a log line.
 */
export async function checkReach(
  client: webApi.WebClient,
  channel: string,
  log: Logger,
  deadlineMs = 2500,
): Promise<Reach | undefined> {
  // The confirmation waits for this check: a slow Slack gets a confirmation without the note, not a long silence.
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => {
      log.warn(
        { channel, deadlineMs },
        'Slack was slow to say whether the bot can post in the channel: confirming without checking',
      );
      resolve(undefined);
    }, deadlineMs);
  });
  try {
    return await Promise.race([ask(client, channel, log), late]);
  } finally {
    clearTimeout(timer);
  }
}

async function ask(client: webApi.WebClient, channel: string, log: Logger): Promise<Reach | undefined> {
  try {
    const res = await client.conversations.info({ channel });
    const c = res.channel;
    if (!c) return undefined;
    if (c.is_archived) return 'archived';
    if (c.is_im || c.is_member) return 'ok';
    const scopes = res.response_metadata?.scopes ?? [];
    const isPublic = c.is_channel === true && c.is_private !== true;
    if (isPublic && scopes.includes('chat:write.public')) return 'ok';
    return 'not_member';
  } catch (err) {
    if (err instanceof webApi.WebAPIPlatformError && err.data.error === 'channel_not_found')
      return 'not_visible';
    log.warn({ err, channel }, 'could not check whether the bot can post in the channel');
    return undefined;
  }
}
