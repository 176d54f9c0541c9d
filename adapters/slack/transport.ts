import {
  HTTPReceiver,
  SocketModeReceiver,
  type App,
  type LogLevel,
  type Logger as BoltLogger,
  type Receiver,
} from '@slack/bolt';
import type { Logger } from 'pino';
import type { HttpRoutes } from '../../src/ports.js';
import { BODY_HASH, bodyHash } from './dedupe.js';
import { guardRequest } from './request-guard.js';
import type { SlackSettings } from './index.js';
import { apiBaseUrl } from './web-client.js';

/** Where Slack posts slash commands and button presses in HTTP mode (the manifest's URLs). */
export const SLACK_EVENTS_PATH = '/slack/events';

/** How requests from Slack reach the Bolt app: HTTP on the shared listener, or Socket Mode. */
export interface SlackTransport {
  readonly mode: 'http' | 'socket';
  readonly receiver: Receiver;
  start(app: App): Promise<void>;
  stop(app: App): Promise<void>;
}

export interface TransportOptions {
  settings: SlackSettings;
  http?: HttpRoutes;
  logger: BoltLogger;
  logLevel: LogLevel;
  log: Logger;
}

/**
 * HTTP mode: Bolt's own HTTPReceiver, not started as a server of its own but mounted on the
 * service's listener at /slack/events, behind a guard (request-guard.ts) that runs before
 * anything: a body over 1 MB gets 413; a timestamp more than 5 minutes from now (either way) or
 * a signature that does not hold (v0 HMAC of the raw body) gets 401; a signed body of a shape
 * Slack never sends gets 400. None of them reaches a listener. Until start() and after stop()
 * the route answers 503, so Slack retries.
 */
function httpTransport(o: TransportOptions): SlackTransport {
  const { signingSecret } = o.settings;
  if (!signingSecret)
    throw new Error(
      'The Slack adapter needs SLACK_SIGNING_SECRET for HTTP mode, or SLACK_APP_TOKEN for Socket Mode.',
    );
  if (!o.http) throw new Error('The Slack adapter in HTTP mode needs the shared HTTP listener.');
  const receiver = new HTTPReceiver({
    signingSecret,
    endpoints: SLACK_EVENTS_PATH,
    logger: o.logger,
    logLevel: o.logLevel,
    // Acknowledge as soon as a listener calls ack(); the work goes on after the response.
    processBeforeResponse: false,
    customPropertiesExtractor: (req) => ({ [BODY_HASH]: bodyHash(req.rawBody) }),
  });
  let open = false;
  o.http.route(SLACK_EVENTS_PATH, (req, res) => {
    if (!open) {
      res.writeHead(503, { 'retry-after': '5' }).end();
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    return guardRequest(req, res, { signingSecret, log: o.log }).then((ok) => {
      if (ok) receiver.requestListener(req, res);
    });
  });
  return {
    mode: 'http',
    receiver,
    async start() {
      open = true;
    },
    async stop() {
      open = false;
    },
  };
}

/** Socket Mode: Slack's WebSocket, for hosts Slack cannot reach over HTTP; no signing secret needed. */
function socketTransport(o: TransportOptions, appToken: string): SlackTransport {
  const receiver = new SocketModeReceiver({
    appToken,
    logger: o.logger,
    logLevel: o.logLevel,
    // apps.connections.open goes to the same Web API as everything else (GovSlack, a fake).
    installerOptions: { clientOptions: { slackApiUrl: apiBaseUrl(o.settings.apiUrl) } },
  });
  return {
    mode: 'socket',
    receiver,
    async start(app) {
      await app.start();
    },
    async stop(app) {
      await app.stop();
    },
  };
}

export function createTransport(o: TransportOptions): SlackTransport {
  return o.settings.appToken ? socketTransport(o, o.settings.appToken) : httpTransport(o);
}
