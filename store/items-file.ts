import { createReadStream } from 'node:fs';
import { open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { StoreError } from '../src/ports.js';
import { emptyItems, type ItemsData } from './state.js';

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
 * Writes the archive to a temporary file a piece at a time and renames it over the old one, so a
 * crash leaves the old archive or the new, never half of one. Writes asked for while one runs
 * are folded into a single next write of the data as it is then.
 */
export class ItemsFileWriter {
  private running: Promise<void> | null = null;
  private next: Promise<void> | null = null;

  constructor(
    readonly file: string,
    private readonly data: () => ItemsData,
  ) {}

  write(): Promise<void> {
    if (this.next) return this.next;
    if (!this.running) return this.start();
    this.next = this.running.catch(() => {}).then(() => {
      this.next = null;
      return this.start();
    });
    return this.next;
  }

  private start(): Promise<void> {
    this.running = this.writeNow().finally(() => (this.running = null));
    return this.running;
  }

  private async writeNow(): Promise<void> {
    const tmp = path.join(path.dirname(this.file), `.${path.basename(this.file)}.tmp`);
    const fh = await open(tmp, 'w');
    try {
      for (const chunk of itemsChunks(this.data())) await fh.write(chunk);
    } finally {
      await fh.close();
    }
    await rename(tmp, this.file);
  }
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
function parseItems(file: string, text: string): ItemsData {
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
