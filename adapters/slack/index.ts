import type { Logger } from 'pino';
import type { CommandService } from '../../src/commands/service.js';
import type { Config } from '../../src/config.js';
import type { ChatAdapter, HttpRoutes, NewsStore } from '../../src/ports.js';

export interface SlackAdapterOptions {
  config: NonNullable<Config['slack']>;
  commands: CommandService;
  store: NewsStore;
  /** the shared listener, for HTTP mode */
  http?: HttpRoutes;
  log: Logger;
}

/** Placeholder until the Slack adapter lands (issue 4). */
export function createSlackAdapter(_o: SlackAdapterOptions): ChatAdapter {
  throw new Error('The Slack adapter is not built yet.');
}
