import { boltLogger } from '../../adapters/slack/bolt-logger.js';
import { unescapeEntities } from '../../adapters/slack/mrkdwn.js';
import { createSlackNotifier } from '../../adapters/slack/notifier.js';
import { createSlackPipeline } from '../../adapters/slack/pipeline.js';
import { apiBaseUrl, createDeliveryClient } from '../../adapters/slack/web-client.js';
import type { ChatAddress } from '../../src/ports.js';
import { startFakeSlack, type SlackFault } from '../fakes/slack-api.js';
import type { HarnessFactory, NotifierHarness } from './harness.js';
import { silentLog } from '../helpers/logs.js';

const TOKEN = 'xoxb-contract-token';
const TEAM = 'T0CONTRACT';

/** The Slack notifier as the adapter builds it (a client that leaves retries to it), against the fake Web API. */
export const slackHarness: HarnessFactory = async (): Promise<NotifierHarness> => {
  const fake = await startFakeSlack({ token: TOKEN, teamId: TEAM, retryAfter: 1 });
  const log = silentLog();
  // the real limits' shape, quick enough for a test suite
  const pipeline = createSlackPipeline({
    apiUrl: apiBaseUrl(fake.apiUrl),
    log,
    perChannelMs: 20,
    retry: { backoffMs: 10 },
  });
  const notifier = createSlackNotifier({
    client: createDeliveryClient(TOKEN, fake.apiUrl, boltLogger(log), pipeline.fetch),
    pipeline,
    log,
  });
  // Slack channel ids are upper-case letters and digits starting with C: each harness id gets one.
  const ids = new Map<string, string>();
  const channelOf = (id: string) => {
    if (!ids.has(id)) ids.set(id, `C0H${String(ids.size + 1).padStart(6, '0')}`);
    return ids.get(id)!;
  };
  const faults: Record<Exclude<Parameters<NotifierHarness['fault']>[1], 'migrated'>, SlackFault> = {
    rate_limited: 'rate_limited',
    unreachable: 'channel_not_found',
    server_error: 'server_error',
  };
  return {
    name: 'slack',
    notifier,
    address: (id): ChatAddress => ({ platform: 'slack', chatId: channelOf(id), teamId: TEAM }),
    // What a person reads: the fallback text, with Slack's &amp; &lt; &gt; decoded.
    received: (a) => fake.posts(a.chatId).map((c) => unescapeEntities(String(c.body.text))),
    fault(a, kind, times = 1) {
      // Slack has no group migration: nothing to script.
      if (kind === 'migrated') return;
      fake.fault(a.chatId, faults[kind], times);
    },
    supports: () => false,
    close: () => fake.close(),
  };
};
