import type { Lang } from '../i18n/index.js';
import type { SourceLabels } from '../news/source-labels.js';
import type { Resolver } from '../places/resolve.js';
import type { Chat, CommandContext, NewsStore, Schedule } from '../ports.js';

export type { CommandContext };

/** What the handlers need from the rest of the core. */
export interface CommandDeps {
  store: NewsStore;
  resolver: Resolver;
  defaultSchedule: Schedule;
  /** the configured sources, in order */
  sources: () => string[];
  /** their names and home pages */
  sourceLabels?: SourceLabels;
  /** false while another process owns the store (changes would be overwritten); always true if absent */
  writable?: () => boolean;
}

/** What one handler call sees. */
export interface Call {
  deps: CommandDeps;
  ctx: CommandContext;
  now: Date;
  lang: Lang;
  args: string;
  offset: number;
  /** the chat's stored record, if it has one */
  chat?: Chat;
  /** the command text to run again for "more" */
  command: string;
}
