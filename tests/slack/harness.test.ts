import { afterEach, describe, expect, it } from 'vitest';
import type { NotifierHarness } from '../contract/harness.js';
import { slackHarness } from '../contract/slack-harness.js';
// the rig's check after each test: nothing sent that Slack would refuse or warn about
import '../helpers/slack-rig.js';

let h: NotifierHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

// The shared contract suite runs the harness in depth; this checks the wiring it relies on.
describe('the Slack notifier harness', () => {
  it('sends, reads back the plain text per channel, and scripts each fault', async () => {
    h = await slackHarness();
    const a = h.address('alpha');
    const b = h.address('beta');
    expect(a.chatId).not.toBe(b.chatId);
    expect(h.address('alpha')).toEqual(a);
    expect(a).toMatchObject({ platform: 'slack', teamId: expect.any(String) });
    await h.notifier.send(a, {
      kind: 'info',
      visibility: 'public',
      heading: 'Hi & <bye>',
      paragraphs: ['one'],
    });
    expect(h.received(a)).toEqual(['Hi & <bye>\n\none']);
    expect(h.received(b)).toEqual([]);

    h.fault(b, 'unreachable');
    await expect(
      h.notifier.send(b, { kind: 'info', visibility: 'public', paragraphs: ['x'] }),
    ).rejects.toMatchObject({ code: 'chat_unreachable', reason: 'channel_not_found' });
    h.fault(b, 'server_error', 3);
    await expect(
      h.notifier.send(b, { kind: 'info', visibility: 'public', paragraphs: ['x'] }),
    ).rejects.toMatchObject({ code: 'unavailable' });
    h.fault(b, 'rate_limited');
    await expect(
      h.notifier.send(b, { kind: 'info', visibility: 'public', paragraphs: ['after the wait'] }),
    ).resolves.toMatchObject({ messageIds: [expect.any(String)] });
    expect(h.received(b)).toEqual(['after the wait']);
    expect(h.supports('migrated')).toBe(false);
  });
});
