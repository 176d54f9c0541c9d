import { spawn, type ChildProcess } from 'node:child_process';
import { entryArgs } from './built-tree.js';
import { ROOT } from './run.js';

export interface Service {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** resolves once standard output or error matches; rejects if the process exits first */
  waitFor(stream: 'stdout' | 'stderr', re: RegExp): Promise<void>;
}

/**
 * Starts the service (src/main.ts, from the run's built tree: tests/helpers/built-tree.ts) with
 * standard input held open, as a terminal would, and only the environment given. `preload`
 * modules are imported before it (`node --import`).
 * `read: false` leaves its standard output unread (a reader that is slow, or not there yet): the
 * test reads `child.stdout` when it wants. The caller kills what it started (`child`), as a
 * test's afterEach does.
 */
export function startService(
  env: Record<string, string>,
  opts: { preload?: string[]; read?: boolean } = {},
): Service {
  const preload = (opts.preload ?? []).flatMap((m) => ['--import', m]);
  const child = spawn(process.execPath, [...preload, ...entryArgs(ROOT, 'src/main.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const out = { stdout: '', stderr: '' };
  const waiters: { stream: 'stdout' | 'stderr'; re: RegExp; resolve: () => void }[] = [];
  const check = () => {
    for (const w of [...waiters])
      if (w.re.test(out[w.stream])) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
  };
  if (opts.read !== false) child.stdout!.on('data', (d) => ((out.stdout += d), check()));
  child.stderr!.on('data', (d) => ((out.stderr += d), check()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.on('exit', (code, signal) => r({ code, signal })),
  );
  return {
    child,
    exited,
    stdout: () => out.stdout,
    stderr: () => out.stderr,
    waitFor: (stream, re) =>
      new Promise<void>((resolve, reject) => {
        waiters.push({ stream, re, resolve });
        check();
        void exited.then(({ code, signal }) =>
          reject(new Error(`exited (${code ?? signal}) before ${re}: ${out.stderr}`)),
        );
      }),
  };
}
