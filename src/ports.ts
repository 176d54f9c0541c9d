/**
 * The core's boundary, both ways. Driven ports are what the outside implements for the core:
 * stores (store/) and platform adapters (adapters/). Driving ports are what an adapter may ask
 * of the core: run a command, change a chat's state, recognise a request it has seen. Adapters
 * import from src/ only this file, the reply model and i18n (checked by dependency-cruiser).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Lang } from './i18n/index.js';
import type { NewsItem, TaggedItem } from './news/item.js';
import type { Reply } from './reply.js';

export type { Lang };

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

/**
 * When a chat's digest goes out: ISO weekday (1 Monday … 7 Sunday, or 0 for every day), local
 * wall-clock time (HH:MM), and the zone: an IANA name, or a fixed offset (see src/digest/zone.ts;
 * format moments in it with formatMoment, since Node 20's Intl takes no "-03:30").
 */
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
  /** topic ids: when set, the digest holds only items tagged with one of them */
  topics?: string[];
  /** digests go without a notification sound where the platform can (quiet on) */
  quiet?: boolean;
  /** how its digests read: 'full' adds each item's summary; absent, compact (one line an item) */
  format?: 'compact' | 'full';
  /** a PauseReason (older stores may hold a platform's own words) */
  pausedReason?: string;
  /** the platform's words for an 'unreachable' pause */
  pausedDetail?: string;
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
  /**
   * parts handed to the platform so far: one more than `sent` while a part is in flight. After a
   * stop, that part goes again and may arrive twice (the platform may have taken it unrecorded).
   */
  attempted?: number;
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

/**
 * One process at a time polls a store's sources and sends its digests: the one holding the
 * store's scheduler lease. A second process on the store answers reading commands and waits.
 * The lowdb store keeps it in a lock folder beside its files; a server store can keep it in
 * the database (an advisory lock).
 */
export interface SchedulerLease {
  /** Takes the lease unless another holds it (then it says who, for a person to act on). Ok when already held. */
  acquire(): Promise<{ ok: true } | { ok: false; holder: string }>;
  /** Lets go of it; nothing when not held. */
  release(): Promise<void>;
  held(): boolean;
  /** `listener` is called each time the lease, once held, is lost without being released (taken over, removed). */
  onLost(listener: (reason: string) => void): void;
  /** Who else holds it, without taking it: undefined when no one else does. */
  heldElsewhere(): Promise<string | undefined>;
}

/** One page of items, and how many there are in all. */
export interface ItemPage {
  items: NewsItem[];
  total: number;
  /** `total` is a floor: the store stopped counting there (a server store counts a common word's items no further) */
  atLeast?: boolean;
}

export interface SearchPage extends ItemPage {
  /** how many items have every word typed, not only other words for them */
  literal: number;
}

/** The country and region keys a phrase of a query names (folded words, one space between), or null. */
export type PlaceFinder = (phrase: string) => string[] | null;

/**
 * The questions the core asks of the stored items. A store never hands out every item: at a
 * million items they fit in no process. Orders: "newest first" is by the item's date (else the
 * day it was first seen), then by arrival (seq); lists are found under keys: a country code, a
 * region id ("central-america", which holds its countries' items too) or a topic ("#remittances").
 */
export interface ItemQueries {
  /** how many items are stored */
  count(): Promise<number>;
  /** the highest seq given to an item so far; 0 when there is none */
  lastSeq(): Promise<number>;
  latest(limit: number, offset?: number): Promise<ItemPage>;
  /** items under any of the keys, newest first, dated on or after `since` (YYYY-MM-DD, or its start) if given */
  byPlaces(
    keys: readonly string[],
    opts: { since?: string; limit: number; offset?: number },
  ): Promise<ItemPage>;
  /**
   * Ranked full-text search over titles and summaries, in English and Spanish; `placeOf` says
   * which phrases of the query name a country or region.
   */
  search(query: string, opts: { limit: number; offset?: number; placeOf?: PlaceFinder }): Promise<SearchPage>;
  /** place keys (countries and regions, no topics) by how many items they have, most first, then by key */
  placeCounts(): Promise<[string, number][]>;
  /** the items with these ids that exist, in no set order */
  get(ids: readonly string[]): Promise<NewsItem[]>;
  /** items with afterSeq < seq <= toSeq, in seq order; only those under one of `keys` when given */
  window(afterSeq: number, toSeq: number, keys?: readonly string[]): Promise<NewsItem[]>;
  /** the id of the item filed under each identity key given (ItemKeys.identity) that one is */
  findByIdentity(keys: readonly number[]): Promise<Map<number, string>>;
  /** how many items name this source */
  countBySource(source: string): Promise<number>;
  /** settles once every item is searchable: an index held in memory builds after start-up */
  searchReady(): Promise<void>;
}

/** What an item is filed under, as the core works it out: a store knows nothing of places or identities. */
export interface ItemKeys {
  /** the keys of the lists it is in (see ItemQueries) */
  lists: readonly string[];
  /** hashes of what identifies the story (its URL, its title and date): another copy of it shares one */
  identity: readonly number[];
}

/** An index of items held in memory, over a store's own list of items; the store tells it what changed. */
export interface MemoryItemIndex extends ItemQueries {
  /** `items` were just added to the store's list or replaced in it */
  upsert(items: readonly NewsItem[]): void;
}

/** The words of an item a full-text index reads, and the seq it answers with. */
export type SearchableItem = Pick<NewsItem, 'seq' | 'title' | 'summary' | 'lang' | 'countries' | 'regions'>;

/**
 * The core's full-text index, for a store that keeps its items elsewhere: the store feeds it
 * the items a query's terms found and it ranks them, answering with seqs.
 */
export interface TextSearch {
  /** adds an item's words, in place of those it had */
  add(item: SearchableItem): void;
  /** ranked against `corpus` when given (the store's counts), else against the items added */
  search(
    query: string,
    opts: { limit: number; offset?: number; placeOf?: PlaceFinder; corpus?: SearchCorpus },
  ): { seqs: number[]; total: number; literal: number };
}

/**
 * Counts over a store's items, for ranking a few of them as they would rank among all: a
 * word's weight (idf) and an item's length are measured against these.
 */
export interface SearchCorpus {
  docs: number;
  /** the items' lengths summed, as ItemFiling.searchTerms gives them */
  length: number;
  /** per term, how many items have it; a term missing has none */
  df: ReadonlyMap<string, number>;
}

/** What an item is found by, and its length in words (a title's count twice), for ranking. */
export interface SearchTerms {
  terms: string[];
  length: number;
}

/**
 * What a query asks of an item's search terms (ItemFiling.searchTerms): a term, or any term
 * that starts with it, or every or any one of several.
 */
export type TermMatch = { term: string; prefix?: boolean } | { every: TermMatch[] } | { any: TermMatch[] };

/** The items a full-text query can find, as matches a store looks up in its own index of terms. */
export interface SearchMatch {
  /** items that meet at least one idea of the query: those it counts */
  some: TermMatch;
  /** items that meet every idea: those it ranks first */
  every: TermMatch;
  /** items with any of its words or the concepts they name: those that stand in when no item meets an idea */
  anyWord: TermMatch;
}

/**
 * The core's knowledge of items that a store needs, handed to it by the composition root: a
 * server store files each item under its keys and its search terms, finds a query's candidates
 * by those terms and ranks them with the core's full-text index; a store holding its items in
 * memory answers every query with the core's index over them.
 */
export interface ItemFiling {
  keys(item: NewsItem): ItemKeys;
  /** an index over `items`, the store's list in seq order, which the store keeps (appends to, replaces in) */
  index(items: readonly NewsItem[]): MemoryItemIndex;
  /** an empty full-text index */
  textSearch(): TextSearch;
  /** the terms an item is found by: its words stemmed in its languages, the concepts and places it names */
  searchTerms(item: SearchableItem): SearchTerms;
  /** what a query asks of those terms; null when it has no word to look for */
  searchMatch(query: string, placeOf?: PlaceFinder): SearchMatch | null;
}

/**
 * Where the core keeps its data. Reads are asynchronous, so a store may live in a database
 * server; a store that keeps everything in memory answers them at once.
 */
export interface NewsStore {
  /** where it keeps its data, for messages */
  readonly location: string;
  /**
   * Several processes may change it at once, safely (a database server): changing commands and
   * `ingest` work beside a running service. A store of one process's files takes changes only
   * from the lease holder, whose next write would otherwise overwrite them.
   */
  readonly shared?: boolean;
  readonly items: ItemQueries;
  /** writes new and changed items; new ones get the next seqs and firstSeenAt = now */
  saveItems(change: ItemChange, now: Date): Promise<NewsItem[]>;
  chats(): Promise<Chat[]>;
  chat(key: string): Promise<Chat | undefined>;
  saveChat(chat: Chat): Promise<void>;
  deleteChat(key: string): Promise<void>;
  sources(): Promise<SourceHealth[]>;
  saveSource(health: SourceHealth): Promise<void>;
  /**
   * The latest state of the deliveries the digest logic needs (of one chat, when `chatKey` is
   * given): at least, per chat, its newest delivery in each state. Older ones may be left out.
   */
  deliveries(chatKey?: string): Promise<Delivery[]>;
  saveDelivery(d: Delivery): Promise<void>;
  /** this process's hold on the store's scheduler lease (the same object on every call) */
  lease(): SchedulerLease;
  /** requests already taken, shared by every instance on the store (a store of one process has none) */
  readonly requests?: RequestLog;
  close(): Promise<void>;
}

export interface SendOptions {
  /** parts already sent by an earlier attempt: start after them */
  fromPart?: number;
  /**
   * called just before each part goes to the platform; the part is in flight until its onPart.
   * A notifier keeps at most its K parts in flight, so at most K are unconfirmed at a crash.
   */
  onAttempt?: (index: number) => Promise<void> | void;
  /** called after each part is accepted by the platform */
  onPart?: (index: number, messageId: string, parts: number) => Promise<void> | void;
  /** no notification sound for the chat's people, where the platform can (Telegram) */
  silent?: boolean;
}

/** The push path: one call sends a rendered reply to a chat. */
export interface Notifier {
  readonly platform: Platform;
  /** how many chats' digests a run should have under way at once to keep the platform busy (default 16) */
  readonly concurrency?: number;
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
    /** the platform's own words, for the log and as the detail of a pause */
    readonly reason: string,
    readonly extra: {
      migratedTo?: string;
      retryAfterMs?: number;
      cause?: unknown;
      /** for chat_unreachable: why, in the core's words (the adapter maps its platform's) */
      pause?: PauseReason;
    } = {},
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
 * The store is out of reach for now (its database went away, a connection broke): the work
 * asked for is not done, and asking again once it is back will do it. Commands answer "try again
 * in a moment", /healthz says not ok, and nothing of the service stops.
 */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

/**
 * A store file that cannot be read as it is. The service stops on it and leaves the file
 * untouched; the message names the file and what to do.
 */
export class StoreError extends Error {
  /** what is wrong, fit to print (see printable) */
  readonly problem: string;
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(
      `The store file ${printable(file)} cannot be read: ${printable(problem)}. It has been left exactly as it is. ` +
        `Restore it from a backup, or move it aside to start with an empty store (NEWSBOT_DB sets where the store lives).`,
    );
    this.name = 'StoreError';
    this.problem = printable(problem);
  }
}

/** Why a store could not write: its disk is full (or its quota spent), or the write failed otherwise. */
export type StoreWriteCode = 'disk_full' | 'store_write';

/**
 * A change the store could not write. Nothing of it took effect, in memory or on disk: the
 * message names the file, the cause and what to do, and `code` lets a command say it to the chat.
 */
export class StoreWriteError extends StoreError {
  constructor(
    file: string,
    readonly code: StoreWriteCode,
    problem: string,
    readonly advice: string,
  ) {
    super(file, problem);
    this.name = 'StoreWriteError';
    this.message = `The store file ${printable(file)} could not be written: ${this.problem}. The change was not made, in memory or on disk. ${advice}`;
  }
}

const ESCAPED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Text from a file, fit to print: control characters (a corrupt file's ESC, NUL, C1 bytes) shown
 * escaped as \xNN, so a message about the file cannot drive the terminal it is printed on.
 */
export function printable(s: string): string {
  return s.replace(
    /[\u0000-\u001f\u007f-\u009f]/g,
    (c) => ESCAPED[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

/**
 * Why a chat's digests stopped, in the core's words: each adapter maps its platform's answers
 * (Telegram's "Forbidden: bot was blocked by the user", Slack's `is_archived`) to one of these
 * before they reach the core, and the catalogs say each in the chat's language.
 */
export const PAUSE_REASONS = [
  /** the person blocked the bot (Telegram private chat) */
  'bot_blocked',
  /** the bot was removed from the group or channel */
  'bot_removed',
  /** the platform no longer finds the chat */
  'chat_not_found',
  /** the app is not a member of the channel */
  'not_in_channel',
  /** the app cannot see the channel (private and not in it, or deleted) */
  'channel_not_found',
  'is_archived',
  /** the app was removed from the workspace */
  'account_inactive',
  /** the platform refused for another reason: the detail says which */
  'unreachable',
  /** someone in the chat typed pause (or pressed the digest's Pause): only resume undoes it */
  'by_user',
] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

/**
 * A platform refused a setting at start-up (a token, a webhook address): the service stops
 * with this message, which names the setting and what to do, and exits 2 as for a bad setting.
 */
export class SettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsError';
  }
}

// ---------------------------------------------------------------------------------------------
// Driving ports: what adapters may ask of the core.

/** Who is asking, and where. Adapters fill it in from their platform's update. */
export interface CommandContext {
  address: ChatAddress;
  /** may this person change the chat's subscriptions, schedule and language (group admins) */
  canManage?: boolean;
  /** the language the platform reports for the person ("es-419") */
  userLanguage?: string;
  /** a channel or group, not a conversation with one person */
  shared?: boolean;
  /** what the replies call the chat: "this group" in a Telegram group, "this channel" in Slack */
  place?: ChatPlace;
  /** what commands start with where this person types them: "/" in a Telegram group, which reads nothing else */
  commandPrefix?: string;
  now?: Date;
}

/** What a chat is to the people in it: a private chat, a group, a channel. */
export type ChatPlace = 'chat' | 'group' | 'channel';

/** A reply as the core hands it out: always in a language, so no adapter has to work it out. */
export type ChatReply = Reply & { lang: Lang };

/** What a line of text is, for an adapter deciding how to treat it before it runs. */
export interface CommandInfo {
  /** a command word of the grammar (in either language) */
  known: boolean;
  /** the command's English name, whichever word was typed ("subscribe" for "suscribir") */
  name?: string;
  /** the language of the command word, where it says one ("suscribir": es) */
  wordLang?: Lang;
  /** it changes the chat (subscriptions, schedule, language): in groups, administrators only */
  changesChat: boolean;
  /** help or start: an adapter may add its own hint about how to type commands */
  isHelp: boolean;
}

/** One entry of a platform's command menu: the word people type, and what it does. */
export interface MenuEntry {
  command: string;
  description: string;
}

/** The commands of the grammar, for any platform. */
export interface CommandPort {
  /** runs one line in a chat; `offset` pages results ("more") */
  run(text: string, ctx: CommandContext, offset?: number): Promise<ChatReply>;
  describe(text: string): CommandInfo;
  /** the language this chat is answered in: its setting, else the person's */
  languageOf(address: ChatAddress, userLanguage?: string): Promise<Lang>;
  /** what to say when answering failed with `err`: a store that could not write says so and what to do */
  apology(lang: Lang, err?: unknown): ChatReply;
  /** every command under its word in the language, with its one-line description */
  menu(lang: Lang): MenuEntry[];
}

/** A chat's state as the platform changes it: the bot removed, invited back, a group upgraded. */
export interface ChatPort {
  /** stops the chat's digests, keeping what it subscribed to; nothing when it has none or is paused */
  pause(address: ChatAddress, reason: PauseReason, now: Date, detail?: string): Promise<void>;
  /**
   * Turns a paused chat's digests back on (the bot can post there again). The welcome-back
   * reply (why it had paused, and what the chat receives), or undefined if it was not paused.
   */
  resume(ctx: CommandContext): Promise<ChatReply | undefined>;
  /** what to say in a chat the bot has just joined: what it receives there, or what the bot does */
  welcome(ctx: CommandContext): Promise<ChatReply>;
  /** the chat's subscription follows it to a new address (a Telegram group became a supergroup) */
  move(from: ChatAddress, to: ChatAddress, now: Date): Promise<boolean>;
  /** the chats among these addresses that subscribe to something (Slack's Home tab) */
  subscribedAmong(addresses: ChatAddress[]): Promise<ChatAddress[]>;
}

/**
 * Requests already taken: a platform that delivers one again (a Slack retry, a Telegram
 * webhook sent again while a slow answer waits) gets it run once. One taken by an instance that
 * died before it was answered is taken again when the platform delivers it again, so a request
 * is neither run twice nor lost.
 */
export interface RequestLog {
  /**
   * true the first time a key is seen (within a window), or when the instance that took it died
   * before `answered`; false for a repeat. A true must be followed by `answered`.
   */
  firstTime(key: string, now?: Date): Promise<boolean>;
  /** the request taken under this key has been answered (or has failed, and said so) */
  answered(key: string): Promise<void>;
}

/** Everything an adapter may ask of the core. */
export interface CoreServices {
  commands: CommandPort;
  chats: ChatPort;
  requests: RequestLog;
}
