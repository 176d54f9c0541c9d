/**
 * Generated command lines through each way in: the console (in-process, on a store on disk),
 * Telegram (updates through telegraf against the fake Bot API) and Slack (signed slash commands
 * to the Bolt receiver, answered through the fake's response URLs). Each run says what went
 * wrong, line by line: an error, a command left unanswered, a reply past its platform's limits.
 */
import { PassThrough, Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import { createConsoleAdapter } from '../../adapters/console/console-adapter.js';
import { renderAnswer, REPLY_CHARS } from '../../adapters/console/render-text.js';
import { RESPONSE_URL_POSTS } from '../../adapters/slack/answer.js';
import { COMMAND_REPLY_PARTS } from '../../adapters/telegram/bot.js';
import { MESSAGE_LIMIT } from '../../adapters/telegram/render-telegram.js';
import { describeViolation, takeUnreportedViolations } from '../fakes/slack-api.js';
import { makeCore } from '../helpers/core.js';
import { lowdbStore } from '../helpers/stores.js';
import { startRig } from '../helpers/slack-rig.js';
import { message, privateChat, setup, users } from '../telegram/setup.js';
import { commandLines } from './generate.js';
import { tempDb } from '../helpers/temp.js';

export interface FuzzRun {
  way: 'console' | 'telegram' | 'slack';
  seed: number;
  commands: number;
  /** what went wrong, each with the line that caused it (cut short) */
  failures: string[];
  /** the longest reply seen (characters), and the most messages or posts one command got */
  longest: number;
  mostParts: number;
  ms: number;
}

const shown = (line: string) =>
  JSON.stringify(line.length > 80 ? `${line.slice(0, 80)}…(${line.length})` : line);

/** A logger that counts what it logs at error level or above, with the message and error of each. */
function errorLog(): { log: Logger; errors: string[] } {
  const errors: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      for (const l of String(chunk).split('\n')) {
        if (!l.trim()) continue;
        const e = JSON.parse(l);
        if (e.level >= 50) errors.push(`${e.msg}: ${e.err?.message ?? ''}`);
      }
      cb();
    },
  });
  return { log: pino({ level: 'error' }, sink), errors };
}

/** Rejections nobody handled while `f` ran: a crash in a long-running service. */
async function watchingRejections<T>(failures: string[], f: () => Promise<T>): Promise<T> {
  const seen = (reason: unknown) =>
    failures.push(`unhandled rejection: ${(reason as Error)?.stack ?? reason}`);
  process.on('unhandledRejection', seen);
  try {
    return await f();
  } finally {
    process.off('unhandledRejection', seen);
  }
}

export async function fuzzConsole(seed: number, count: number): Promise<FuzzRun> {
  const t0 = performance.now();
  const failures: string[] = [];
  const next = commandLines(seed);
  const store = await lowdbStore(tempDb('nb-fuzz'));
  const core = await makeCore({ store });
  const { log, errors } = errorLog();
  const console = createConsoleAdapter({
    commands: core.commands,
    input: new PassThrough(),
    output: new PassThrough(),
    log,
  });
  let longest = 0;
  await watchingRejections(failures, async () => {
    for (let i = 0; i < count; i++) {
      const line = next();
      const before = errors.length;
      const { reply, error } = await console.ask(line);
      const printed = renderAnswer(reply);
      longest = Math.max(longest, printed.length);
      if (error !== undefined) failures.push(`${shown(line)}: failed: ${(error as Error)?.stack ?? error}`);
      else if (errors.length > before)
        failures.push(`${shown(line)}: logged ${errors.slice(before).join('; ')}`);
      if (!printed.trim()) failures.push(`${shown(line)}: an empty answer`);
      if (printed.length > REPLY_CHARS) failures.push(`${shown(line)}: ${printed.length} characters printed`);
    }
  });
  await store.close();
  return {
    way: 'console',
    seed,
    commands: count,
    failures,
    longest,
    mostParts: 1,
    ms: performance.now() - t0,
  };
}

export async function fuzzTelegram(seed: number, count: number): Promise<FuzzRun> {
  const t0 = performance.now();
  const failures: string[] = [];
  const next = commandLines(seed);
  const { log, errors } = errorLog();
  const s = await setup({ log, fake: { record: true } });
  const user = users.bob;
  let longest = 0;
  let mostParts = 0;
  await watchingRejections(failures, async () => {
    for (let i = 0; i < count; i++) {
      // Most lines typed as commands, the others as what a private chat also answers.
      const raw = next();
      const line = i % 4 === 3 || raw.startsWith('/') ? raw : `/${raw}`;
      const before = { sent: s.fake.sent(user.id).length, calls: s.fake.callsOf('sendMessage').length };
      const logged = errors.length;
      try {
        await s.feed(message(privateChat(user), user, line));
      } catch (err) {
        failures.push(`${shown(line)}: the update failed: ${(err as Error)?.stack ?? err}`);
        continue;
      }
      const sent = s.fake.sent(user.id).slice(before.sent);
      const refused = s.fake.callsOf('sendMessage').length - before.calls - sent.length;
      mostParts = Math.max(mostParts, sent.length);
      for (const m of sent) longest = Math.max(longest, m.text.length);
      if (errors.length > logged) failures.push(`${shown(line)}: logged ${errors.slice(logged).join('; ')}`);
      if (sent.length === 0) failures.push(`${shown(line)}: no answer`);
      if (sent.length > COMMAND_REPLY_PARTS) failures.push(`${shown(line)}: ${sent.length} messages`);
      if (refused > 0) failures.push(`${shown(line)}: ${refused} message(s) refused by the Bot API`);
      const over = sent.filter((m) => m.text.length > MESSAGE_LIMIT);
      if (over.length) failures.push(`${shown(line)}: a message of ${over[0].text.length} characters`);
    }
  });
  await s.close();
  return { way: 'telegram', seed, commands: count, failures, longest, mostParts, ms: performance.now() - t0 };
}

/** Slack carries a slash command's text in a form body the service caps at 1 MB: lines stay well within it. */
const SLACK_LINE_MAX = 20_000;

export async function fuzzSlack(seed: number, count: number): Promise<FuzzRun> {
  const t0 = performance.now();
  const failures: string[] = [];
  const next = commandLines(seed, { maxLength: SLACK_LINE_MAX });
  const { log, errors } = errorLog();
  const rig = await startRig({ core: await makeCore(), log });
  const asked: { line: string; responseId: string }[] = [];
  await watchingRejections(failures, async () => {
    for (let i = 0; i < count; i++) {
      const line = next();
      const logged = errors.length;
      const { status, responseId } = await rig.send(line);
      if (status !== 200) {
        failures.push(`${shown(line)}: HTTP ${status}`);
        continue;
      }
      asked.push({ line, responseId });
      // Answered: a first post to its response URL, as the person sees it.
      await rig.responses(responseId).catch(() => failures.push(`${shown(line)}: no answer`));
      if (errors.length > logged) failures.push(`${shown(line)}: logged ${errors.slice(logged).join('; ')}`);
    }
  });
  // Stopping waits for the posts still on their way, so every answer is counted whole.
  await rig.close();
  let longest = 0;
  let mostParts = 0;
  for (const { line, responseId } of asked) {
    const posts = rig.fake.responsesTo(responseId);
    mostParts = Math.max(mostParts, posts.length);
    for (const p of posts) longest = Math.max(longest, JSON.stringify(p.body).length);
    if (posts.length > RESPONSE_URL_POSTS) failures.push(`${shown(line)}: ${posts.length} posts`);
    const refused = posts.filter((p) => p.outcome !== 'ok');
    if (refused.length) failures.push(`${shown(line)}: a post answered ${refused[0].outcome}`);
  }
  // What Slack would refuse in a message (Block Kit's limits), as the fake records it.
  for (const v of takeUnreportedViolations()) failures.push(`Slack would refuse: ${describeViolation(v)}`);
  return { way: 'slack', seed, commands: count, failures, longest, mostParts, ms: performance.now() - t0 };
}
