/**
 * What one command may ask (src/commands/limits.ts): a line over 1,000 characters is refused
 * with its command's usage, whatever the command and in either language; names that are no
 * place are explained five at most, the rest counted. A reply never grows with its input.
 */
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, commandWord } from '../../src/commands/grammar.js';
import { MAX_COMMAND_LENGTH, MAX_PLACE_PROBLEMS } from '../../src/commands/limits.js';
import { resolvePlaces } from '../../src/commands/places-arg.js';
import { createResolver } from '../../src/places/resolve.js';
import type { CommandContext } from '../../src/ports.js';
import { replyToText } from '../../src/reply.js';
import { makeCore, NOW } from '../helpers/core.js';

const ctx = (chatId = 'limits'): CommandContext => ({
  address: { platform: 'console', chatId },
  canManage: true,
  now: NOW,
});

/** A line of exactly `length` characters starting with the command word. */
const lineOf = (word: string, length: number) => `${word} ${'honduras, '.repeat(length)}`.slice(0, length);

describe('a command over 1,000 characters', () => {
  it.each(COMMAND_NAMES.flatMap((name) => (['en', 'es'] as const).map((lang) => [name, lang] as const)))(
    '%s (%s): refused with its usage, in the language of its word; nothing runs',
    async (name, lang) => {
      const { commands, store } = await makeCore();
      const word = commandWord(name, lang);
      const r = await commands.run(lineOf(word, MAX_COMMAND_LENGTH + 1), ctx(`c-${name}-${lang}`));
      const text = replyToText(r);
      expect(r.kind).toBe('error');
      expect(text).toContain(
        lang === 'en'
          ? `That command is too long (${MAX_COMMAND_LENGTH + 1} characters): at most ${MAX_COMMAND_LENGTH}.`
          : `Ese comando es demasiado largo (${MAX_COMMAND_LENGTH + 1} caracteres): como máximo ${MAX_COMMAND_LENGTH}.`,
      );
      expect(text).toMatch(lang === 'en' ? /Usage: / : /Uso: /);
      expect(text.length).toBeLessThan(1500);
      // A change was not made: no chat came to be.
      expect(await store.chat(`console:c-${name}-${lang}`)).toBeUndefined();
    },
  );

  it('exactly 1,000 characters is a command like any other', async () => {
    const { commands } = await makeCore();
    const r = await commands.run(lineOf('country', MAX_COMMAND_LENGTH), ctx());
    expect(replyToText(r)).not.toMatch(/too long/);
  });

  it('a 100,000-character line, command word or not, gets a reply of the usual size', async () => {
    const { commands } = await makeCore();
    for (const line of [lineOf('country', 100_000), 'x'.repeat(100_000), `search ${'é'.repeat(99_990)}`]) {
      const r = await commands.run(line, ctx());
      expect(replyToText(r)).toMatch(/too long \(\d+ characters\)/);
      expect(replyToText(r).length).toBeLessThan(1500);
    }
  });
});

describe('names that are no place', () => {
  it(`are explained ${MAX_PLACE_PROBLEMS} at most, the rest counted, whatever their number`, () => {
    const resolver = createResolver();
    for (const n of [MAX_PLACE_PROBLEMS, MAX_PLACE_PROBLEMS + 1, 60]) {
      const names = Array.from({ length: n }, (_, i) => `q${i}`);
      const r = resolvePlaces(names, resolver, 'en');
      expect(r.ok).toBe(false);
      const problems = r.ok ? [] : r.problems;
      expect(problems).toHaveLength(Math.min(n, MAX_PLACE_PROBLEMS + 1));
      if (n > MAX_PLACE_PROBLEMS)
        expect(problems.at(-1)).toBe(
          `…and ${n - MAX_PLACE_PROBLEMS} more ${n - MAX_PLACE_PROBLEMS === 1 ? 'name' : 'names'} I don't know either. Ask for fewer places at a time.`,
        );
    }
    const es = resolvePlaces(['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7'], resolver, 'es');
    expect(es.ok ? [] : es.problems.at(-1)).toBe(
      '…y 2 nombres más que tampoco conozco. Pida menos lugares de una vez.',
    );
  });

  it('the issue\'s "country q0,q1,…" of 1,000 characters: a short reply', async () => {
    const { commands } = await makeCore();
    const line = `country ${Array.from({ length: 300 }, (_, i) => `q${i}`).join(',')}`.slice(
      0,
      MAX_COMMAND_LENGTH,
    );
    const r = await commands.run(line, ctx());
    expect(r.paragraphs!.filter((p) => /I don't know the country or region/.test(p))).toHaveLength(
      MAX_PLACE_PROBLEMS,
    );
    expect(replyToText(r).length).toBeLessThan(2000);
  });
});
