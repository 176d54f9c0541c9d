import { randomBytes } from 'node:crypto';
import type { Action } from '../../src/reply.js';

/** Telegram refuses callback_data over 64 bytes (UTF-8). */
export const CALLBACK_DATA_LIMIT = 64;

/**
 * What a button does when pressed: 'page' replaces the message it sits under (the next page of
 * results or of the country keyboard); 'run' answers with a new message.
 */
export interface ButtonCommand {
  mode: 'page' | 'run';
  command: string;
  offset: number;
}

export interface CallbackCodec {
  encode(a: Action): string;
  /** undefined: the button is not ours, or its command was kept in memory before a restart */
  decode(data: string): ButtonCommand | undefined;
}

/**
 * Buttons carry their command in callback_data: `p<offset base 36>|<command>` or `r…|…`. A
 * command too long for 64 bytes is kept in a bounded in-memory map under `#<boot id><n>`; the
 * boot id makes a key from before a restart miss instead of running someone else's command.
 */
export function createCallbackCodec(o: { maxEntries?: number } = {}): CallbackCodec {
  const maxEntries = o.maxEntries ?? 10_000;
  const boot = randomBytes(3).readUIntBE(0, 3).toString(36).padStart(5, '0');
  const byKey = new Map<string, ButtonCommand>();
  const byInline = new Map<string, string>();
  let n = 0;

  const remember = (inline: string, b: ButtonCommand): string => {
    const known = byInline.get(inline);
    if (known && byKey.has(known)) {
      // refresh its place in the eviction order
      byKey.delete(known);
      byKey.set(known, b);
      return known;
    }
    const key = `#${boot}${(n++).toString(36)}`;
    byKey.set(key, b);
    byInline.set(inline, key);
    while (byKey.size > maxEntries) {
      const [oldest, old] = byKey.entries().next().value as [string, ButtonCommand];
      byKey.delete(oldest);
      byInline.delete(inlineOf(old));
    }
    return key;
  };

  const inlineOf = (b: ButtonCommand) =>
    `${b.mode === 'page' ? 'p' : 'r'}${b.offset ? b.offset.toString(36) : ''}|${b.command}`;

  return {
    encode(a) {
      const offset = a.offset ?? 0;
      // "More" from offset 0 (a digest's "and 25 more") starts a listing of its own: it must not
      // replace the message it sits under.
      const b: ButtonCommand = {
        mode: a.kind === 'more' && offset > 0 ? 'page' : 'run',
        command: a.command,
        offset,
      };
      const inline = inlineOf(b);
      if (Buffer.byteLength(inline) <= CALLBACK_DATA_LIMIT) return inline;
      // Lists read the same without the spaces after commas; inline data outlives a restart.
      const tight = inlineOf({ ...b, command: b.command.replace(/,\s+/g, ',') });
      return Buffer.byteLength(tight) <= CALLBACK_DATA_LIMIT ? tight : remember(inline, b);
    },
    decode(data) {
      if (data.startsWith('#')) return byKey.get(data);
      const m = /^([pr])([0-9a-z]*)\|([\s\S]+)$/.exec(data);
      if (!m) return undefined;
      return { mode: m[1] === 'p' ? 'page' : 'run', offset: m[2] ? parseInt(m[2], 36) : 0, command: m[3] };
    },
  };
}
