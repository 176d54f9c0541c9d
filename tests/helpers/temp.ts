import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A new empty folder under the system's temporary folder, its name starting with `name`. */
export function tempDir(name = 'nb'): string {
  return mkdtempSync(path.join(tmpdir(), `${name}-`));
}

/** A store path (NEWSBOT_DB) in a new empty folder: the store's files go beside it. */
export function tempDb(name = 'nb'): string {
  return path.join(tempDir(name), 'newsbot.json');
}
