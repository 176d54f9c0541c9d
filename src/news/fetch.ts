import { decodeBuffer } from 'encoding-sniffer';
import { readFile, stat } from 'node:fs/promises';

export type FetchErrorCode =
  'timeout' | 'http_status' | 'too_large' | 'network' | 'redirects' | 'content_type' | 'not_found';

/** A source that could not be fetched: reported for that source, never fatal. */
export class FetchError extends Error {
  constructor(
    readonly code: FetchErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FetchError';
  }
}

export interface FetchOptions {
  etag?: string;
  lastModified?: string;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
}

export type Fetched =
  | { status: 'ok'; body: string; contentType: string; url: string; etag?: string; lastModified?: string }
  | { status: 'not_modified' };

export const isUrl = (s: string) => /^https?:\/\//i.test(s);

const TEXTUAL =
  /^(text\/|application\/(.+\+)?(xml|json|x-ndjson|jsonl|ld\+json|rss\+xml|atom\+xml|feed\+json|xhtml\+xml)\b)/i;

/**
 * Reads a source: a local file, or an HTTP(S) URL with a conditional GET (ETag and
 * Last-Modified), a timeout, a size cap and at most a few redirects.
 */
export async function fetchSource(source: string, opts: FetchOptions = {}): Promise<Fetched> {
  const maxBytes = opts.maxBytes ?? 10 * 1024 * 1024;
  if (!isUrl(source)) return readLocal(source, maxBytes, opts.lastModified);
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const signal = AbortSignal.timeout(timeoutMs);
  let url = source;
  for (let hop = 0; ; hop++) {
    let res: Response;
    try {
      const headers: Record<string, string> = {
        'user-agent': 'migration-news-bot/0.1',
        accept:
          'application/rss+xml, application/atom+xml, application/feed+json, application/json, text/html, text/plain;q=0.9, */*;q=0.5',
      };
      if (opts.etag) headers['if-none-match'] = opts.etag;
      if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;
      res = await fetch(url, { headers, redirect: 'manual', signal });
    } catch (err) {
      throw asFetchError(err, timeoutMs);
    }
    if (res.status >= 300 && res.status < 400 && res.status !== 304) {
      const location = res.headers.get('location');
      await res.body?.cancel();
      if (!location) throw new FetchError('http_status', `HTTP ${res.status} without a Location`);
      if (hop >= (opts.maxRedirects ?? 5))
        throw new FetchError('redirects', `more than ${opts.maxRedirects ?? 5} redirects`);
      url = new URL(location, url).toString();
      continue;
    }
    if (res.status === 304) {
      await res.body?.cancel();
      return { status: 'not_modified' };
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new FetchError('http_status', `HTTP ${res.status} ${res.statusText}`.trim());
    }
    const contentType = res.headers.get('content-type') ?? '';
    if (contentType && !TEXTUAL.test(contentType)) {
      await res.body?.cancel();
      throw new FetchError('content_type', `unexpected content type ${contentType.split(';')[0]}`);
    }
    const declared = Number(res.headers.get('content-length') ?? 0);
    if (declared > maxBytes) {
      await res.body?.cancel();
      throw new FetchError('too_large', `the body is ${declared} bytes, over the limit of ${maxBytes}`);
    }
    const body = decodeBody(await readCapped(res, maxBytes, timeoutMs), contentType);
    return {
      status: 'ok',
      body,
      contentType,
      url,
      etag: res.headers.get('etag') ?? undefined,
      lastModified: res.headers.get('last-modified') ?? undefined,
    };
  }
}

async function readCapped(res: Response, maxBytes: number, timeoutMs: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > maxBytes)
        throw new FetchError('too_large', `the body is over the limit of ${maxBytes} bytes`);
      chunks.push(chunk);
    }
  } catch (err) {
    throw asFetchError(err, timeoutMs);
  }
  return Buffer.concat(chunks);
}

/**
 * A body's text. Many Spanish-language sources still serve ISO-8859-1 or windows-1252, and
 * read as UTF-8 their accented letters become U+FFFD, so "hondureños en México" tags nothing.
 * encoding-sniffer finds the charset as a browser does: a byte-order mark, else the
 * Content-Type's charset parameter, else the XML declaration or the HTML meta charset near the
 * top, else UTF-8 (the project's default, where a browser would guess windows-1252). A label it
 * does not know is passed over (servers send "charset=none"): a few wrong letters beat losing
 * the source, and so is one iconv-lite cannot decode (ISO-2022-JP, x-mac-cyrillic: every other
 * encoding of the WHATWG standard it can). Labels map as the standard says: ISO-8859-1 is read
 * as windows-1252, whose 0x80-0x9F are curly quotes, dashes and the euro sign.
 */
export function decodeBody(bytes: Uint8Array, contentType = ''): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const options = {
    transportLayerEncodingLabel: headerCharset(contentType),
    defaultEncoding: 'utf-8',
    maxBytes: 2048,
  };
  return decodeBuffer(buffer, options);
}

function headerCharset(contentType: string): string | undefined {
  return /;\s*charset\s*=\s*"?([^";,\s]+)/i.exec(contentType)?.[1];
}

function asFetchError(err: unknown, timeoutMs: number): FetchError {
  if (err instanceof FetchError) return err;
  const e = err as Error & { cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError')
    return new FetchError('timeout', `no answer within ${timeoutMs / 1000} s`);
  return new FetchError('network', e.cause?.code ?? e.cause?.message ?? e.message);
}

/**
 * A file's conditional read: its identity, size and modification time stand in for
 * Last-Modified, so a restart does not parse and tag an unchanged file again.
 */
async function readLocal(path: string, maxBytes: number, lastModified?: string): Promise<Fetched> {
  try {
    const s = await stat(path, { bigint: true });
    if (s.size > maxBytes)
      throw new FetchError('too_large', `the file is ${s.size} bytes, over the limit of ${maxBytes}`);
    const version = `file:${s.ino}:${s.size}:${s.mtimeNs}`;
    if (lastModified === version) return { status: 'not_modified' };
    return {
      status: 'ok',
      body: decodeBody(await readFile(path)),
      contentType: '',
      url: path,
      lastModified: version,
    };
  } catch (err) {
    if (err instanceof FetchError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new FetchError(
      code === 'ENOENT' ? 'not_found' : 'network',
      code === 'ENOENT' ? `no file at ${path}` : (err as Error).message,
    );
  }
}
