import pino, { type Logger } from 'pino';

/** Logs go to standard error: standard output carries replies in local mode and in the CLI. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { name: 'newsbot' } }, pino.destination({ fd: 2, sync: true }));
}
