/* eslint-disable @typescript-eslint/no-explicit-any -- parsed documents are untyped trees, checked field by field below */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { StoreError } from '../src/ports.js';
import { isItem, itemsProblem } from './shapes.js';
import { emptyItems, type ItemsData } from './state.js';
import { checkSize, MAX_ARCHIVE_BYTES, readWhole, unreadable, writeWhole } from './whole-file.js';

/**
 * The item archive's layout: ordinary JSON, with one item a line, so that it can be read a line
 * at a time. Reading a hundred thousand items as one string would hold that string (tens of
 * megabytes) in the heap until the next full collection, on top of the items it held; so would
 * writing it as one. It is written in pieces of a few hundred items.
 */
function* itemsChunks(d: ItemsData, per = 500): Generator<string> {
  // Taken now: items added while the pieces are written belong to the next write.
  const { lastSeq, items } = d;
  const n = items.length;
  if (n === 0) {
    yield `{"lastSeq":${lastSeq},"items":[]}\n`;
    return;
  }
  yield `{"lastSeq":${lastSeq},"items":[\n`;
  for (let i = 0; i < n; i += per) {
    let chunk = '';
    for (let j = i; j < Math.min(n, i + per); j++) chunk += (j ? ',\n' : '') + JSON.stringify(items[j]);
    yield chunk;
  }
  yield '\n]}\n';
}

/**
 * Writes the archive whole (whole-file.ts) a piece at a time: a crash leaves the old archive or
 * the new, and a failed write (a full disk) leaves the old one and no temporary file.
 */
export function writeItemsFile(file: string, data: ItemsData): Promise<void> {
  return writeWhole(file, itemsChunks(data), 'items');
}

/**
 * Reads the archive at `file`: a line at a time when it has the layout above (up to
 * MAX_ARCHIVE_BYTES), else (a file written by hand, or by an older version) as one JSON document
 * (up to MAX_READ_BYTES). Every item is checked (shapes.ts):
 * anything unreadable, or of the wrong shape, is a StoreError naming the file and the first bad
 * item; a missing file is an empty archive.
 */
export async function readItemsFile(file: string): Promise<ItemsData> {
  await checkSize(file, 'items', MAX_ARCHIVE_BYTES);
  let byLine: Lined | null;
  try {
    byLine = await readLines(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyItems();
    throw unreadable(file, err, 'items');
  }
  let d: ItemsData;
  if (byLine) d = byLine.data;
  else {
    const text = await readWhole(file, 'items');
    if (text === undefined) return emptyItems();
    d = parseItems(file, text);
  }
  const problem = !byLine
    ? itemsProblem(d.lastSeq, d.items, itemAt)
    : byLine.firstBad >= 0
      ? itemsProblem(d.lastSeq, d.items, itemLine, byLine.firstBad)
      : null;
  if (problem) throw new StoreError(file, problem);
  return d;
}

/** Item i of the archive, for messages: with its line when the archive has one item a line (the first line is the head). */
const itemLine = (i: number) => `items[${i}] (line ${i + 2})`;
export const itemAt = (i: number) => `items[${i}]`;

/** The archive as one JSON document, its outline checked; a StoreError naming `file` if it is not one. */
function parseItems(file: string, text: string): ItemsData {
  let d: any;
  try {
    d = JSON.parse(text);
  } catch (err) {
    throw new StoreError(
      file,
      text.trim() ? `it is not valid JSON (${(err as Error).message})` : 'it is empty',
    );
  }
  if (!d || typeof d !== 'object' || !Array.isArray(d.items) || typeof d.lastSeq !== 'number')
    throw new StoreError(file, 'it does not hold {"lastSeq", "items"}');
  if (!Number.isInteger(d.lastSeq) || d.lastSeq < 0)
    throw new StoreError(file, `its lastSeq, ${d.lastSeq}, is not a whole number`);
  return d;
}

const HEAD = /^\{"lastSeq":(\d+),"items":\[$/;
const TAIL = ']}';

/** An archive read a line at a time, and its first item that is not a news item in seq order (-1 when none). */
interface Lined {
  data: ItemsData;
  firstBad: number;
}

/**
 * The archive streamed a line at a time, each line parsed and checked as it comes; null when
 * the file does not have that layout. The check (isItem) is cheap only here, on the item just
 * parsed; what is wrong with a bad item is worked out later, from the first one.
 */
async function readLines(file: string): Promise<Lined | null> {
  let head: RegExpExecArray | null = null;
  let lastSeq = 0;
  let prevSeq = 0;
  let firstBad = -1;
  let ended = false;
  const items = [];
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (!head) {
      head = HEAD.exec(line);
      if (!head) return null;
      lastSeq = Number(head[1]);
    } else if (ended) {
      if (line.trim()) return null;
    } else if (line === TAIL) {
      ended = true;
    } else {
      let item;
      try {
        item = JSON.parse(line.endsWith(',') ? line.slice(0, -1) : line);
      } catch {
        // Not one item a line after all (edited by hand?): the whole-document parse decides.
        return null;
      }
      if (firstBad < 0) {
        if (isItem(item) && item.seq > prevSeq && item.seq <= lastSeq) prevSeq = item.seq;
        else firstBad = items.length;
      }
      items.push(item);
    }
  }
  return head && ended ? { data: { lastSeq, items }, firstBad } : null;
}
