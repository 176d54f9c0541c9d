import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Logger } from 'pino';
import { t } from '../../src/i18n/index.js';
import type { ChatAdapter, ChatAddress, CommandPort, Notifier } from '../../src/ports.js';
import type { Action, Reply } from '../../src/reply.js';
import { renderText } from './render-text.js';

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
  /** resolves when the input ends */
  readonly finished: Promise<void>;
  /** one command, as `newsbot ask` runs it */
  ask(text: string): Promise<Reply>;
  /** shows the first prompt (interactive only), once whatever is printed at start-up is out */
  prompt(): void;
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

  const write = (text: string) => o.output.write(`${text}\n\n`);
  const prompt = () => void (o.interactive && o.output.write('> '));

  const remember = (reply: Reply): Reply => {
    lastMore = reply.actions?.find((a) => a.kind === 'more');
    listed = !!reply.items?.length;
    return reply;
  };

  const ask = async (text: string): Promise<Reply> => {
    const ctx = { address, canManage: true };
    try {
      const word = text.trim().toLowerCase();
      if (MORE.has(word)) {
        if (!lastMore) {
          // A Spanish word asks in Spanish, as a command word does, unless the chat chose a language.
          const m = t(await o.commands.languageOf(address, word === 'more' ? undefined : 'es'));
          return { kind: 'info', visibility: 'private', paragraphs: [listed ? m.endOfList : m.nothingMore] };
        }
        return remember(await o.commands.run(lastMore.command, ctx, lastMore.offset));
      }
      return remember(await o.commands.run(text, ctx));
    } catch (err) {
      o.log.error({ err, chat: address, text }, 'command failed');
      return o.commands.apology(await o.commands.languageOf(address).catch(() => 'en' as const));
    }
  };

  const notifier: Notifier = {
    platform: 'console',
    async send(_to, reply, opts) {
      const id = `console-${Date.now()}`;
      write(renderText(reply));
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
    async start() {
      rl = createInterface({ input: o.input, terminal: false });
      // One command at a time, in order, even when input arrives faster than replies.
      let queue = Promise.resolve();
      rl.on('line', (line) => {
        queue = queue.then(async () => {
          if (line.trim()) write(renderText(await ask(line)));
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
