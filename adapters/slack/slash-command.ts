import type { App, SlashCommand } from '@slack/bolt';
import { answer, type AnswerDeps, type Where } from './answer.js';
import { unescapeEntities } from './mrkdwn.js';

/** A DM is private; channels, private channels and group DMs are shared ("Subscribe this channel"). */
export function isShared(channelId: string, channelName?: string): boolean {
  return !channelId.startsWith('D') && channelName !== 'directmessage';
}

function whereOfCommand(c: SlashCommand): Where {
  return {
    address: { platform: 'slack', chatId: c.channel_id, teamId: c.team_id },
    shared: isShared(c.channel_id, c.channel_name),
    userId: c.user_id,
  };
}

/**
 * The one slash command (`/news <command> [args]`; `/news` alone is help). Slack wants an
 * answer within 3 seconds and a retry follows a slow one, so the request is acknowledged
 * before anything else runs and the reply follows through response_url. Slack sends & < > in
 * the text as entities; they are decoded so "country T&T" means what was typed.
 */
export function registerSlashCommand(app: App, deps: AnswerDeps): void {
  app.command(deps.commandName, async ({ ack, command, respond, client, context }) => {
    await ack();
    await answer(deps, {
      text: unescapeEntities(command.text ?? ''),
      where: whereOfCommand(command),
      respond,
      client,
      botUserId: context.botUserId,
      source: 'command',
    });
  });
  // Another command reaching this app means the manifest and SLACK_COMMAND disagree: say so
  // at once (instead of Slack's timeout) and tell the operator which setting to change.
  app.command(/.*/, async ({ ack, command, respond }) => {
    if (command.command === deps.commandName) return;
    await ack();
    deps.log.warn(
      { received: command.command, configured: deps.commandName },
      'Slack sent a slash command other than SLACK_COMMAND: set SLACK_COMMAND to the name in the app manifest',
    );
    await respond({
      response_type: 'ephemeral',
      text: `This app answers ${deps.commandName}: try ${deps.commandName} help.`,
    }).catch(() => undefined);
  });
}
