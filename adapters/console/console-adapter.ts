import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Logger } from 'pino';
import { t } from '../../src/i18n/index.js';
import type { ChatAdapter, ChatAddress, CommandPort, Notifier } from '../../src/ports.js';
import type { Action, Reply } from '../../src/reply.js';
import { renderAnswer, renderText } from './render-text.js';

export interface ConsoleAdapterOptions {
  commands: CommandPort;
  input: Readable;
  output: Writable;
  log: Logger;
  chatId?: string;
  /** show a prompt (standard input is a terminal) */
  interactive?: boolean;
}

export interface ConsoleAdapter extends ChatAdapter {
  /** resolves when the input ends, or the output is closed (its reader went away) */
  readonly finished: Promise<void>;
  /** resolves once everything written has been taken by the output's reader (or it went away) */
  flushed(): Promise<void>;
  /** one command, as `newsbot ask` runs it: the reply, and the error it answers when the command failed */
  ask(text: string): Promise<ConsoleAnswer>;
  /** shows the first prompt (interactive only), once whatever is printed at start-up is out */
  prompt(): void;
}

/** What the console answered, and why it could not do better: a failure the command line exits on. */
export interface ConsoleAnswer {
  reply: Reply;
  error?: unknown;
}

const MORE = new Set(['more', 'mas', 'más']);

/** Local mode: commands from standard input, replies and digests to standard output. */
export function createConsoleAdapter(o: ConsoleAdapterOptions): ConsoleAdapter {
  const address: ChatAddress = { platform: 'console', chatId: o.chatId ?? 'local' };
  let lastMore: Action | undefined;
  /** whether the last command listed anything, so "more" after its end says that, not "run a command first" */
  let listed = false;
  let rl: ReturnType<typeof createInterface> | undefined;
  let resolveFinished!: () => void;
  const finished = new Promise<void>((r) => (resolveFinished = r));

  /** the output's reader went away (EPIPE): nothing more can be shown */
  let closed = false;
  o.output.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') o.log.error({ err }, 'standard output failed: no more replies can be shown');
    closed = true;
    rl?.close();
  });

  /**
   * Writes a reply; when the output's buffer is full (a pipe to a slow reader), waits for it to
   * drain before the next command runs, so replies wait in the pipe and not in memory.
   */
  const write = async (text: string) => {
    if (closed || o.output.write(`${text}\n\n`)) return;
    o.log.debug('standard output is full: waiting for its reader');
    await new Promise<void>((resolve) => {
      const done = () => {
        o.output.off('drain', done).off('error', done).off('close', done);
        resolve();
      };
      o.output.on('drain', done).on('error', done).on('close', done);
    });
  };
  const prompt = () => void (o.interactive && !closed && o.output.write('> '));

  const remember = (reply: Reply): Reply => {
    lastMore = reply.actions?.find((a) => a.kind === 'more');
    listed = !!reply.items?.length;
    return reply;
  };

  const ask = async (text: string): Promise<ConsoleAnswer> => {
    const ctx = { address, canManage: true };
    try {
      const word = text.trim().toLowerCase();
      if (MORE.has(word)) {
        if (!lastMore) {
          // A Spanish word asks in Spanish, as a command word does, unless the chat chose a language.
          const m = t(await o.commands.languageOf(address, word === 'more' ? undefined : 'es'));
          return {
            reply: {
              kind: 'info',
              visibility: 'private',
              paragraphs: [listed ? m.endOfList : m.nothingMore],
            },
          };
        }
        return { reply: remember(await o.commands.run(lastMore.command, ctx, lastMore.offset)) };
      }
      return { reply: remember(await o.commands.run(text, ctx)) };
    } catch (error) {
      o.log.error({ err: error, chat: address, text }, 'command failed');
      const lang = await o.commands.languageOf(address).catch(() => 'en' as const);
      return { reply: o.commands.apology(lang, error), error };
    }
  };

  const notifier: Notifier = {
    platform: 'console',
    async send(_to, reply, opts) {
      const id = `console-${Date.now()}`;
      await write(renderText(reply));
      await opts?.onPart?.(0, id, 1);
      return { messageIds: [id] };
    },
  };

  return {
    platform: 'console',
    notifier,
    finished,
    ask,
    prompt,
    flushed() {
      if (closed || o.output.writableLength === 0) return Promise.resolve();
      o.log.debug({ bytes: o.output.writableLength }, 'waiting for standard output to take the last replies');
      // Called back once every earlier write is through, or the output failed.
      return new Promise<void>((resolve) => o.output.write('', () => resolve()));
    },
    async start() {
      rl = createInterface({ input: o.input, terminal: false });
      // One command at a time, in order, even when input arrives faster than replies.
      let queue = Promise.resolve();
      rl.on('line', (line) => {
        queue = queue.then(async () => {
          if (closed) return;
          if (line.trim()) await write(renderAnswer((await ask(line)).reply));
          prompt();
        });
      });
      rl.on('close', () => void queue.then(resolveFinished));
    },
    async stop() {
      rl?.close();
    },
  };
}
