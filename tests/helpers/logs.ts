import pino, { type Logger } from 'pino';

/** A logger that says nothing: for tests that do not look at the logs. */
export function silentLog(): Logger {
  return pino({ level: 'silent' });
}
