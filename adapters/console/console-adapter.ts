import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Logger } from 'pino';
import { apologyReply, type CommandService } from '../../src/commands/service.js';
import { t } from '../../src/i18n/index.js';
import type { ChatAdapter, ChatAddress, Notifier } from '../../src/ports.js';
import type { Action, Reply } from '../../src/reply.js';
import { renderText } from './render-text.js';

export interface ConsoleAdapterOptions {
  commands: CommandService;
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
}

const MORE = new Set(['more', 'mas', 'más']);

/** Local mode: commands from standard input, replies and digests to standard output. */
export function createConsoleAdapter(o: ConsoleAdapterOptions): ConsoleAdapter {
  const address: ChatAddress = { platform: 'console', chatId: o.chatId ?? 'local' };
  let lastMore: Action | undefined;
  let rl: ReturnType<typeof createInterface> | undefined;
  let resolveFinished!: () => void;
  const finished = new Promise<void>((r) => (resolveFinished = r));

  const write = (text: string) => o.output.write(`${text}\n\n`);

  const ask = async (text: string): Promise<Reply> => {
    const ctx = { address, canManage: true };
    try {
      if (MORE.has(text.trim().toLowerCase())) {
        if (!lastMore) return { kind: 'info', visibility: 'private', paragraphs: [t(o.commands.languageOf(ctx)).nothingMore] };
        const reply = await o.commands.run(lastMore.command, ctx, lastMore.offset);
        lastMore = reply.actions?.find((a) => a.kind === 'more');
        return reply;
      }
      const reply = await o.commands.run(text, ctx);
      lastMore = reply.actions?.find((a) => a.kind === 'more');
      return reply;
    } catch (err) {
      o.log.error({ err, chat: address, text }, 'command failed');
      return apologyReply(o.commands.languageOf(ctx));
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
    async start() {
      rl = createInterface({ input: o.input, terminal: false });
      // One command at a time, in order, even when input arrives faster than replies.
      let queue = Promise.resolve();
      const prompt = () => o.interactive && o.output.write('> ');
      prompt();
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
