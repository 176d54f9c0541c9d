import { createChatService } from './chats.js';
import { createCommandService } from './commands/service.js';
import type { FetchOptions } from './news/fetch.js';
import { createNewsService, type NewsService } from './news/ingest.js';
import { createResolver } from './places/resolve.js';
import { createTagger, type Tagger } from './places/tagger.js';
import type { SourceLabels } from './news/source-labels.js';
import type { CommandPort, CoreServices, NewsStore, RequestLog, Schedule } from './ports.js';
import { answeringWhileAway, createRequestLog } from './requests.js';

export interface CoreOptions {
  store: NewsStore;
  defaultSchedule: Schedule;
  sources: string[];
  /** the sources' names and home pages (an item without a link links to its source's) */
  sourceLabels?: SourceLabels;
  pollMinutes?: number;
  /** timeout and size cap of source fetches */
  fetch?: FetchOptions;
  /** false while another process owns the store: changes made here would be overwritten */
  writable?: () => boolean;
  /** requests already taken; default: remembered in this process */
  requests?: RequestLog;
}

export interface Core {
  store: NewsStore;
  tagger: Tagger;
  news: NewsService;
  commands: CommandPort;
  /** what adapters may ask of the core */
  services: CoreServices;
  /** the sources' names and home pages, for the digests it sends */
  sourceLabels?: SourceLabels;
}

/** The platform-neutral service over a store: what every adapter and entry point works with. */
export function createCore(o: CoreOptions): Core {
  const tagger = createTagger();
  const news = createNewsService({
    store: o.store,
    tagger,
    pollMinutes: o.pollMinutes,
    fetch: o.fetch,
  });
  const commands = createCommandService({
    store: o.store,
    resolver: createResolver(),
    defaultSchedule: o.defaultSchedule,
    sources: () => o.sources,
    sourceLabels: o.sourceLabels,
    writable: o.writable,
  });
  const services: CoreServices = {
    commands,
    chats: createChatService(o.store, commands),
    requests: o.requests ? answeringWhileAway(o.requests) : createRequestLog(),
  };
  return { store: o.store, tagger, news, commands, services, sourceLabels: o.sourceLabels };
}
