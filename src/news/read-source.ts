import { createTagger } from '../places/tagger.js';
import type { TaggedItem } from './item.js';
import { FetchError, fetchSource, isUrl } from './fetch.js';
import { parseBody, type Format } from './parse/index.js';
import { ParseError } from './parse/errors.js';
import { prepareItems } from './prepare.js';

/** A source that could not be read or parsed, said as a person can act on it. */
export class SourceProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SourceProblem';
  }
}

export interface ReadSource {
  items: TaggedItem[];
  /** lines passed over, with why */
  warnings: string[];
  /** the format read, sniffed or as asked */
  format: Format;
}

/**
 * One source through the whole pipeline but the store: fetch, parse, normalise, identify, tag
 * (`newsbot parse`). Nothing is stored and nothing is remembered between calls.
 */
export async function readSource(source: string, opts: { format?: Format } = {}): Promise<ReadSource> {
  let fetched;
  try {
    fetched = await fetchSource(source);
  } catch (err) {
    if (err instanceof FetchError) throw new SourceProblem(`${source}: ${err.message}`);
    throw err;
  }
  if (fetched.status !== 'ok') throw new SourceProblem(`${source}: nothing to read`);
  try {
    const parsed = parseBody(fetched.body, {
      format: opts.format,
      contentType: fetched.contentType,
      baseUrl: isUrl(source) ? fetched.url : undefined,
    });
    return {
      items: prepareItems(parsed.items, createTagger()),
      warnings: parsed.warnings,
      format: parsed.format,
    };
  } catch (err) {
    if (err instanceof ParseError)
      throw new SourceProblem(
        `${source}: ${err.message}${opts.format ? ` (read as ${opts.format}, as --format asked)` : ' (the format was sniffed; --format sets it)'}`,
      );
    throw err;
  }
}
