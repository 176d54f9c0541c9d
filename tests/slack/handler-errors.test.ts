import pino from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { NewsStore } from '../../src/ports.js';
import { makeCore } from '../helpers/core.js';
import { buttonOf, plain, startRig, USER, type Rig } from '../helpers/slack-rig.js';
import { memoryStore } from '../helpers/stores.js';

/** A memory store whose writes of chats fail, as a full disk would make them. */
function storeFailingChatWrites(): NewsStore {
  const store = memoryStore();
  return { ...store, saveChat: async () => Promise.reject(new Error('ENOSPC: no space left on device')) };
}

describe('Slack: a handler that fails', () => {
  let rig: Rig;
  const lines: Record<string, any>[] = [];
  beforeAll(async () => {
    const log = pino({ level: 'error' }, { write: (s: string) => void lines.push(JSON.parse(s)) });
    rig = await startRig({ core: await makeCore({ store: storeFailingChatWrites() }), log });
  });
  afterAll(async () => {
    await rig.close();
  });

  test('the person gets a short ephemeral apology; the log has the error with its command, channel and user', async () => {
    const { status, first } = await rig.command('subscribe Honduras', { channel: 'C0BROKEN' });
    expect(status).toBe(200);
    expect(first.response_type).toBe('ephemeral');
    expect(first.replace_original).toBe(false);
    expect(plain(first)).toBe(
      'Sorry, something went wrong on my side while answering that. Please try again in a moment.',
    );
    const entry = lines.find((l) => l.msg === 'Slack command failed');
    expect(entry).toMatchObject({
      command: 'subscribe Honduras',
      channel: 'C0BROKEN',
      user: USER,
      source: 'command',
      err: { message: 'ENOSPC: no space left on device' },
    });
  });

  test('in Spanish for a Spanish command', async () => {
    const { first } = await rig.command('suscribir honduras', { channel: 'C0ROTO' });
    expect(plain(first)).toBe(
      'Lo siento, algo falló de mi lado al responder. Por favor, inténtelo de nuevo en un momento.',
    );
  });

  test('a button whose command fails: the same apology, as a new message', async () => {
    const { first } = await rig.command('country costa rica', { channel: 'C0BROKEN2' });
    const r = await rig.press(buttonOf(first, 'subscribe'), { channel: 'C0BROKEN2' });
    expect(r.first.response_type).toBe('ephemeral');
    expect(r.first.replace_original).toBe(false);
    expect(plain(r.first)).toContain('Sorry, something went wrong');
    expect(lines.find((l) => l.msg === 'Slack command failed' && l.source === 'button')).toMatchObject({
      command: 'subscribe CR',
      channel: 'C0BROKEN2',
    });
  });

  test('queries that do not write still work', async () => {
    const { first } = await rig.command('latest', { channel: 'C0BROKEN' });
    expect(first.blocks[0].text.text).toBe('Latest news');
  });
});
