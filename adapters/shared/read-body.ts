import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * What a platform posts is small (a Telegram update, a Slack command or button press: a few
 * kilobytes); a megabyte is generous. Anything bigger is refused before it is held in memory.
 */
export const BODY_LIMIT = 1024 * 1024;

export type BodyRead = { ok: true; body: Buffer } | { ok: false; status: 413 | 400; reason: string };

/**
 * The request's body, read up to `limit` bytes: a declared Content-Length over it is refused
 * before a byte is read, and a body that turns out longer is refused as soon as it passes it.
 */
export function readBody(req: IncomingMessage, limit = BODY_LIMIT): Promise<BodyRead> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit)
    return Promise.resolve({ ok: false, status: 413, reason: `a body of ${declared} bytes` });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (r: BodyRead) => {
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      resolve(r);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Stop taking it in; the answer (413) closes the connection.
        req.pause();
        done({ ok: false, status: 413, reason: `a body over ${limit} bytes` });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => done({ ok: true, body: Buffer.concat(chunks, size) });
    const onError = (err: Error) =>
      done({ ok: false, status: 400, reason: `the body could not be read: ${err.message}` });
    // The client went away before the end.
    const onClose = () => done({ ok: false, status: 400, reason: 'the body ended early' });
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}

/** Refuses a request with a status and no body; one refused for its size closes the connection. */
export function refuse(res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  res.writeHead(status, status === 413 ? { connection: 'close' } : {}).end();
}
