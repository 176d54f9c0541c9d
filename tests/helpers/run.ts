import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ROOT = new URL('../../', import.meta.url).pathname;
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

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
    const child = spawn(TSX, [path.join(ROOT, entry), ...args], {
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

export const tempDb = () => path.join(mkdtempSync(path.join(tmpdir(), 'nb-e2e-')), 'newsbot.json');
