/** Slack has no silent message: quiet and help quiet say so, in the chat's language, through the running Bolt app. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chatKey } from '../../src/ports.js';
import { blockTexts, CHANNEL, plain, startRig, TEAM, type Rig } from '../helpers/slack-rig.js';

describe('Slack: quiet', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig();
  });
  afterAll(async () => {
    await rig.close();
  });

  test('quiet on is kept, and the answer says Slack has no silent delivery; help quiet says it too', async () => {
    const on = await rig.command('quiet on');
    expect(blockTexts(on.first).join('\n')).toContain('now arrive silently, without a notification sound');
    expect(blockTexts(on.first).join('\n')).toContain('Slack has no silent delivery for a single message');
    expect(
      (await rig.core.store.chat(chatKey({ platform: 'slack', chatId: CHANNEL, teamId: TEAM })))?.quiet,
    ).toBe(true);
    const help = await rig.command('help quiet');
    expect(plain(help.first)).toContain('Usage: quiet on | quiet off');
    expect(blockTexts(help.first).join('\n')).toContain('Slack has no silent delivery for a single message');
    const es = await rig.command('ayuda silencio', { channel: 'C0OTRO' });
    expect(blockTexts(es.first).join('\n')).toContain('Slack no permite enviar un mensaje sin notificación');
    // other commands carry no such note
    const latest = await rig.command('latest');
    expect(blockTexts(latest.first).join('\n')).not.toContain('silent delivery');
  });
});
