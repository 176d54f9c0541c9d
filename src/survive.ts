import type { EventEmitter } from 'node:events';
import type { Logger } from 'pino';

/**
 * A long-running service outlives a failure in one request: a promise rejected where nobody
 * awaits it (an SDK's request handler runs its work in a task of its own) is logged with its
 * error, and the service goes on answering the others. Node's default would end the process.
 * An exception thrown outside any promise is not caught here: the process state is unknown then.
 */
export function surviveUnhandledRejections(proc: EventEmitter, log: Logger): void {
  proc.on('unhandledRejection', (reason: unknown) => {
    log.error({ err: reason }, 'an error escaped the handling of a request; the service goes on');
  });
}
