import { TelegramError } from 'telegraf';
import { DeliveryError, type PauseReason } from '../../src/ports.js';

/**
 * What a failed Bot API call means for whoever sent it. Telegram's own answers (TelegramError,
 * with an error_code) are kept apart from the network failing under us (node-fetch's
 * FetchError, an abort on our timeout): only the latter and 5xx are worth trying again soon.
 */
export type Failure =
  | { kind: 'rate_limited'; retryAfterMs: number; description: string }
  | { kind: 'transient'; description: string }
  | { kind: 'bad_html'; description: string }
  | { kind: 'not_modified' }
  | { kind: 'final'; error: DeliveryError };

/** Chats the bot can no longer write to: the digest layer pauses their subscription. */
const UNREACHABLE = [
  /chat not found/i,
  /bot was blocked/i,
  /bot was kicked/i,
  /user is deactivated/i,
  /bot is not a member/i,
  /bot can't initiate conversation/i,
  /group chat was deactivated/i,
  /not enough rights to send/i,
  /have no rights to send/i,
  /need administrator rights/i,
  /CHAT_WRITE_FORBIDDEN/,
  /PEER_ID_INVALID/,
  /CHANNEL_PRIVATE/,
];

// Telegram's words vary ("Forbidden: bot was blocked by the user"): the gist is matched to the core's reasons.
const PAUSE_REASONS: [RegExp, PauseReason][] = [
  [/bot was blocked/i, 'bot_blocked'],
  [
    /bot was kicked|bot is not a member|have no rights to send|not enough rights|CHANNEL_PRIVATE/i,
    'bot_removed',
  ],
  [/chat not found|group chat was deactivated|user is deactivated|PEER_ID_INVALID/i, 'chat_not_found'],
];

/** Why a chat cannot be written to, in the core's words. */
const pauseReasonOf = (description: string): PauseReason =>
  PAUSE_REASONS.find(([re]) => re.test(description))?.[1] ?? 'unreachable';

export function isTelegramError(err: unknown): err is TelegramError {
  return (
    err instanceof TelegramError ||
    (typeof err === 'object' &&
      err !== null &&
      'response' in err &&
      typeof (err as TelegramError).response?.error_code === 'number')
  );
}

export function classify(err: unknown): Failure {
  if (!isTelegramError(err)) {
    const e = err as { name?: string; message?: string; code?: string } | undefined;
    // FetchError (refused, reset, DNS), AbortError/TimeoutError from our own timeout
    if (e && ['FetchError', 'AbortError', 'TimeoutError'].includes(e.name ?? ''))
      return { kind: 'transient', description: e.message ?? e.name! };
    throw err;
  }
  const { error_code: code, description = '', parameters } = err.response;
  if (code === 429)
    return { kind: 'rate_limited', retryAfterMs: (parameters?.retry_after ?? 1) * 1000, description };
  if (code >= 500) return { kind: 'transient', description: description || `HTTP ${code}` };
  if (code === 401 || code === 404)
    return { kind: 'final', error: new DeliveryError('auth', description || `HTTP ${code}`, { cause: err }) };
  if (parameters?.migrate_to_chat_id !== undefined) {
    return {
      kind: 'final',
      error: new DeliveryError('chat_migrated', description, {
        migratedTo: String(parameters.migrate_to_chat_id),
        cause: err,
      }),
    };
  }
  if (code === 403 || UNREACHABLE.some((re) => re.test(description)))
    return {
      kind: 'final',
      error: new DeliveryError('chat_unreachable', description, {
        cause: err,
        pause: pauseReasonOf(description),
      }),
    };
  if (/message is not modified/i.test(description)) return { kind: 'not_modified' };
  if (/can't parse entities|unsupported start tag|can't find end tag/i.test(description))
    return { kind: 'bad_html', description };
  return {
    kind: 'final',
    error: new DeliveryError('bad_request', description || `HTTP ${code}`, { cause: err }),
  };
}
