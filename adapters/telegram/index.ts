import type { Logger } from 'pino';
import type { CommandService } from '../../src/commands/service.js';
import type { Config } from '../../src/config.js';
import type { ChatAdapter, HttpRoutes, NewsStore } from '../../src/ports.js';

export interface TelegramAdapterOptions {
  config: NonNullable<Config['telegram']>;
  commands: CommandService;
  store: NewsStore;
  /** the shared listener, for webhook mode */
  http?: HttpRoutes;
  log: Logger;
}

/** Placeholder until the Telegram adapter lands (issue 3). */
export function createTelegramAdapter(_o: TelegramAdapterOptions): ChatAdapter {
  throw new Error('The Telegram adapter is not built yet.');
}
