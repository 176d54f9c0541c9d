import type { PauseReason } from '../ports.js';

/** English: the catalog every other language must match key for key. */
export const en = {
  commands: {
    latest: {
      usage: 'latest [n]',
      about: 'the newest items (5 by default, 20 at most)',
      examples: ['latest', 'latest 10'],
    },
    country: {
      usage: 'country <name or code>[, ...] [since <date>]',
      about: 'items about those countries or regions',
      examples: [
        'country costa rica',
        'country Honduras, GT since 2020-09',
        'country caribbean since 30 days',
      ],
    },
    search: {
      usage: 'search <words>',
      about: 'full-text search, in English or Spanish',
      examples: ['search ethical recruitment', 'search remesas'],
    },
    subscribe: {
      usage: 'subscribe <country>[, ...] [topic <topic>[, ...]]',
      about: 'this chat gets a weekly digest for those countries',
      examples: ['subscribe Honduras', 'subscribe Guatemala, El Salvador', 'subscribe central america'],
    },
    unsubscribe: {
      usage: 'unsubscribe <country> | unsubscribe all | unsubscribe topic <topic>',
      about: 'stop some or all',
      examples: ['unsubscribe Honduras', 'unsubscribe all'],
    },
    subscriptions: {
      usage: 'subscriptions',
      about: 'what this chat is subscribed to, and when its digest goes out',
      examples: ['subscriptions'],
    },
    schedule: {
      usage: 'schedule <weekday or daily> <time> [<time zone>]',
      about: "when this chat's digest goes out: weekly (the default) or daily",
      examples: [
        'schedule monday 09:00',
        'schedule friday 8am San Salvador',
        'schedule daily 20:00 EST',
        'schedule thursday 8:30 pm UTC-6',
      ],
    },
    pause: {
      usage: 'pause',
      about: "stop this chat's digests for now, keeping its countries and schedule",
      examples: ['pause'],
    },
    resume: {
      usage: 'resume',
      about: "turn this chat's digests back on after pause: what arrived meanwhile is not lost",
      examples: ['resume'],
    },
    quiet: {
      usage: 'quiet on | quiet off',
      about: "this chat's digests without a notification sound (Telegram); alone, the current setting",
      examples: ['quiet on', 'quiet off', 'quiet'],
    },
    topics: {
      usage: 'topics',
      about: "the topics items are tagged with, and this chat's own",
      examples: ['topics', 'subscribe Honduras topic remittances', 'unsubscribe topic remittances'],
    },
    format: {
      usage: 'format compact | format full',
      about:
        "how this chat's digests read: compact, one line an item (the default), or full, with each item's summary; alone, the current one",
      examples: ['format full', 'format compact', 'format'],
    },
    language: {
      usage: 'language en | language es',
      about: "the language of this chat's replies and digests",
      examples: ['language es'],
    },
    digest: {
      usage: 'digest [<from>-<to>]',
      about:
        'a preview of what the next digest would hold now; with the numbers a digest ends with ("And 25 more: digest 120-165"), the rest of that digest',
      examples: ['digest', 'digest 120-165'],
    },
    sources: {
      usage: 'sources',
      about: 'the news sources: last fetch, item count, last error',
      examples: ['sources'],
    },
    help: { usage: 'help [command]', about: 'usage, with examples', examples: ['help', 'help country'] },
  },
  usageLine: (usage: string) => `Usage: ${usage}`,
  examples: 'Examples:',
  helpHeading: 'Migration news: commands',
  helpFooter:
    'Type help <command> for examples. Country names work in English or Spanish, or as two-letter codes (CR, HN).',
  welcomeHeading:
    'Hello! I bring labour-migration news from Central America, North America and the Caribbean.',
  welcomeBody: [
    'Ask for news about a country, search, or subscribe this chat to a weekly digest:',
    '• country costa rica\n• search ethical recruitment\n• subscribe Honduras, Guatemala\n• language es (respuestas en español)',
  ],
  unknownCommand: (word: string) => `I don't know the command "${word}".`,
  greetingHelp: (help: string) => `Type "${help}" to see every command.`,
  didYouMeanCommand: (cmd: string) => `Did you mean "${cmd}"?`,
  seeHelp: 'Type help to see every command.',
  apology: 'Sorry, something went wrong on my side while answering that. Please try again in a moment.',
  storeAway: 'The news store cannot be reached right now, so nothing was done. Please try again in a moment.',
  storeDiskFull:
    'I could not save that: the disk where this bot keeps its data is full. Nothing was changed. Please tell whoever runs the bot; once space is freed, type the command again.',
  storeWriteFailed:
    'I could not save that: this bot could not write its data file. Nothing was changed. Please tell whoever runs the bot, then type the command again.',
  endOfList: 'That was all: the list has nothing more.',
  nothingMore: 'There is nothing more to show: run a command first (latest, country, search).',
  storeOwnedElsewhere:
    'Another newsbot process holds this store (the one that sends the digests) and would write over this change: make it there, or stop that one first. If it has already stopped or was killed, this one takes over within half a minute: try again then.',
  adminsOnly: "Only this chat's administrators can change its subscriptions, schedule and language.",

  unknownPlace: (name: string) => `I don't know the country or region "${name}".`,
  didYouMean: (names: string) => `Did you mean ${names}?`,
  placeIsInside: (place: string, country: string) =>
    `${place} is in ${country}: subscriptions and queries go by country.`,
  ambiguousPlace: (name: string, options: string) => `"${name}" could be ${options}: please say which.`,
  placeHint: 'Use a country or region name in English or Spanish, or a two-letter code (CR, HN, DO).',
  or: 'or',
  and: 'and',

  latestHeading: 'Latest news',
  /** `atLeast`: there are more than `total`, which is where counting stopped */
  range: (from: number, to: number, total: number, atLeast?: boolean) =>
    atLeast ? `${from}–${to} of more than ${total}` : `${from}–${to} of ${total}`,
  noItems: 'There are no news items yet. The sources command shows where they come from.',
  countryHeading: (places: string) => `News about ${places}`,
  sinceDate: (date: string) => `since ${date}`,
  noneForPlaces: (places: string) => `No news about ${places} yet.`,
  noneForPlacesSince: (places: string, date: string) => `No news about ${places} since ${date}.`,
  sinceWithoutDate:
    'since needs a date after it: since 2020-09, since 30 days, since March 2021, since last week or since monday.',
  badSince: (text: string) =>
    `I can't read "${text}" as a date. Try since 2020-09-01, since 2020-09, since 30 days, since March 2021, since last week, since yesterday or since monday.`,
  latestAtMost: (max: number) => `${max} is the most I show at once: here are the latest ${max}.`,
  badCount: (text: string) => `"${text}" is not a number from 1 to 20.`,
  searchHeading: (q: string) => `Search: "${q}"`,
  byTopic: (q: string, topics: string) => `No item has the words "${q}"; these are about ${topics}:`,
  topicNames: {
    'ethical-recruitment': 'ethical recruitment',
    'labour-rights': 'labour rights',
    'covid-19': 'COVID-19',
    diaspora: 'the diaspora',
    remittances: 'remittances',
    return: 'return and reintegration',
    trafficking: 'trafficking and smuggling',
    integration: 'integration',
  } as Record<string, string>,
  noHits: (q: string) =>
    `Nothing found for "${q}". Try fewer words, other words, or the other language (recruitment / reclutamiento).`,
  searchNeedsWords: 'Tell me what to search for.',

  subscribed: (places: string) => `This chat is now subscribed to ${places}.`,
  alreadySubscribed: (places: string) => `This chat was already subscribed to ${places}.`,
  resumed: (reason: string) => `Digests to this chat had been paused (${reason}); they are on again.`,
  firstDigestNote: 'The first digest holds what arrives from now on.',
  nextDigest: (when: string) => `Next digest: ${when}.`,
  latestForThem: 'The latest about them now:',
  allOfRegion: (region: string) => `These are all of ${region}: subscribe ${region}?`,
  pickCountry: 'Pick a country to subscribe this chat to, or type subscribe <country>[, ...].',
  noCountriesYet: 'There are no news items yet to pick countries from. Type subscribe <country>.',
  unsubscribed: (places: string) => `This chat is no longer subscribed to ${places}.`,
  notSubscribedTo: (places: string) => `This chat is not subscribed to ${places}.`,
  unsubscribedAll: 'This chat is no longer subscribed to anything. No more digests.',
  nothingToUnsubscribe: 'This chat has no subscriptions.',
  /** /stop, a word Telegram users try first */
  stopHow: (places: string, pause: string, all: string) =>
    `This chat gets digests about ${places}. To stop them for a while, keeping the countries and the schedule: ${pause}. To stop them all and forget the countries: ${all}. To stop only some: unsubscribe <country>.`,
  stillSubscribed: (places: string) => `Still subscribed to ${places}.`,
  subscriptionsHeading: 'Subscriptions of this chat',
  subscribedTo: (places: string, daily = false) => `${daily ? 'Daily' : 'Weekly'} digest about: ${places}.`,
  noSubscriptions: 'This chat has no subscriptions. Try: subscribe Honduras',
  /** "every Friday at 08:00", "every day at 20:00" */
  everyWeekday: (weekday: string, time: string) => `every ${weekday} at ${time}`,
  everyDay: (time: string) => `every day at ${time}`,
  scheduleLine: (when: string, tz: string) => `${when[0].toUpperCase()}${when.slice(1)} (${tz}).`,
  pausedLine: (since: string, reason: string) =>
    `Paused since ${since}: ${reason}. Once that is fixed, type resume (or subscribe again).`,
  /** why digests to a chat paused, for the reasons the platforms give most (others are shown as given) */
  pauseReasons: {
    bot_removed: 'the bot was removed from this chat',
    bot_blocked: 'the bot was blocked in this chat',
    not_in_channel: 'the app is not a member of this channel (invite it with /invite)',
    channel_not_found: 'the app cannot see this channel (a private channel it is not in, or one deleted)',
    is_archived: 'the channel is archived',
    account_inactive: 'the app was removed from this workspace',
    chat_not_found: 'the platform no longer finds this chat',
    unreachable: 'the platform refused to deliver here',
    by_user: 'paused with the pause command',
  } satisfies Record<PauseReason, string>,
  languageLine: 'Replies and digests in English.',

  // pause and resume (src/commands/pause.ts)
  pausedByUserLine: (since: string) => `Paused since ${since} (pause). Type resume to turn digests on again.`,
  pausedNow: (places: string, when: string) =>
    `Digests to this chat are paused. Its countries (${places}) and its schedule (${when}) are kept.`,
  pausedHowToResume: 'Type resume to turn them on again: what arrives meanwhile is not lost.',
  alreadyPaused: (since: string) => `Digests to this chat have been paused since ${since}.`,
  nothingToPause: 'This chat has no subscriptions, so it has no digests to pause. Try: subscribe Honduras',
  resumedByUser: 'Digests to this chat are on again.',
  notPaused: 'Digests to this chat are not paused.',
  catchUpNow:
    'A digest was due while they were paused: it goes out now (within a minute), then on the usual day.',
  resumeHolds: (n: number) =>
    n === 0
      ? 'Nothing new has arrived since the last digest yet.'
      : `It holds what arrived since the last digest, paused time included: ${n === 1 ? '1 new item' : `${n} new items`} so far.`,
  nothingAfter: (text: string) => `This command takes nothing after it ("${text}").`,
  quietLine: (on: boolean) =>
    on
      ? 'Digests to this chat arrive silently, without a notification sound (quiet on).'
      : 'Digests to this chat arrive with the usual notification (quiet off).',
  changeQuiet: 'To change it: quiet on or quiet off.',
  formatLine: (full: boolean) =>
    full
      ? "This chat's digests are full: each item with its summary (format full)."
      : "This chat's digests are compact: one line an item (format compact).",
  changeFormat: 'To change it: format compact or format full.',
  formatSet: (full: boolean) =>
    full
      ? "This chat's digests now come in full: each item with its summary."
      : "This chat's digests now come compact: one line an item.",
  badFormat: (text: string) =>
    text ? `"${text}" is not a format: say compact or full.` : 'Say compact or full.',
  quietOnSet: 'Digests to this chat now arrive silently, without a notification sound.',
  quietOffSet: 'Digests to this chat now arrive with the usual notification.',
  badQuiet: (text: string) => (text ? `"${text}" is neither on nor off.` : 'Say on or off.'),
  unsubscribeAsk: (places: string) =>
    `Unsubscribe this chat from all its digests (${places})? Its countries and schedule would be forgotten; pause keeps them.`,
  pickSchedule: (zone: string) => `Or pick one of these, in this chat's zone (${zone}):`,
  dailyWord: 'daily',
  topicsHeading: 'Topics',
  topicsOfChat: (list: string) => `This chat's digests hold only items about ${list}.`,
  topicsAll: "This chat's digests hold items on every topic.",
  topicsHow: 'To remove one: unsubscribe topic <topic>. Type topics to see them all.',
  topicsHowTo: (example: string) =>
    `To limit a digest to some: ${example} (several, with commas); to remove one: unsubscribe topic <topic>.`,
  topicRemoved: (list: string) => `Removed: ${list}.`,
  topicNotSet: (list: string) => `This chat's digests are not limited to ${list}.`,
  unknownTopic: (name: string) => `I don't know the topic "${name}".`,
  knownTopics: (list: string) => `The topics are ${list}.`,
  topicMissing: 'Name a topic after topic, for example: subscribe Honduras topic remittances.',
  topicNeedsCountry:
    'A topic limits what the countries of a subscription bring: name a country too, for example subscribe Honduras topic remittances.',
  stillPausedNote: 'Digests to this chat are paused: type resume to turn them on again.',

  scheduleSet: (when: string, tz: string) => `Digests for this chat now go out ${when} (${tz}).`,
  changeSchedule:
    'To change when it goes out: schedule <day or daily> <time> [zone], for example schedule friday 8am San Salvador.',
  /** the region's zones by their common names, said back with the IANA zone ("Eastern time, America/New_York") */
  zoneFamilies: {
    eastern: 'Eastern time',
    central: 'Central time',
    mountain: 'Mountain time',
    pacific: 'Pacific time',
    atlantic: 'Atlantic time',
    newfoundland: 'Newfoundland time',
    alaska: 'Alaska time',
    hawaii: 'Hawaii time',
    utc: 'UTC',
  } as Record<string, string>,
  zoneKept: (typed: string, instead: string, city: string) =>
    `"${typed}" is read as this chat's own zone; for the time in ${city}, write ${instead}.`,
  badWeekday: (text: string) =>
    `"${text}" is not a day of the week. Use monday … sunday (or lunes … domingo).`,
  badTime: (text: string) =>
    `"${text}" is not a time. Write it as 08:00, 8am, 8:30 pm, 20h or 20:00 (a bare 8 could be morning or evening).`,
  badTimeZone: (text: string) => `I don't know the time zone "${text}".`,
  timeZoneHint:
    'Write a city or country (San Salvador, Mexico City, Kingston), an IANA zone (America/Tegucigalpa), an abbreviation (EST, CST, AST) or an offset (UTC-6).',

  changeLanguage: 'To change it: language es (respuestas en español) or language en.',
  languageSet: 'Replies in this chat are now in English.',
  badLanguage: (text: string) => `"${text}" is not a language I speak. Use en (English) or es (español).`,

  digestHeading: (places: string, daily = false) => `${daily ? 'Daily' : 'Weekly'} digest: ${places}`,
  digestCount: (n: number) => (n === 1 ? '1 new item' : `${n} new items`),
  digestMore: (n: number, command: string) => `And ${n} more: ${command}`,
  previewHeading: (places: string) => `Digest preview: ${places}`,
  digestRestHeading: (places: string) => `More from the digest: ${places}`,
  digestRestNone: 'That digest has nothing more to show.',
  badDigestWindow: (text: string) =>
    `"${text}" is not a digest's numbers: use the two a digest ends with, as in digest 120-165.`,
  previewNothing: 'Nothing new since the last digest: no digest would go out now.',
  previewNothingYet:
    'No digest has gone out yet, and nothing new has arrived since this chat subscribed: no digest would go out now.',
  previewNote: (when: string) =>
    `This is what the next digest would hold if it went out now. It is due ${when}.`,
  previewNoSubscription: 'This chat has no subscriptions, so it gets no digest. Try: subscribe Honduras',

  sourcesHeading: 'News sources',
  sourceLine: (name: string, items: number) => `${name}: ${items} ${items === 1 ? 'item' : 'items'}`,
  sourceOk: (when: string) => `last read ${when}`,
  sourceNever: 'not fetched yet',
  sourceNeverRead: 'never read successfully',
  sourceError: (when: string, err: string) => `last error ${when}: ${err}`,
  sourceNextTry: (when: string) => `next try ${when}`,
  noSources: 'No sources are configured (NEWS_SOURCES).',

  // Limits on what a command may ask (src/commands/limits.ts).
  commandTooLong: (max: number, length: number) =>
    `That command is too long (${length} characters): at most ${max}. Ask for less at a time.`,
  moreUnknownPlaces: (n: number) =>
    `…and ${n} more ${n === 1 ? 'name' : 'names'} I don't know either. Ask for fewer places at a time.`,

  buttons: {
    more: 'More',
    share: 'Share in channel',
    subscribe: (place: string) => `Subscribe: ${place}`,
    subscribeChannel: (place: string) => `Subscribe this chat: ${place}`,
    unsubscribe: (place: string) => `Unsubscribe: ${place}`,
    pause: 'Pause',
    resume: 'Resume',
    unsubscribeAll: 'Unsubscribe from all',
    unsubscribeDigest: 'Unsubscribe',
    changeWhen: 'Change day/time',
    confirmUnsubscribeAll: 'Yes, unsubscribe from all',
    keepSubscriptions: 'No, keep them',
  },
};

type Widen<T> = T extends (...args: infer A) => infer R
  ? (...args: A) => Widen<R>
  : T extends string
    ? string
    : T extends readonly (infer U)[]
      ? Widen<U>[]
      : T extends object
        ? { [K in keyof T]: Widen<T[K]> }
        : T;

export type Catalog = Widen<typeof en>;
