import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { StoreError } from '../src/ports.js';
import { emptyItems, type ItemsData } from './state.js';

/**
 * The item archive's layout: ordinary JSON, with one item a line, so that it can be read a line
 * at a time. Reading a hundred thousand items as one string would hold that string (tens of
 * megabytes) in the heap until the next full collection, on top of the items it held.
 */
export function stringifyItems(d: ItemsData): string {
  if (d.items.length === 0) return `{"lastSeq":${d.lastSeq},"items":[]}\n`;
  return `{"lastSeq":${d.lastSeq},"items":[\n${d.items.map((it) => JSON.stringify(it)).join(',\n')}\n]}\n`;
}

/**
 * Reads the archive at `file`: a line at a time when it has the layout above, else (a file
 * written by hand, or by an older version) as one JSON document. Anything unreadable is a
 * StoreError naming the file; a missing file is an empty archive.
 */
export async function readItemsFile(file: string): Promise<ItemsData> {
  try {
    return (await readLines(file)) ?? parseItems(file, await readFile(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyItems();
    throw err;
  }
}

/** The archive as one JSON document, checked; a StoreError naming `file` if it is not one. */
export function parseItems(file: string, text: string): ItemsData {
  let d: any;
  try {
    d = JSON.parse(text);
  } catch (err) {
    throw new StoreError(file, text.trim() ? `it is not valid JSON (${(err as Error).message})` : 'it is empty');
  }
  if (!d || typeof d !== 'object' || !Array.isArray(d.items) || typeof d.lastSeq !== 'number') throw new StoreError(file, 'it does not hold {"lastSeq", "items"}');
  return d;
}

const HEAD = /^\{"lastSeq":(\d+),"items":\[$/;
const TAIL = ']}';

/** The archive streamed a line at a time, each line parsed as it comes; null when the file does not have that layout. */
async function readLines(file: string): Promise<ItemsData | null> {
  let head: RegExpExecArray | null = null;
  let ended = false;
  const items = [];
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (!head) {
      head = HEAD.exec(line);
      if (!head) return null;
    } else if (ended) {
      if (line.trim()) return null;
    } else if (line === TAIL) {
      ended = true;
    } else {
      try {
        items.push(JSON.parse(line.endsWith(',') ? line.slice(0, -1) : line));
      } catch {
        // Not one item a line after all (edited by hand?): the whole-document parse decides.
        return null;
      }
    }
  }
  return head && ended ? { lastSeq: Number(head[1]), items } : null;
}
