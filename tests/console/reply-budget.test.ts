/**
 * A command's answer in local mode prints 32,000 characters at most, whatever was asked: the
 * blocks that do not fit are left out and a note in the reply's language says so, before the
 * commands to type. The mechanism (renderText's budget), then through the console adapter.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createConsoleAdapter } from '../../adapters/console/console-adapter.js';
import { renderText, REPLY_CHARS } from '../../adapters/console/render-text.js';
import { consoleText } from '../../adapters/console/texts.js';
import type { ChatReply } from '../../src/ports.js';
import type { Reply } from '../../src/reply.js';
import { makeCore } from '../helpers/core.js';
import { silentLog } from '../helpers/logs.js';

const reply = (paragraphs: number, size: number): Reply => ({
  kind: 'result',
  visibility: 'private',
  heading: 'Heading',
  paragraphs: Array.from({ length: paragraphs }, (_, i) => `${i}: ${'x'.repeat(size)}`),
  actions: [{ kind: 'more', label: 'More', command: 'latest', offset: 5 }],
});

describe('renderText with a budget', () => {
  it('prints every reply within the budget, the blocks in order, the note exactly when it cut, the commands kept', () => {
    const cutNote = consoleText('en').replyCut;
    for (const chars of [200, 2000, REPLY_CHARS])
      for (const n of [0, 1, 10, 100, 1000])
        for (const size of [5, 150, 5000]) {
          const r = reply(n, size);
          const free = renderText(r);
          const capped = renderText(r, { chars, cutNote });
          const where = `${chars} chars; ${n} paragraphs of ${size}`;
          const cut = free.length > chars;
          expect(capped.includes(cutNote), where).toBe(cut);
          if (!cut) expect(capped, where).toBe(free);
          else {
            expect(capped.length, where).toBeLessThanOrEqual(chars);
            expect(free.startsWith(capped.slice(0, capped.indexOf(cutNote))), where).toBe(true);
          }
          expect(capped.endsWith('→ More — more'), where).toBe(true);
        }
  });
});

describe('the console answers within the budget', () => {
  it.each(['en', 'es'] as const)(
    'an answer of 3 MB (%s) prints 32,000 characters at most, with the note',
    async (lang) => {
      const core = await makeCore();
      const huge: ChatReply = { ...reply(3000, 1000), lang };
      const output = new PassThrough();
      let printed = '';
      output.on('data', (d) => (printed += d));
      const input = new PassThrough();
      const adapter = createConsoleAdapter({
        commands: { ...core.commands, run: async () => huge },
        input,
        output,
        log: silentLog(),
      });
      await adapter.start();
      input.end('country q0,q1\n');
      await adapter.finished;
      expect(printed.length).toBeLessThanOrEqual(REPLY_CHARS + 2);
      expect(printed).toContain(consoleText(lang).replyCut);
    },
  );
});
