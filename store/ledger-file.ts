import { open, readFile, rename, writeFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { printable, StoreError, type Delivery } from '../src/ports.js';
import { accessError } from './file-errors.js';
import { deliveryProblem } from './shapes.js';

/** Where the store says what it did on its own (pino's warn, or anything shaped like it). */
export interface StoreLog {
  warn(detail: object, message: string): void;
}

/**
 * The delivery ledger: one JSON line per change of a delivery, appended, so that marking a
 * message sent costs one small write however many chats there are. On opening, the last line
 * of each delivery wins, and the file is compacted when most of it is history.
 */
export class LedgerFile {
  private handle: Promise<FileHandle> | null = null;
  private lines = 0;

  private constructor(
    readonly file: string,
    private readonly log?: StoreLog,
  ) {}

  static async open(file: string, log?: StoreLog): Promise<{ ledger: LedgerFile; deliveries: Delivery[] }> {
    const ledger = new LedgerFile(file, log);
    const deliveries = await ledger.read();
    return { ledger, deliveries };
  }

  private async read(): Promise<Delivery[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw accessError(this.file, err, 'ledger');
    }
    const lines = text.split('\n');
    const byId = new Map<string, Delivery>();
    let partial = false;
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      let d: Delivery;
      try {
        d = JSON.parse(line);
      } catch {
        // A process killed in the middle of an append leaves a partial last line: that write never happened.
        if (i === lines.length - 1) {
          partial = true;
          this.log?.warn(
            { file: this.file, line: i + 1, dropped: printable(line.slice(0, 200)), length: line.length },
            `The delivery ledger ${this.file} ended in a half-written line ${i + 1} (the process stopped while writing it): that line was dropped and the file rewritten without it. A message it was about may be sent again.`,
          );
          return;
        }
        throw new StoreError(this.file, `line ${i + 1} is not valid JSON`);
      }
      const problem = deliveryProblem(d);
      if (problem) throw new StoreError(this.file, `line ${i + 1} is not a delivery record: ${problem}`);
      byId.set(d.id, d);
    });
    this.lines = lines.filter((l) => l.trim()).length;
    const kept = keepLatest([...byId.values()]);
    try {
      if (this.lines > 1000 && this.lines > kept.length * 2) await this.rewrite(kept);
      else if (partial) await this.replace(lines.slice(0, -1).join('\n') + '\n');
      else if (text.length > 0 && !text.endsWith('\n')) await this.replace(text + '\n');
    } catch (err) {
      throw accessError(this.file, err, 'ledger', 'write');
    }
    return kept;
  }

  private async rewrite(deliveries: Delivery[]): Promise<void> {
    await this.replace(deliveries.map((d) => JSON.stringify(d) + '\n').join(''));
    this.lines = deliveries.length;
  }

  private async replace(text: string): Promise<void> {
    const tmp = path.join(path.dirname(this.file), `.${path.basename(this.file)}.tmp`);
    await writeFile(tmp, text);
    await rename(tmp, this.file);
  }

  private pending: string[] = [];
  private scheduled: Promise<void> | null = null;
  /** the last write: writes go one after another, so lines keep their order */
  private tail: Promise<void> = Promise.resolve();

  /**
   * Resolves once the line is written. Appends that arrive together (a digest run sends to many
   * chats at once) share one write: each still waits for its own line to be on file.
   */
  append(d: Delivery): Promise<void> {
    this.pending.push(JSON.stringify(d) + '\n');
    this.lines++;
    if (!this.scheduled) {
      const run = this.tail.then(() => new Promise<void>((r) => setImmediate(r))).then(() => this.flush());
      // A failed write fails the appends that shared it, not every append after it.
      this.tail = run.catch(() => {});
      this.scheduled = run;
    }
    return this.scheduled;
  }

  private async flush(): Promise<void> {
    const text = this.pending.join('');
    this.pending = [];
    this.scheduled = null;
    // Opened once, by the first write.
    this.handle ??= open(this.file, 'a');
    try {
      await (await this.handle).write(text);
    } catch (err) {
      // Opened again by the next write, in case the handle is what failed.
      const h = this.handle;
      this.handle = null;
      void h.then((fh) => fh.close()).catch(() => {});
      throw err;
    }
  }

  async close(): Promise<void> {
    await this.tail;
    await (await this.handle)?.close();
    this.handle = null;
  }
}

/** Per chat, the newest delivery in each state: all the digest logic needs, and bounded. */
function keepLatest(all: Delivery[]): Delivery[] {
  const newest = new Map<string, Delivery>();
  for (const d of all) {
    const k = `${d.chatKey}|${d.state}`;
    const prev = newest.get(k);
    if (!prev || prev.dueAt < d.dueAt || (prev.dueAt === d.dueAt && prev.updatedAt <= d.updatedAt))
      newest.set(k, d);
  }
  const keep = new Set(newest.values());
  return all.filter((d) => keep.has(d));
}
