import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { SLACK_EVENTS_PATH } from '../../adapters/slack/transport.js';
import { MANIFEST_SCOPES } from '../fakes/slack-api.js';

const manifest = JSON.parse(
  readFileSync(new URL('../../adapters/slack/manifest.json', import.meta.url), 'utf8'),
);

/** The manifest creates the app the adapter expects: the same command, URLs and scopes. */
describe('Slack app manifest', () => {
  test('one slash command, /news (the SLACK_COMMAND default), posting to /slack/events', () => {
    expect(manifest.features.slash_commands).toHaveLength(1);
    const [command] = manifest.features.slash_commands;
    expect(command.command).toBe('/news');
    expect(new URL(command.url).pathname).toBe(SLACK_EVENTS_PATH);
    expect(command.usage_hint.length).toBeLessThanOrEqual(1000);
  });

  test('button presses and the Home tab event go to the same URL; HTTP mode by default', () => {
    expect(manifest.settings.interactivity).toEqual({
      is_enabled: true,
      request_url: 'https://YOUR-HOST/slack/events',
    });
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    // The one event: someone opened the Home tab.
    expect(manifest.settings.event_subscriptions).toEqual({
      request_url: 'https://YOUR-HOST/slack/events',
      bot_events: ['app_home_opened', 'member_joined_channel'],
    });
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
  });

  test('the bot scopes are what the adapter uses, and what the fake Web API reports', () => {
    const scopes: string[] = manifest.oauth_config.scopes.bot;
    for (const s of ['commands', 'chat:write', 'chat:write.public', 'channels:read', 'groups:read'])
      expect(scopes).toContain(s);
    expect([...scopes].sort()).toEqual([...MANIFEST_SCOPES].sort());
  });
});
