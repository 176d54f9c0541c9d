import { App, webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { CommandService } from '../../src/commands/service.js';
import { ConfigError, type Config } from '../../src/config.js';
import { createInFlight } from '../../src/in-flight.js';
import { createSeenKeys } from '../../src/seen-keys.js';
import { UnreachableError, type ChatAdapter, type HttpRoutes, type NewsStore } from '../../src/ports.js';
import { boltLogger, boltLogLevel } from './bolt-logger.js';
import { registerBotJoined } from './bot-joined.js';
import { registerButtons } from './buttons.js';
import { registerHome } from './home.js';
import { dropDuplicates } from './dedupe.js';
import { createSlackNotifier, type SlackNotifierOptions } from './notifier.js';
import { registerSlashCommand } from './slash-command.js';
import { createTransport } from './transport.js';
import { apiBaseUrl, createDeliveryClient, listenerClientOptions } from './web-client.js';

export interface SlackAdapterOptions {
  config: NonNullable<Config['slack']>;
  commands: CommandService;
  store: NewsStore;
  /** the shared listener, for HTTP mode */
  http?: HttpRoutes;
  log: Logger;
  /** the notifier's pacing and retries (tests and the benchmark shorten them) */
  delivery?: Omit<SlackNotifierOptions, 'client' | 'log'>;
  /** how long a subscribe confirmation waits to learn whether the bot can post there (default 2,500 ms) */
  reachCheckMs?: number;
  /** how long stop() waits for commands already acknowledged to be answered (default 5 s) */
  drainMs?: number;
}

export interface SlackAdapter extends ChatAdapter {
  readonly mode: 'http' | 'socket';
}

/**
 * The Slack app on Bolt: one slash command, our buttons and the Home tab in, digests out. HTTP mode mounts
 * Bolt's receiver on the shared listener at /slack/events; with SLACK_APP_TOKEN it runs in
 * Socket Mode instead. Nothing talks to Slack before start(), which checks the token
 * (auth.test) and fails with Slack's own word for what is wrong.
 */
export function createSlackAdapter(o: SlackAdapterOptions): SlackAdapter {
  const log = o.log.child({ platform: 'slack' });
  const logger = boltLogger(o.log);
  const logLevel = boltLogLevel(o.log);
  const transport = createTransport({ config: o.config, http: o.http, logger, logLevel });

  const app = new App({
    token: o.config.botToken,
    receiver: transport.receiver,
    logger,
    logLevel,
    clientOptions: listenerClientOptions(o.config.apiUrl, logger),
    // auth.test runs in start(), not in the constructor: building the app never touches the network.
    deferInitialization: true,
    // Bolt's conversation store is unused here; it would only cost a lookup per request.
    convoStore: false,
  });
  // A command is acknowledged before it is answered: stopping waits for the answers under way.
  const work = createInFlight();
  app.use(({ next }) => work.track(next()));
  app.use(dropDuplicates(createSeenKeys(), log));
  const deps = {
    commands: o.commands,
    store: o.store,
    log,
    commandName: o.config.command,
    reachCheckMs: o.reachCheckMs,
  };
  registerSlashCommand(app, deps);
  registerButtons(app, deps);
  registerHome(app, deps);
  const notifier = createSlackNotifier({
    client: createDeliveryClient(o.config.botToken, o.config.apiUrl, logger),
    log,
    ...o.delivery,
  });
  registerBotJoined(app, { ...deps, notifier });
  app.error(async (err) => {
    log.error({ err }, 'Slack request failed outside a command');
  });

  return {
    platform: 'slack',
    mode: transport.mode,
    notifier,
    async start() {
      try {
        await app.init();
      } catch (err) {
        const api = apiBaseUrl(o.config.apiUrl);
        if (
          err instanceof Error &&
          'data' in err &&
          (err as webApi.WebAPIPlatformError).code === webApi.ErrorCode.PlatformError
        ) {
          const code = (err as webApi.WebAPIPlatformError).data.error;
          throw new ConfigError([
            `SLACK_BOT_TOKEN was refused by the Slack Web API at ${api} (${code}): copy the Bot User OAuth Token again from the app's OAuth & Permissions page (it starts with xoxb-) and set SLACK_BOT_TOKEN to it`,
          ]);
        }
        throw new UnreachableError(
          `Could not reach the Slack Web API at ${api} to check SLACK_BOT_TOKEN: ${(err as Error).message}. Check the network, or SLACK_API_URL.`,
          { cause: err },
        );
      }
      await transport.start(app);
      log.info({ mode: transport.mode, command: o.config.command }, 'Slack app ready');
    },
    async stop() {
      await transport.stop(app);
      await work.settled(o.drainMs ?? 5_000);
    },
  };
}
