import { request } from 'node:http';

/**
 * POSTs headers that declare a body of `length` bytes, sends none of it, and resolves with the
 * status the server answers: a server that refuses on the declared length answers at once,
 * one that waits for the body would wait for ever (the test's timeout).
 */
export function postDeclaring(
  url: string,
  length: number,
  headers: Record<string, string> = {},
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { ...headers, 'content-length': String(length) } });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    req.on('error', reject);
    req.flushHeaders();
  });
}
