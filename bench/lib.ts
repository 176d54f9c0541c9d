import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface Row {
  section: string;
  measure: string;
  size: string;
  value: string;
  target?: string;
  /** whether the value meets the target; undefined when there is none */
  met?: boolean;
}

export function percentile(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

export const ms = (v: number) => `${v.toFixed(2)} ms`;

/** Times `fn` `runs` times (after a few warm-up calls) and returns the durations in ms. */
export async function timeRuns(
  runs: number,
  fn: (i: number) => unknown | Promise<unknown>,
  warmup = 5,
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn(i);
    out.push(performance.now() - t0);
  }
  return out;
}

export function printTable(rows: Row[]): void {
  const head = ['section', 'measure', 'size', 'value', 'target', 'ok'];
  const cells = rows.map((r) => [
    r.section,
    r.measure,
    r.size,
    r.value,
    r.target ?? '',
    r.met === undefined ? '' : r.met ? 'yes' : 'NO',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const c of cells) console.log(line(c));
}

const made: string[] = [];
process.on('exit', () => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A store path in a fresh temporary folder, removed when the bench exits (a 100k-item store is tens of MB). */
export function tempStorePath(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return path.join(dir, 'newsbot.json');
}
