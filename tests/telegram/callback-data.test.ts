import { describe, expect, it } from 'vitest';
import { CALLBACK_DATA_LIMIT, createCallbackCodec } from '../../adapters/telegram/callback-data.js';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('callback data', () => {
  it('keeps short commands inline, with their offset, and round-trips them', () => {
    const c = createCallbackCodec();
    const data = c.encode({ kind: 'subscribe', label: 'x', command: 'suscribir HN' });
    expect(data).toBe('r|suscribir HN');
    expect(c.decode(data)).toEqual({ mode: 'run', command: 'suscribir HN', offset: 0 });
    const more = c.encode({ kind: 'more', label: 'x', command: 'pais méxico', offset: 45 });
    expect(c.decode(more)).toEqual({ mode: 'page', command: 'pais méxico', offset: 45 });
    // a fresh codec (after a restart) still reads inline data
    expect(createCallbackCodec().decode(more)).toEqual({ mode: 'page', command: 'pais méxico', offset: 45 });
  });

  it('runs a digest\'s "more" (offset 0) as a new message rather than replacing the digest', () => {
    const c = createCallbackCodec();
    expect(
      c.decode(c.encode({ kind: 'more', label: 'More', command: 'country HN since 2026-11-23', offset: 0 })),
    ).toEqual({ mode: 'run', command: 'country HN since 2026-11-23', offset: 0 });
  });

  it('drops the spaces after commas when that makes a list fit inline', () => {
    const c = createCallbackCodec();
    const command = 'pais HN, GT, SV, NI, CR, PA, MX, BZ, DO, CU, HT desde 2026-11-23';
    const data = c.encode({ kind: 'more', label: 'Más', command, offset: 5 });
    expect(data).toBe('p5|pais HN,GT,SV,NI,CR,PA,MX,BZ,DO,CU,HT desde 2026-11-23');
    expect(createCallbackCodec().decode(data)?.command).toBe(
      'pais HN,GT,SV,NI,CR,PA,MX,BZ,DO,CU,HT desde 2026-11-23',
    );
  });

  it('keeps long commands, counted in UTF-8 bytes, in memory under a short key', () => {
    const c = createCallbackCodec();
    const command = 'país república dominicana, costa rica, el salvador desde 2020-01-01';
    const data = c.encode({ kind: 'more', label: 'Más', command, offset: 5 });
    expect(bytes(data)).toBeLessThanOrEqual(CALLBACK_DATA_LIMIT);
    expect(c.decode(data)).toEqual({ mode: 'page', command, offset: 5 });
    // the same button rendered again reuses its key
    expect(c.encode({ kind: 'more', label: 'Más', command, offset: 5 })).toBe(data);
    // just under 64 characters but over 64 bytes is not inline
    const accented = `buscar ${'á'.repeat(40)}`;
    expect(bytes(c.encode({ kind: 'command', label: 'x', command: accented }))).toBeLessThanOrEqual(
      CALLBACK_DATA_LIMIT,
    );
  });

  it('answers undefined for a key from before a restart, or one evicted from the bounded map', () => {
    const before = createCallbackCodec();
    const data = before.encode({
      kind: 'more',
      label: 'x',
      command: `search ${'word '.repeat(20)}`,
      offset: 5,
    });
    expect(createCallbackCodec().decode(data)).toBeUndefined();

    const small = createCallbackCodec({ maxEntries: 2 });
    const keys = [1, 2, 3].map((i) =>
      small.encode({ kind: 'more', label: 'x', command: `search ${'long '.repeat(15)}${i}`, offset: 5 }),
    );
    expect(small.decode(keys[0])).toBeUndefined();
    expect(small.decode(keys[2])?.command).toMatch(/3$/);
    expect(small.decode('garbage')).toBeUndefined();
  });
});
