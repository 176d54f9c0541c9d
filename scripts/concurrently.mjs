#!/usr/bin/env node
/**
 * Runs each argument as a shell command, all at once, and fails if any fails: the checks of
 * `npm test` do not depend on one another, and one at a time they leave a core idle while each
 * starts up. Each command's output is held and printed whole when it ends, so outputs do not mix.
 *
 * `--lead COMMAND` runs that one in the foreground, its output shown as it comes, and the others
 * at a lower CPU priority, so they take the time it leaves idle rather than slow it down; their
 * output follows once it has ended. `npm test` leads with the tests, which wait on timers, child
 * processes and the network for much of their run.
 *
 * Arguments after `--` go to the lead, so `npm test -- tests/store` runs those tests (and the checks).
 */
import { spawn } from 'node:child_process';
import { setPriority } from 'node:os';

const all = process.argv.slice(2);
const dashes = all.indexOf('--');
const args = dashes < 0 ? all : all.slice(0, dashes);
const forwarded = dashes < 0 ? [] : all.slice(dashes + 1);
// Quoted for the shell the commands run in: a path may hold a space or a quote.
const quoted = forwarded.map((a) => `'${a.replaceAll("'", `'\\''`)}'`).join(' ');
const lead = args[0] === '--lead' ? [args[1], quoted].filter(Boolean).join(' ') : undefined;
const commands = lead === undefined ? args : args.slice(2);

function run(command, live) {
  return new Promise((resolve) => {
    const child = spawn(command, { shell: true, stdio: live ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    child.on('close', (code, signal) => resolve({ command, ok: code === 0, status: code ?? signal, output }));
  });
}

function report({ command, ok, status, output }) {
  if (ok && !output) return;
  process.stdout.write(`── ${command}${ok ? '' : `: failed (${status})`}\n${output}`);
  if (output && !output.endsWith('\n')) process.stdout.write('\n');
}

const leading = lead === undefined ? undefined : run(lead, true);
// The lead is started: what this process starts from now on inherits the lower priority.
if (leading) setPriority(10);
const others = commands.map((command) =>
  run(command, false).then(async (result) => {
    await leading;
    report(result);
    return result;
  }),
);
const results = await Promise.all([...(leading ? [leading] : []), ...others]);
if (leading && !results[0].ok) process.stdout.write(`── ${lead}: failed (${results[0].status})\n`);
process.exitCode = results.every((r) => r.ok) ? 0 : 1;
