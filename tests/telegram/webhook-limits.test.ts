/**
 * The webhook once the secret is right: a body over the limit is refused (413) before it is held
 * in memory, whether it declares its length or not; a body that is no update (`null`, text, a
 * list, an update_id that is not a number) gets 400, with no handler run and no error logged.
 */
import type { Logger } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMIT } from '../../adapters/shared/read-body.js';
import { postDeclaring } from '../helpers/oversized.js';
import { captureLog, message, privateChat, setup, users, type TgSetup } from './setup.js';

let s: TgSetup | undefined;
let lines: Record<string, any>[] = [];
beforeAll(async () => {
  const captured = captureLog();
  lines = captured.lines;
  s = await setup({ webhook: { path: PATH, secret: SECRET }, log: captured.log as Logger });
  await s.adapter.start();
});
afterAll(async () => {
  await s?.close();
});

const SECRET = 'right-secret_123';
const PATH = '/telegram/hook';

async function post(body: string, secret = SECRET): Promise<number> {
  const res = await fetch(`${s!.httpUrl}${PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
    body,
  });
  await res.arrayBuffer();
  return res.status;
}

describe('Telegram webhook: what a request with the right secret may carry', () => {
  it.each(['null', '"str"', '42', '[]', '{}', '{"update_id":"7"}', '{"update_id":1.5}', 'not json', ''])(
    'a body of %j gets 400; no handler runs and nothing is logged as an error',
    async (body) => {
      const sent = s!.fake.callsOf('sendMessage').length;
      expect(await post(body)).toBe(400);
      expect(s!.fake.callsOf('sendMessage')).toHaveLength(sent);
      expect(lines.filter((l) => l.level >= 50)).toEqual([]);
      // and the webhook goes on answering
      expect(await post(JSON.stringify(message(privateChat(users.bob), users.bob, '/latest 1')))).toBe(200);
      expect(s!.fake.callsOf('sendMessage')).toHaveLength(sent + 1);
    },
  );

  it('a body that declares more than 1 MB is refused (413) before any of it is read; a wrong secret still gets 403 first', async () => {
    const sent = s!.fake.callsOf('sendMessage').length;
    const url = `${s!.httpUrl}${PATH}`;
    const headers = { 'content-type': 'application/json', connection: 'close' };
    expect(
      await postDeclaring(url, 20 * 1024 * 1024, { ...headers, 'x-telegram-bot-api-secret-token': SECRET }),
    ).toBe(413);
    expect(
      await postDeclaring(url, BODY_LIMIT + 1, { ...headers, 'x-telegram-bot-api-secret-token': SECRET }),
    ).toBe(413);
    expect(
      await postDeclaring(url, 20 * 1024 * 1024, { ...headers, 'x-telegram-bot-api-secret-token': 'no' }),
    ).toBe(403);
    expect(s!.fake.callsOf('sendMessage')).toHaveLength(sent);
  });

  it('the limit is exact: an update of 1 MB is taken, one byte more is not', async () => {
    const update = JSON.stringify(message(privateChat(users.dan), users.dan, '/latest 1'));
    const padded = (n: number) => update.slice(0, -1) + ' '.repeat(n - update.length) + '}';
    expect(Buffer.byteLength(padded(BODY_LIMIT))).toBe(BODY_LIMIT);
    expect(await post(padded(BODY_LIMIT + 1))).toBe(413);
    expect(s!.texts(users.dan.id)).toHaveLength(0);
    expect(await post(padded(BODY_LIMIT))).toBe(200);
    expect(s!.texts(users.dan.id)).toHaveLength(1);
  });
});
