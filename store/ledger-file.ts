import { open, type FileHandle } from 'node:fs/promises';
import { printable, StoreError, type Delivery } from '../src/ports.js';
import { writeError } from './file-errors.js';
import { deliveryProblem } from './shapes.js';
import { readWhole, writeWhole } from './whole-file.js';

/** Where the store says what it did on its own (pino's warn, or anything shaped like it). */
export interface StoreLog {
  warn(detail: object, message: string): void;
}

/**
 * The delivery ledger: one JSON line per change of a delivery, appended, so that marking a
 * message attempted or sent costs one small write however many chats there are. A delivery's
 * first line holds all of it; a later line only what changed (`"patch": true`, a removed field
 * as null), since the marks come two per message and the item ids never change. On opening,
 * the lines of each delivery are merged in order, and the file is compacted (whole lines) when
 * most of it is history.
 */
export class LedgerFile {
  private handle: Promise<FileHandle> | null = null;
  private lines = 0;
  /** each delivery as last written, to write only what changed */
  private written = new Map<string, Delivery>();

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
    const text = await readWhole(this.file, 'ledger');
    if (text === undefined) return [];
    const lines = text.split('\n');
    const byId = new Map<string, Delivery>();
    let partial = false;
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      let d: Delivery;
      try {
        d = merged(JSON.parse(line), byId);
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
    this.written = new Map(kept.map((d) => [d.id, d]));
    if (this.lines > 1000 && this.lines > kept.length * 2) await this.rewrite(kept);
    else if (partial) await this.replace(lines.slice(0, -1).join('\n') + '\n');
    else if (text.length > 0 && !text.endsWith('\n')) await this.replace(text + '\n');
    return kept;
  }

  private async rewrite(deliveries: Delivery[]): Promise<void> {
    await this.replace(deliveries.map((d) => JSON.stringify(d) + '\n').join(''));
    this.lines = deliveries.length;
  }

  private replace(text: string): Promise<void> {
    return writeWhole(this.file, [text], 'ledger');
  }

  private pending: Delivery[] = [];
  private scheduled: Promise<void> | null = null;
  /** the last write: writes go one after another, so lines keep their order */
  private tail: Promise<void> = Promise.resolve();

  /**
   * Resolves once the line is written. Appends that arrive together (a digest run sends to many
   * chats at once) share one write: each still waits for its own line to be on file.
   */
  append(d: Delivery): Promise<void> {
    this.pending.push(d);
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
    const batch = this.pending;
    this.pending = [];
    this.scheduled = null;
    // A patch only against lines on file (or earlier in this same write): after a failed write,
    // the next line of those deliveries is whole again.
    const now = new Map<string, Delivery>();
    const text = batch
      .map((d) => {
        const before = now.get(d.id) ?? this.written.get(d.id);
        now.set(d.id, d);
        return JSON.stringify(before ? patch(before, d) : d) + '\n';
      })
      .join('');
    // Opened once, by the first write.
    this.handle ??= open(this.file, 'a');
    let fh: FileHandle | undefined;
    let size: number | undefined;
    try {
      fh = await this.handle;
      size = (await fh.stat()).size;
      await fh.write(text);
      for (const [id, d] of now) this.written.set(id, d);
    } catch (err) {
      // Part of the lines may be on file (a disk that filled during the write): cut back to the
      // last whole line, or the next start would find a broken line in the middle of the ledger.
      if (fh && size !== undefined) await fh.truncate(size).catch(() => {});
      // Opened again by the next write, in case the handle is what failed.
      const h = this.handle;
      this.handle = null;
      void h.then((f) => f.close()).catch(() => {});
      throw writeError(this.file, err, 'ledger');
    }
  }

  async close(): Promise<void> {
    await this.tail;
    await (await this.handle)?.close();
    this.handle = null;
  }
}

/** What changed from `before` to `after`, as a patch line: fields by reference, a removed one as null. */
function patch(before: Delivery, after: Delivery): Record<string, unknown> {
  const out: Record<string, unknown> = { id: after.id, patch: true };
  const a = after as unknown as Record<string, unknown>;
  const b = before as unknown as Record<string, unknown>;
  for (const k of Object.keys(a)) if (a[k] !== b[k] && a[k] !== undefined) out[k] = a[k];
  for (const k of Object.keys(b)) if (b[k] !== undefined && a[k] === undefined) out[k] = null;
  return out;
}

/**
 * A line as the delivery it stands for: a whole one as it is, a patch merged into the lines
 * before it. A patch with nothing before it (a file cut by hand) is a whole record that fails
 * its check with the fields it lacks.
 */
function merged(line: Record<string, unknown>, byId: Map<string, Delivery>): Delivery {
  if (line.patch !== true) return line as unknown as Delivery;
  const { patch: _patch, ...fields } = line;
  const out: Record<string, unknown> = { ...byId.get(String(fields.id)) };
  for (const [k, v] of Object.entries(fields)) {
    if (v === null) delete out[k];
    else out[k] = v;
  }
  return out as unknown as Delivery;
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
