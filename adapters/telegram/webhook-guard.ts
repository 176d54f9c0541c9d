import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Update } from 'telegraf/types';
import { BODY_LIMIT, readBody, refuse } from '../shared/read-body.js';

const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

function sameSecret(given: string | string[] | undefined, secret: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** An update as Telegram posts one: an object with a whole update_id. */
function isUpdate(v: unknown): v is Update {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    Number.isSafeInteger((v as { update_id?: unknown }).update_id)
  );
}

/**
 * A webhook request, checked before telegraf sees it: the secret first (403, nothing read),
 * then the body's size (over 1 MB: 413, before it is held in memory; Telegram's own updates are
 * a few kilobytes), then its shape (not JSON, or JSON that is no update such as `null`: 400).
 * The update when the request may go on; otherwise it has been answered.
 */
export async function guardUpdate(
  req: IncomingMessage,
  res: ServerResponse,
  o: { secret: string; log: Logger; limit?: number },
): Promise<Update | undefined> {
  if (req.method !== 'POST' || !sameSecret(req.headers[SECRET_HEADER], o.secret)) {
    refuse(res, 403);
    return undefined;
  }
  const read = await readBody(req, o.limit ?? BODY_LIMIT);
  if (!read.ok) {
    o.log.warn({ reason: read.reason }, 'Telegram webhook request refused');
    refuse(res, read.status);
    return undefined;
  }
  let update: unknown;
  try {
    update = JSON.parse(read.body.toString('utf8'));
  } catch {
    update = undefined;
  }
  if (!isUpdate(update)) {
    o.log.warn({ bytes: read.body.length }, 'Telegram webhook request refused: its body is not an update');
    refuse(res, 400);
    return undefined;
  }
  return update;
}
