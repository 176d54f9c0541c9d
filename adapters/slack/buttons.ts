import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { answer, RESPONSE_URL_POSTS, type AnswerDeps, type Where } from './answer.js';
import { decodeButtonPress } from './button-value.js';
import { isShared } from './slash-command.js';

function whereOfPress(body: BlockAction): Where | undefined {
  const channel = body.channel?.id;
  const teamId = body.team?.id ?? body.user.team_id;
  if (!channel) return undefined;
  return {
    address: { platform: 'slack', chatId: channel, teamId },
    shared: isShared(channel, body.channel?.name),
    userId: body.user.id,
  };
}

/**
 * Our buttons (block_actions): each carries the command to run again, so a press runs it in
 * the channel where it was pressed.
 * - More: the next page. On the asker's ephemeral result it replaces that message; on a message
 *   everyone sees (a digest, a shared result) the next page goes to the presser alone.
 * - Share in channel: the same result, posted for everyone, and the ephemeral copy removed
 *   (the way Slack's own /giphy preview works).
 * - Subscribe, Unsubscribe and the rest: the command, answered as the command would be.
 * Every block action is taken and acknowledged here, ours or not (a button of an older
 * message, another app's), so Slack never shows a press as failed.
 */
export function registerButtons(app: App, deps: AnswerDeps): void {
  app.action<BlockAction<ButtonAction>>(
    { type: 'block_actions' },
    async ({ ack, body, action, respond, client, context }) => {
      await ack();
      const press = action.type === 'button' ? decodeButtonPress(action.action_id, action.value) : undefined;
      const where = whereOfPress(body);
      if (!press || !where) {
        deps.log.warn(
          { actionId: action.action_id, channel: body.channel?.id },
          'a button press that is not ours, or outside a channel: ignored',
        );
        return;
      }
      const onEphemeral = body.container?.is_ephemeral === true;
      const base = {
        text: press.command,
        offset: press.offset,
        where,
        respond,
        client,
        botUserId: context.botUserId,
        source: 'button' as const,
      };
      if (press.kind === 'more') {
        await answer(deps, { ...base, replace: onEphemeral });
      } else if (press.kind === 'share') {
        // One post of the response URL is kept for removing the preview.
        const shared = await answer(deps, { ...base, audience: 'channel', posts: RESPONSE_URL_POSTS - 1 });
        if (shared && onEphemeral)
          await respond({ delete_original: true }).catch((err: unknown) =>
            deps.log.warn({ err }, 'could not remove the shared preview'),
          );
      } else {
        await answer(deps, { ...base, offset: 0 });
      }
    },
  );
}
