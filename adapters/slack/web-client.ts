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

/** Options of the client Bolt hands to listeners: one quick retry, never minutes of them. */
export function listenerClientOptions(
  apiUrl: string | undefined,
  logger: BoltLogger,
): webApi.WebClientOptions {
  return {
    slackApiUrl: apiBaseUrl(apiUrl),
    logger,
    timeout: 5_000,
    retryConfig: { retries: 1, minTimeout: 200, maxTimeout: 1_000 },
  };
}

/**
 * The client digests go out through. It neither retries nor sits out 429s by itself: the
 * notifier does both, per channel and with limits, so nothing is retried twice over and a
 * rate limit holds only the channel it is about (WebClient would pause every call).
 */
export function createDeliveryClient(
  token: string,
  apiUrl: string | undefined,
  logger: BoltLogger,
): webApi.WebClient {
  return new webApi.WebClient(token, {
    slackApiUrl: apiBaseUrl(apiUrl),
    logger,
    timeout: 10_000,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
}
