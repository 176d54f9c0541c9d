import { spawn } from 'node:child_process';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';

export const ROOT = new URL('../../', import.meta.url).pathname;
/** tsx's loader, found from here whatever folder a run starts in */
const TSX_LOADER = import.meta.resolve('tsx');

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs an entry point (src/main.ts, src/cli.ts) as a user would, with its own environment. */
export function run(
  entry: string,
  args: string[],
  opts: { env?: Record<string, string>; input?: string; cwd?: string; timeoutMs?: number } = {},
): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      ...opts.env,
    };
    // node with tsx's loader, as npm start runs it: one process (the tsx command starts two).
    const child = spawn(process.execPath, ['--import', TSX_LOADER, path.join(ROOT, entry), ...args], {
      cwd: opts.cwd ?? ROOT,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 15_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(opts.input ?? '');
  });
}

/**
 * Runs the `newsbot` command line in this process (src/cli.ts runCli), as `run` would in a
 * process of its own but without its start-up cost: for everything but what needs a process
 * (signals, exit on a closed pipe).
 */
export async function runInProcess(args: string[], env: Record<string, string> = {}): Promise<Ran> {
  const { runCli } = await import('../../src/cli.js');
  let stdout = '';
  let stderr = '';
  const sink = (write: (s: string) => void) =>
    new Writable({
      write(chunk, _enc, cb) {
        write(String(chunk));
        cb();
      },
    });
  const code = await runCli(args, {
    out: sink((s) => (stdout += s)),
    err: sink((s) => (stderr += s)),
    env: { LOG_LEVEL: 'silent', ...env },
  });
  return { code, stdout, stderr };
}

/**
 * A local-mode session in this process: the service composed from these settings, the lines
 * given as its standard input, and what it printed, once the input has ended.
 */
export async function consoleSession(input: string, env: Record<string, string> = {}): Promise<string> {
  const { createApp } = await import('../../src/app.js');
  const { loadConfig } = await import('../../src/config.js');
  let stdout = '';
  const output = new Writable({
    write(chunk, _enc, cb) {
      stdout += String(chunk);
      cb();
    },
  });
  const app = await createApp(loadConfig({ LOG_LEVEL: 'silent', ...env }), {
    console: { input: Readable.from([input]), output },
  });
  try {
    await app.ingest();
    await app.start({ scheduler: false });
    await app.console!.finished;
  } finally {
    await app.stop();
  }
  return stdout;
}

/**
 * `npm start` up to the failure of its start-up, in this process: the service composed from
 * these settings, its lease taken, its sources read and its adapters started, in the order
 * src/main.ts (serve) does, and the failure as serve prints it through problemOf: the exit code
 * and standard error. That a real process prints it so and exits is shown once, in
 * tests/e2e/local-mode.test.ts; this is for every other failure.
 */
export async function startupFailure(env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  const { createApp } = await import('../../src/app.js');
  const { loadConfig } = await import('../../src/config.js');
  const { problemOf } = await import('../../src/main.js');
  try {
    const config = loadConfig({ LOG_LEVEL: 'silent', ...env });
    const output = new Writable({ write: (_chunk, _enc, cb) => cb() });
    const app = await createApp(config, {
      console: config.local ? { input: Readable.from([]), output } : false,
    });
    try {
      if ((await app.takeLease()).ok) await app.ingest();
      await app.start();
    } finally {
      await app.stop();
    }
  } catch (err) {
    const { code, message } = problemOf(err);
    return { code, stderr: `newsbot: ${message}\n` };
  }
  throw new Error('the service started');
}
