import { App, webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import {
  SettingsError,
  UnreachableError,
  type ChatAdapter,
  type CoreServices,
  type HttpRoutes,
} from '../../src/ports.js';
import { createInFlight, within } from '../shared/in-flight.js';
import { boltLogger, boltLogLevel } from './bolt-logger.js';
import { registerBotJoined } from './bot-joined.js';
import { registerButtons } from './buttons.js';
import { registerHome } from './home.js';
import { dropDuplicates } from './dedupe.js';
import { createSlackNotifier } from './notifier.js';
import { createSlackPipeline, type SlackPipelineOptions } from './pipeline.js';
import { registerSlashCommand } from './slash-command.js';
import { createTransport } from './transport.js';
import { apiBaseUrl, createDeliveryClient, listenerClientOptions } from './web-client.js';

/** The adapter's own settings (SLACK_* in the environment). */
export interface SlackSettings {
  botToken: string;
  /** HTTP mode: Slack's requests are checked against it */
  signingSecret?: string;
  /** Socket Mode instead of HTTP */
  appToken?: string;
  /** the Web API base URL (GovSlack, a test fake); default the public one */
  apiUrl?: string;
  /** the slash command's name, as in the app's manifest ("/news") */
  command: string;
}

export interface SlackAdapterOptions {
  settings: SlackSettings;
  /** what the adapter may ask of the core */
  core: CoreServices;
  /** the shared listener, for HTTP mode */
  http?: HttpRoutes;
  log: Logger;
  /** the pipeline's pacing, retries and K (tests and the benchmark shorten them) */
  pipeline?: Omit<SlackPipelineOptions, 'apiUrl' | 'log'>;
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
  const transport = createTransport({ settings: o.settings, http: o.http, logger, logLevel, log });

  // Every call to Slack passes it: the listeners', respond()'s and the digests'.
  const pipeline = createSlackPipeline({ apiUrl: apiBaseUrl(o.settings.apiUrl), log, ...o.pipeline });
  const app = new App({
    token: o.settings.botToken,
    receiver: transport.receiver,
    logger,
    logLevel,
    clientOptions: listenerClientOptions(o.settings.apiUrl, logger, pipeline.fetch),
    // auth.test runs in start(), not in the constructor: building the app never touches the network.
    deferInitialization: true,
    // Bolt's conversation store is unused here; it would only cost a lookup per request.
    convoStore: false,
  });
  // A command is acknowledged before it is answered: stopping waits for the answers under way.
  const work = createInFlight();
  app.use(({ next }) => work.track(next()));
  app.use(dropDuplicates(o.core.requests, log));
  const deps = {
    core: o.core,
    log,
    commandName: o.settings.command,
    reachCheckMs: o.reachCheckMs,
  };
  registerSlashCommand(app, deps);
  registerButtons(app, deps);
  registerHome(app, deps);
  const notifier = createSlackNotifier({
    client: createDeliveryClient(o.settings.botToken, o.settings.apiUrl, logger, pipeline.fetch),
    pipeline,
    log,
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
        const api = apiBaseUrl(o.settings.apiUrl);
        if (
          err instanceof Error &&
          'data' in err &&
          (err as webApi.WebAPIPlatformError).code === webApi.ErrorCode.PlatformError
        ) {
          const code = (err as webApi.WebAPIPlatformError).data.error;
          throw new SettingsError(
            `SLACK_BOT_TOKEN was refused by the Slack Web API at ${api} (${code}): copy the Bot User OAuth Token again from the app's OAuth & Permissions page (it starts with xoxb-) and set SLACK_BOT_TOKEN to it`,
          );
        }
        throw new UnreachableError(
          `Could not reach the Slack Web API at ${api} to check SLACK_BOT_TOKEN: ${(err as Error).message}. Check the network, or SLACK_API_URL.`,
          { cause: err },
        );
      }
      await transport.start(app);
      log.info({ mode: transport.mode, command: o.settings.command }, 'Slack app ready');
    },
    async stop() {
      await transport.stop(app);
      await work.settled(o.drainMs ?? 5_000);
      await within(pipeline.idle(), o.drainMs ?? 5_000);
    },
  };
}
