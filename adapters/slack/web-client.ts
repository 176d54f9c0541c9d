import { webApi, type Logger as BoltLogger } from '@slack/bolt';

/**
 * The Web API base URL. WebClient appends method names to it ("…/api/" + "chat.postMessage"),
 * so it must end in a slash; WebClient adds one when it is missing, and so do we, to keep the
 * URL we log the URL it uses. Default: the public Slack API (GovSlack and test fakes set it).
 */
export function apiBaseUrl(apiUrl: string | undefined): string {
  const url = apiUrl ?? 'https://slack.com/api/';
  return url.endsWith('/') ? url : `${url}/`;
}

/**
 * Options of the client Bolt hands to listeners. Its fetch, also respond()'s, is the pipeline's,
 * which retries and waits out 429s and times out each try: the client itself does none of it,
 * so nothing is retried twice over.
 */
export function listenerClientOptions(
  apiUrl: string | undefined,
  logger: BoltLogger,
  fetch: typeof globalThis.fetch,
): webApi.WebClientOptions {
  return {
    slackApiUrl: apiBaseUrl(apiUrl),
    logger,
    fetch,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  };
}

/** The client digests go out through: the same pipeline, the same options. */
export function createDeliveryClient(
  token: string,
  apiUrl: string | undefined,
  logger: BoltLogger,
  fetch: typeof globalThis.fetch,
): webApi.WebClient {
  return new webApi.WebClient(token, listenerClientOptions(apiUrl, logger, fetch));
}
