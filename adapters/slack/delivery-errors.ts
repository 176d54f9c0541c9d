import { webApi } from '@slack/bolt';
import { DeliveryError, PAUSE_REASONS, type PauseReason } from '../../src/ports.js';

/** Slack's answers that mean this channel cannot get messages until someone acts: pause it. */
const UNREACHABLE = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'account_inactive',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_thread_only_channel',
  'restricted_action_non_threadable_channel',
  'team_access_not_granted',
  'ekm_access_denied',
]);
/** The bot's own credentials or permissions: nothing will be delivered until the operator fixes them. */
const AUTH = new Set([
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'missing_scope',
  'no_permission',
  'not_allowed_token_type',
]);
/** Slack's side is having trouble: try again. */
export const TRANSIENT = new Set([
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'ratelimited',
]);

/** What one failed Web API call means for delivery. */
export type Failure =
  | { kind: 'rate_limited'; retryAfterMs: number }
  | { kind: 'transient'; reason: string; cause: unknown }
  | { kind: 'final'; error: DeliveryError };

export function classify(err: unknown): Failure {
  if (err instanceof webApi.WebAPIRateLimitedError)
    return { kind: 'rate_limited', retryAfterMs: Math.max(0, err.retryAfter) * 1000 };
  if (err instanceof webApi.WebAPIPlatformError) {
    const code = err.data.error;
    if (UNREACHABLE.has(code)) {
      // Slack's own codes for the common cases are the core's too; the rest are said as Slack said them.
      const pause = (PAUSE_REASONS as readonly string[]).includes(code)
        ? (code as PauseReason)
        : 'unreachable';
      return { kind: 'final', error: new DeliveryError('chat_unreachable', code, { cause: err, pause }) };
    }
    if (AUTH.has(code)) return { kind: 'final', error: new DeliveryError('auth', code, { cause: err }) };
    if (TRANSIENT.has(code)) return { kind: 'transient', reason: code, cause: err };
    return { kind: 'final', error: new DeliveryError('bad_request', code, { cause: err }) };
  }
  if (err instanceof webApi.WebAPIHTTPError) {
    if (err.statusCode >= 500 || err.statusCode === 408)
      return { kind: 'transient', reason: `HTTP ${err.statusCode}`, cause: err };
    if (err.statusCode === 401 || err.statusCode === 403)
      return { kind: 'final', error: new DeliveryError('auth', `HTTP ${err.statusCode}`, { cause: err }) };
    return {
      kind: 'final',
      error: new DeliveryError('bad_request', `HTTP ${err.statusCode}`, { cause: err }),
    };
  }
  if (err instanceof webApi.WebAPIRequestError)
    return { kind: 'transient', reason: err.original?.message ?? err.message, cause: err };
  // Anything else (a bug of ours, an unexpected library error) is reported, not retried forever.
  return { kind: 'transient', reason: (err as Error)?.message ?? String(err), cause: err };
}
