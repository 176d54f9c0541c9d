/**
 * What a store file must hold, checked when it is opened: a file of the wrong shape would
 * otherwise open and crash a command or a digest later, far from its cause. The shapes are zod
 * schemas; each check gives what is wrong with a value, as a person reads it ("places[0].code is
 * not a string (it is 4)"), or null.
 */
import { z } from 'zod';
import { isZone } from '../src/digest/zone.js';
import { LANGS } from '../src/i18n/index.js';

/** A short account of a value that is not what was wanted. */
function shown(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** "places[0].code" for the path ['places', 0, 'code']. */
const pathText = (path: PropertyKey[]) =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');

/**
 * A schema, as problem() uses it. Not z.ZodType: tsc proving a large object schema one took
 * seconds (its output type worked out in full), a fifth of the project's type check.
 */
type Checker = { safeParse(v: unknown, params: { reportInput: true }): z.ZodSafeParseResult<unknown> };

/**
 * What is wrong with `v` as `schema` says, or null: its first problem, named by where it is.
 * Every schema's error message is what the value should have been ("a string").
 */
function problem(schema: Checker, v: unknown): string | null {
  const r = schema.safeParse(v, { reportInput: true });
  if (r.success) return null;
  const issue = r.error.issues[0];
  const at = pathText(issue.path);
  if (!at) return `it is ${shown(issue.input)}`;
  return issue.input === undefined
    ? `no ${at}`
    : `${at} is not ${issue.message} (it is ${shown(issue.input)})`;
}

const text = z.string({ error: 'a string' });
/** absent, null or a string: the optional text fields */
const optText = text.nullish();
const strings = z.array(text, { error: 'a list of strings' });
const whole = (min: number, what = 'a whole number') => z.int({ error: what }).min(min, { error: what });
const object = <S extends z.ZodRawShape>(shape: S) => z.object(shape, { error: 'an object' });

// ---- the item archive

/** A stored NewsItem. */
const StoredItem = object({
  id: text,
  title: text,
  summary: text,
  firstSeenAt: text,
  updatedAt: text,
  seq: whole(1, 'a whole number above 0'),
  date: optText,
  url: optText,
  lang: optText,
  countries: strings,
  regions: strings,
  topics: strings,
  sources: strings,
});

/** What is wrong with `v` as a stored NewsItem, or null. */
export const itemProblem = (v: unknown): string | null => problem(StoredItem, v);

/** Whether every element of `a`, a list, is a string. */
function allStrings(a: unknown[]): boolean {
  for (let i = 0; i < a.length; i++) if (typeof a[i] !== 'string') return false;
  return true;
}

/**
 * Whether `v` is a stored NewsItem: the fast path of the archive reader, which calls it on each
 * of up to a hundred thousand items as it is parsed, while the item is in the cache. The same
 * rules as StoredItem, by hand, because it is measurably faster: `npm run bench -- core` times
 * both over 100,000 items, 30 ms against 1,080 ms for StoredItem on the project's machine
 * (README, Benchmarks), which would add a second to every start. tests/store/shapes.test.ts
 * holds the two to the same rules. itemProblem, which says what is wrong, runs only on the first
 * item that fails it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- an untyped parsed tree, checked field by field
export function isItem(v: any): boolean {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.id === 'string' &&
    typeof v.title === 'string' &&
    typeof v.summary === 'string' &&
    typeof v.firstSeenAt === 'string' &&
    typeof v.updatedAt === 'string' &&
    typeof v.seq === 'number' &&
    Number.isInteger(v.seq) &&
    v.seq > 0 &&
    (v.date == null || typeof v.date === 'string') &&
    (v.url == null || typeof v.url === 'string') &&
    (v.lang == null || typeof v.lang === 'string') &&
    Array.isArray(v.countries) &&
    allStrings(v.countries) &&
    Array.isArray(v.regions) &&
    allStrings(v.regions) &&
    Array.isArray(v.topics) &&
    allStrings(v.topics) &&
    Array.isArray(v.sources) &&
    allStrings(v.sources) &&
    !Array.isArray(v)
  );
}

/**
 * What is wrong with an archive's items, or null: the first item that is not a news item, or
 * whose seq does not follow the one before it or passes `lastSeq` (new items would take seqs
 * already given). `where(i)` names item i, with its line when the archive has one item a line.
 * From item `from` on, when those before it are known to be good.
 */
export function itemsProblem(
  lastSeq: number,
  items: readonly unknown[],
  where: (i: number) => string,
  from = 0,
): string | null {
  let prev = from > 0 ? (items[from - 1] as { seq: number }).seq : 0;
  for (let i = from; i < items.length; i++) {
    const p = isItem(items[i]) ? null : itemProblem(items[i]);
    if (p) return `${where(i)} is not a news item: ${p}`;
    const seq = (items[i] as { seq: number }).seq;
    if (seq <= prev)
      return `${where(i)} has seq ${seq}, but the item before it has ${prev}: items must be in rising seq order`;
    if (seq > lastSeq) return `${where(i)} has seq ${seq}, above the archive's lastSeq ${lastSeq}`;
    prev = seq;
  }
  return null;
}

/** The first item whose id an earlier item has, as a problem; null when every id is different. */
export function duplicateIdProblem(
  items: readonly { id: string }[],
  where: (i: number) => string,
): string | null {
  const first = new Map<string, number>();
  for (let i = 0; i < items.length; i++) {
    const j = first.get(items[i].id);
    if (j !== undefined)
      return `${where(i)} has the id ${JSON.stringify(items[i].id)} of ${where(j)}: ids must be different`;
    first.set(items[i].id, i);
  }
  return null;
}

// ---- the state file: chats and sources

const TIME_ZONE = 'a time zone such as America/Costa_Rica';
const WEEKDAY = 'a weekday number, 1 (Monday) to 7 (Sunday), or 0 (every day)';

const Schedule = object({
  weekday: whole(0, WEEKDAY).max(7, { error: WEEKDAY }),
  time: z
    .string({ error: 'a time as HH:MM' })
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'a time as HH:MM' }),
  timeZone: z.string({ error: TIME_ZONE }).refine(isZone, { error: TIME_ZONE }),
});

const Chat = object({
  key: text,
  address: object({
    platform: z.enum(['telegram', 'slack', 'console'], { error: 'telegram, slack or console' }),
    chatId: text,
    teamId: optText,
  }),
  places: z.array(object({ code: text, sinceSeq: whole(0), addedAt: text }), { error: 'a list' }),
  state: z.enum(['active', 'paused'], { error: '"active" or "paused"' }),
  language: z.enum(LANGS, { error: LANGS.map((l) => `"${l}"`).join(' or ') }).nullish(),
  schedule: Schedule.nullish(),
  quiet: z.boolean({ error: 'true or false' }).nullish(),
  topics: strings.nullish(),
  format: z.enum(['compact', 'full'], { error: '"compact" or "full"' }).nullish(),
  pausedReason: optText,
  pausedDetail: optText,
  pausedAt: optText,
  createdAt: text,
  updatedAt: text,
});

const number = z.number({ error: 'a number' }).nullish();
const SourceHealth = object({
  source: text,
  itemCount: number,
  failures: number,
  lastFetchAt: optText,
  lastSuccessAt: optText,
  lastError: optText,
  lastErrorAt: optText,
  nextTryAt: optText,
  etag: optText,
  lastModified: optText,
});

const StateOutline = z.object({
  chats: z.record(z.string(), z.unknown()),
  sources: z.record(z.string(), z.unknown()),
});

/** An entry kept under `key` whose own `field` names another: the map and the entry disagree. */
const keptElsewhere = (v: unknown, field: 'key' | 'source', key: string): string | null => {
  const own = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[field] : undefined;
  return typeof own === 'string' && own !== key
    ? `its ${field} is ${JSON.stringify(own)}, not the key it is kept under`
    : null;
};

/** What is wrong with the state file's data, or null: its outline, then the first bad chat or source. */
export function stateProblem(d: unknown): string | null {
  const outline = StateOutline.safeParse(d);
  if (!outline.success) return 'it does not hold {"chats", "sources"}';
  for (const [key, c] of Object.entries(outline.data.chats)) {
    const p = keptElsewhere(c, 'key', key) ?? problem(Chat, c);
    if (p) return `chats[${JSON.stringify(key)}] is not a chat: ${p}`;
  }
  for (const [key, h] of Object.entries(outline.data.sources)) {
    const p = keptElsewhere(h, 'source', key) ?? problem(SourceHealth, h);
    if (p) return `sources[${JSON.stringify(key)}] is not a source's health: ${p}`;
  }
  return null;
}

// ---- the delivery ledger

const Delivery = object({
  id: text,
  chatKey: text,
  dueAt: text,
  createdAt: text,
  updatedAt: text,
  fromSeq: whole(0),
  toSeq: whole(0),
  more: whole(0),
  itemIds: strings,
  sent: strings,
  state: z.enum(['pending', 'sent', 'failed', 'empty'], { error: 'pending, sent, failed or empty' }),
  parts: whole(0).nullish(),
  attempts: whole(0).nullish(),
  attempted: whole(0).nullish(),
  error: optText,
});

/** What is wrong with `d` as a Delivery record of the ledger, or null. */
export const deliveryProblem = (d: unknown): string | null => problem(Delivery, d);
