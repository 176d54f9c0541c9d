import { StoreUnavailableError } from '../../src/ports.js';

/** Node's words for a connection that could not be made or broke. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** pg's own words when a connection ends or cannot be had in time (it gives these no code). */
const LOST =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed|Connection ended|not queryable/i;

/**
 * Whether an error means the database is out of reach for now, not that the query is wrong:
 * the network's codes, SQLSTATE class 08 (connection exception), 53300 (no connection slot
 * free: another instance may give one back), 57P01-57P03 (the server shutting down or starting),
 * and pg's messages for a connection that ended.
 */
function isConnectionLoss(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | undefined;
  const code = typeof e?.code === 'string' ? e.code : '';
  if (NETWORK_CODES.has(code) || code.startsWith('08') || code === '53300' || /^57P0[123]$/.test(code))
    return true;
  return typeof e?.message === 'string' && LOST.test(e.message);
}

const unavailable = (err: unknown) =>
  isConnectionLoss(err)
    ? new StoreUnavailableError(`the database cannot be reached (${(err as Error).message || String(err)})`, {
        cause: err,
      })
    : err;

/**
 * The same object, its promise-returning methods rejecting with StoreUnavailableError when the
 * database is out of reach, so the core can tell "try again in a moment" from a fault of ours.
 */
export function reportingLoss<T extends object>(target: T): T {
  const out = { ...target } as Record<string, unknown>;
  for (const [name, value] of Object.entries(target)) {
    if (typeof value !== 'function') continue;
    out[name] = (...args: unknown[]) => {
      const r = (value as (...a: unknown[]) => unknown).apply(target, args);
      return r instanceof Promise
        ? r.catch((err: unknown) => {
            throw unavailable(err);
          })
        : r;
    };
  }
  return out as T;
}
