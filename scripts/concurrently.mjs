#!/usr/bin/env node
/**
 * Runs each argument as a shell command, all at once, and fails if any fails: the checks of
 * `npm test` do not depend on one another, and one at a time they leave a core idle while each
 * starts up. Each command's output is held and printed whole when it ends, so outputs do not mix.
 */
import { spawn } from 'node:child_process';

const commands = process.argv.slice(2);
const results = await Promise.all(
  commands.map(
    (command) =>
      new Promise((resolve) => {
        const child = spawn(command, { shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout.on('data', (d) => (output += d));
        child.stderr.on('data', (d) => (output += d));
        child.on('close', (code, signal) => {
          const ok = code === 0;
          if (!ok || output) {
            process.stdout.write(`── ${command}${ok ? '' : `: failed (${code ?? signal})`}\n${output}`);
            if (output && !output.endsWith('\n')) process.stdout.write('\n');
          }
          resolve(ok);
        });
      }),
  ),
);
process.exitCode = results.every(Boolean) ? 0 : 1;
