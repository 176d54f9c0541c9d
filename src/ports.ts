/**
 * The interfaces the outside implements: stores (store/), platform adapters (adapters/).
 * The core depends on these and on nothing platform-specific.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Lang } from './i18n/index.js';
import type { NewsItem, TaggedItem } from './news/item.js';
import type { Reply } from './reply.js';

export type Platform = 'telegram' | 'slack' | 'console';

/** Where a chat lives: a Telegram chat id, a Slack team and channel, or a console session. */
export interface ChatAddress {
  platform: Platform;
  chatId: string;
  teamId?: string;
}

export function chatKey(a: ChatAddress): string {
  return [a.platform, a.teamId, a.chatId].filter((p) => p !== undefined && p !== '').join(':');
}

/** A weekly time: ISO weekday (1 Monday … 7 Sunday), local wall-clock time, IANA zone. */
export interface Schedule {
  weekday: number;
  time: string;
  timeZone: string;
}

export interface SubscribedPlace {
  /** ISO alpha-2 country code, or a region id ("central-america") */
  code: string;
  /** the store's last seq when it was added: older items are backlog, never sent */
  sinceSeq: number;
  addedAt: string;
}

/** A chat's settings and its subscription (it has one when `places` is not empty). */
export interface Chat {
  key: string;
  address: ChatAddress;
  language?: Lang;
  schedule?: Schedule;
  places: SubscribedPlace[];
  state: 'active' | 'paused';
  pausedReason?: string;
  pausedAt?: string;
  createdAt: string;
  updatedAt: string;
}

export interface SourceHealth {
  source: string;
  lastFetchAt?: string;
  lastSuccessAt?: string;
  lastError?: string;
  lastErrorAt?: string;
  itemCount: number;
  /** consecutive failures, for back-off */
  failures: number;
  nextTryAt?: string;
  etag?: string;
  lastModified?: string;
}

/** One digest for one chat: written before sending, updated after each message sent. */
export interface Delivery {
  /** chat key and the scheduled time it is for */
  id: string;
  chatKey: string;
  dueAt: string;
  /** items with fromSeq < seq <= toSeq were considered */
  fromSeq: number;
  toSeq: number;
  itemIds: string[];
  /** matching items beyond the 20 shown */
  more: number;
  /** message ids of the parts sent so far, in order */
  sent: string[];
  parts?: number;
  state: 'pending' | 'sent' | 'failed' | 'empty';
  error?: string;
  /** sending attempts so far, for back-off after passing failures */
  attempts?: number;
  createdAt: string;
  updatedAt: string;
}

export interface ItemChange {
  added: (TaggedItem & { sources: string[] })[];
  updated: NewsItem[];
}

export interface NewsStore {
  /** where it keeps its data, for messages */
  readonly location: string;
  /** every item, in seq order */
  items(): readonly NewsItem[];
  /** writes new and changed items; new ones get the next seqs and firstSeenAt = now */
  saveItems(change: ItemChange, now: Date): Promise<NewsItem[]>;
  chats(): readonly Chat[];
  chat(key: string): Chat | undefined;
  saveChat(chat: Chat): Promise<void>;
  deleteChat(key: string): Promise<void>;
  sources(): readonly SourceHealth[];
  saveSource(health: SourceHealth): Promise<void>;
  /** the latest state of each delivery */
  deliveries(): readonly Delivery[];
  saveDelivery(d: Delivery): Promise<void>;
  close(): Promise<void>;
}

export interface SendOptions {
  /** parts already sent by an earlier attempt: start after them */
  fromPart?: number;
  /** called after each part is accepted by the platform */
  onPart?: (index: number, messageId: string, parts: number) => Promise<void> | void;
}

/** The push path: one call sends a rendered reply to a chat. */
export interface Notifier {
  readonly platform: Platform;
  send(to: ChatAddress, reply: Reply, opts?: SendOptions): Promise<{ messageIds: string[] }>;
}

export type DeliveryErrorCode =
  /** blocked, kicked, channel gone, archived, not a member: pause the subscription */
  | 'chat_unreachable'
  /** a Telegram group became a supergroup: move the subscription */
  | 'chat_migrated'
  /** the platform kept answering 429 */
  | 'rate_limited'
  /** 5xx, timeouts, network: try again at the next run */
  | 'unavailable'
  /** the bot's own credentials were refused */
  | 'auth'
  /** the platform refused the message itself */
  | 'bad_request';

export class DeliveryError extends Error {
  constructor(
    readonly code: DeliveryErrorCode,
    /** the platform's own words, shown to users as the pause reason */
    readonly reason: string,
    readonly extra: { migratedTo?: string; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(`${code}: ${reason}`);
    this.name = 'DeliveryError';
  }

  get permanent(): boolean {
    return (
      this.code === 'chat_unreachable' ||
      this.code === 'chat_migrated' ||
      this.code === 'auth' ||
      this.code === 'bad_request'
    );
  }
}

/** An adapter is a receiver of commands and a sender of digests, started and stopped by the app. */
export interface ChatAdapter {
  readonly platform: Platform;
  readonly notifier: Notifier;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export type HttpHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** The shared HTTP listener: adapters mount their endpoints on it. */
export interface HttpRoutes {
  route(path: string, handler: HttpHandler): void;
}

/**
 * A platform that could not be reached at start-up (the network, or an API address setting):
 * the service stops with this message, which says what to check, and no stack trace.
 */
export class UnreachableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UnreachableError';
  }
}

/**
 * A store file that cannot be read as it is. The service stops on it and leaves the file
 * untouched; the message names the file and what to do.
 */
export class StoreError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(
      `The store file ${file} cannot be read: ${problem}. It has been left exactly as it is. ` +
        `Restore it from a backup, or move it aside to start with an empty store (NEWSBOT_DB sets where the store lives).`,
    );
    this.name = 'StoreError';
  }
}
