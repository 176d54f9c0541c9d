import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from 'pino';

/** pino's level as the nearest of Bolt's four (Bolt has no "silent": error is the quietest). */
export function boltLogLevel(log: Logger): LogLevel {
  switch (log.level) {
    case 'trace':
    case 'debug':
      return LogLevel.DEBUG;
    case 'info':
      return LogLevel.INFO;
    case 'warn':
      return LogLevel.WARN;
    default:
      return LogLevel.ERROR;
  }
}

function line(msg: unknown[]): { text: string; err?: Error } {
  const err = msg.find((m): m is Error => m instanceof Error);
  const text = msg
    .map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m)))
    .join(' ');
  return { text, err };
}

/**
 * Bolt's and the Web API client's log lines, into the service's pino log (component "slack"),
 * so they land where everything else does, at the level the service was given.
 */
export function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ component: 'slack' });
  const at =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...msg: unknown[]) => {
      if (!child.isLevelEnabled(level)) return;
      const { text, err } = line(msg);
      if (err) child[level]({ err }, text);
      else child[level](text);
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    // The level is the service's (LOG_LEVEL); Bolt asking for another one changes nothing.
    setLevel: () => undefined,
    getLevel: () => boltLogLevel(child),
    // Every line already says component "slack"; Bolt's own names add nothing.
    setName: () => undefined,
  };
}
