import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

export interface LocalStart {
  /** seconds from the spawn to the local-mode banner */
  readyS: number;
  /** seconds from the spawn to the first search answered (it waits for whatever the search needs built) */
  searchedS: number;
  /** resident memory after that answer, in MB */
  rssMb: number;
}

/**
 * Starts `npm start`'s program in local mode on the store NEWSBOT_DB names, types a search once
 * the banner is out, reads the resident set after its answer (`settleMs` later, for what the
 * service builds once it is ready), then ends its input. Resolves once it has exited.
 */
export function startLocal(db: string, settleMs = 0): Promise<LocalStart> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/main.ts')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', NEWSBOT_DB: db },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let err = '';
    let out = '';
    let readyS: number | undefined;
    let searchedS: number | undefined;
    let result: LocalStart | undefined;
    child.stderr.on('data', (d) => {
      err += d;
      if (readyS !== undefined || !/local mode/.test(err)) return;
      readyS = (performance.now() - t0) / 1000;
      child.stdin.write('search recruitment\n');
    });
    child.stdout.on('data', (d) => {
      out += d;
      if (searchedS !== undefined || !/== Search/.test(out)) return;
      searchedS = (performance.now() - t0) / 1000;
      setTimeout(() => {
        const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0);
        result = { readyS: readyS!, searchedS: searchedS!, rssMb: kb / 1024 };
        child.stdin.end();
      }, settleMs);
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      result ? resolve(result) : reject(new Error(`start-up failed (${code}): ${err}`)),
    );
  });
}
