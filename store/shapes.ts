/* eslint-disable @typescript-eslint/no-explicit-any -- parsed documents are untyped trees, checked field by field below */
/**
 * What a store file must hold, checked when it is opened: a file of the wrong shape would
 * otherwise open and crash a command or a digest later, far from its cause. Each check gives
 * what is wrong with a value, or null. The item check runs on every item of an archive that can
 * hold a hundred thousand: it is written by hand, a few typeofs per field.
 */
import { LANGS } from '../src/i18n/index.js';
import { isZone } from '../src/digest/zone.js';

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A short account of a value that is not what was wanted. */
function shown(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** `no name` when the field is absent, else `name is not <what> (it is …)`; `at` is the path to `o`, as "address.". */
const wrong = (o: Obj, name: string, what: string, at = '') =>
  o[name] === undefined ? `no ${at}${name}` : `${at}${name} is not ${what} (it is ${shown(o[name])})`;

const isStrings = (v: unknown): boolean => Array.isArray(v) && allStrings(v);

/** absent, null or a string: the optional text fields */
const optString = (v: unknown) => v == null || typeof v === 'string';
const optNumber = (v: unknown) => v == null || (typeof v === 'number' && Number.isFinite(v));
const isCount = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;

// ---- the item archive

const ITEM_STRINGS = ['id', 'title', 'summary', 'firstSeenAt', 'updatedAt'] as const;
const ITEM_NULLABLE = ['date', 'url', 'lang'] as const;
const ITEM_LISTS = ['countries', 'regions', 'topics', 'sources'] as const;

/** Whether every element of `a`, a list, is a string. */
function allStrings(a: unknown[]): boolean {
  for (let i = 0; i < a.length; i++) if (typeof a[i] !== 'string') return false;
  return true;
}

/**
 * Whether `v` is a stored NewsItem: the fast path, run on every item. It reads every field, and
 * reading the fields of a hundred thousand items is a cache miss each (tens of milliseconds):
 * the archive reader calls it on each item as it is parsed, while the item is in the cache.
 * itemProblem, which says what is wrong, runs only on the first item that fails it.
 */
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

/** What is wrong with `v` as a stored NewsItem, or null. */
export function itemProblem(v: unknown): string | null {
  if (isItem(v)) return null;
  if (!isObject(v)) return `it is ${shown(v)}`;
  for (const k of ITEM_STRINGS) if (typeof v[k] !== 'string') return wrong(v, k, 'a string');
  if (!(typeof v.seq === 'number' && Number.isInteger(v.seq) && v.seq > 0))
    return wrong(v, 'seq', 'a whole number above 0');
  for (const k of ITEM_NULLABLE) if (!optString(v[k])) return wrong(v, k, 'a string or null');
  for (const k of ITEM_LISTS) if (!isStrings(v[k])) return wrong(v, k, 'a list of strings');
  return null;
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
    const p = itemProblem(items[i]);
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

const PLATFORMS = new Set(['telegram', 'slack', 'console']);
const STATES = new Set(['active', 'paused']);
function scheduleProblem(s: unknown): string | null {
  if (!isObject(s)) return `schedule is ${shown(s)}`;
  if (!(typeof s.weekday === 'number' && Number.isInteger(s.weekday) && s.weekday >= 0 && s.weekday <= 7))
    return wrong(s, 'weekday', 'a weekday number, 1 (Monday) to 7 (Sunday), or 0 (every day)', 'schedule.');
  if (!(typeof s.time === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(s.time)))
    return wrong(s, 'time', 'a time as HH:MM', 'schedule.');
  if (!(typeof s.timeZone === 'string' && isZone(s.timeZone)))
    return wrong(s, 'timeZone', 'a time zone such as America/Costa_Rica', 'schedule.');
  return null;
}

/** What is wrong with `c`, kept under `key`, as a Chat, or null. */
export function chatProblem(c: unknown, key: string): string | null {
  if (!isObject(c)) return `it is ${shown(c)}`;
  if (typeof c.key !== 'string') return wrong(c, 'key', 'a string');
  if (c.key !== key) return `its key is ${JSON.stringify(c.key)}, not the key it is kept under`;
  const a = c.address;
  if (!isObject(a)) return a === undefined ? 'no address' : `address is ${shown(a)}`;
  if (typeof a.platform !== 'string' || !PLATFORMS.has(a.platform))
    return wrong(a, 'platform', 'telegram, slack or console', 'address.');
  if (typeof a.chatId !== 'string') return wrong(a, 'chatId', 'a string', 'address.');
  if (!optString(a.teamId)) return wrong(a, 'teamId', 'a string', 'address.');
  if (!Array.isArray(c.places)) return wrong(c, 'places', 'a list');
  for (let i = 0; i < c.places.length; i++) {
    const p: unknown = c.places[i];
    if (!isObject(p)) return `places[${i}] is ${shown(p)}`;
    if (typeof p.code !== 'string') return wrong(p, 'code', 'a string', `places[${i}].`);
    if (!(typeof p.sinceSeq === 'number' && Number.isInteger(p.sinceSeq) && p.sinceSeq >= 0))
      return wrong(p, 'sinceSeq', 'a whole number', `places[${i}].`);
    if (typeof p.addedAt !== 'string') return wrong(p, 'addedAt', 'a string', `places[${i}].`);
  }
  if (typeof c.state !== 'string' || !STATES.has(c.state)) return wrong(c, 'state', '"active" or "paused"');
  if (c.language != null && !(LANGS as unknown[]).includes(c.language))
    return wrong(c, 'language', LANGS.map((l) => `"${l}"`).join(' or '));
  if (c.schedule != null) {
    const p = scheduleProblem(c.schedule);
    if (p) return p;
  }
  for (const k of ['pausedReason', 'pausedAt'] as const) if (!optString(c[k])) return wrong(c, k, 'a string');
  for (const k of ['createdAt', 'updatedAt'] as const)
    if (typeof c[k] !== 'string') return wrong(c, k, 'a string');
  return null;
}

const SOURCE_STRINGS = [
  'lastFetchAt',
  'lastSuccessAt',
  'lastError',
  'lastErrorAt',
  'nextTryAt',
  'etag',
  'lastModified',
] as const;

/** What is wrong with `h`, kept under `key`, as a SourceHealth, or null. */
export function sourceProblem(h: unknown, key: string): string | null {
  if (!isObject(h)) return `it is ${shown(h)}`;
  if (typeof h.source !== 'string') return wrong(h, 'source', 'a string');
  if (h.source !== key) return `its source is ${JSON.stringify(h.source)}, not the key it is kept under`;
  for (const k of ['itemCount', 'failures'] as const) if (!optNumber(h[k])) return wrong(h, k, 'a number');
  for (const k of SOURCE_STRINGS) if (!optString(h[k])) return wrong(h, k, 'a string');
  return null;
}

/** What is wrong with the state file's data, or null: its outline, then the first bad chat or source. */
export function stateProblem(d: unknown): string | null {
  if (!isObject(d) || !isObject(d.chats) || !isObject(d.sources))
    return 'it does not hold {"chats", "sources"}';
  for (const key of Object.keys(d.chats)) {
    const p = chatProblem(d.chats[key], key);
    if (p) return `chats[${JSON.stringify(key)}] is not a chat: ${p}`;
  }
  for (const key of Object.keys(d.sources)) {
    const p = sourceProblem(d.sources[key], key);
    if (p) return `sources[${JSON.stringify(key)}] is not a source's health: ${p}`;
  }
  return null;
}

// ---- the delivery ledger

const DELIVERY_STATES = new Set(['pending', 'sent', 'failed', 'empty']);

/** What is wrong with `d` as a Delivery record of the ledger, or null. */
export function deliveryProblem(d: unknown): string | null {
  if (!isObject(d)) return `it is ${shown(d)}`;
  for (const k of ['id', 'chatKey', 'dueAt', 'createdAt', 'updatedAt'] as const)
    if (typeof d[k] !== 'string') return wrong(d, k, 'a string');
  for (const k of ['fromSeq', 'toSeq', 'more'] as const)
    if (!isCount(d[k])) return wrong(d, k, 'a whole number');
  for (const k of ['itemIds', 'sent'] as const) if (!isStrings(d[k])) return wrong(d, k, 'a list of strings');
  if (typeof d.state !== 'string' || !DELIVERY_STATES.has(d.state))
    return wrong(d, 'state', 'pending, sent, failed or empty');
  for (const k of ['parts', 'attempts'] as const)
    if (d[k] != null && !isCount(d[k])) return wrong(d, k, 'a whole number');
  if (!optString(d.error)) return wrong(d, 'error', 'a string');
  return null;
}
