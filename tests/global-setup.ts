import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildTree } from './helpers/built-tree.js';

const ROOT = new URL('../', import.meta.url).pathname;
const PREFIX = 'newsbot-tests-';
/** A run takes a minute or two: a folder this old is from a run that was killed before it could remove it. */
const LEFT_BEHIND_MS = 6 * 3600_000;

function removeLeftBehind(parent: string, now = Date.now()) {
  for (const name of readdirSync(parent)) {
    if (!name.startsWith(PREFIX)) continue;
    const folder = path.join(parent, name);
    try {
      if (now - statSync(folder).mtimeMs > LEFT_BEHIND_MS) rmSync(folder, { recursive: true, force: true });
    } catch {
      // gone already, or not ours to remove: it only takes space
    }
  }
}

/**
 * Every temporary store, source file and folder the suites make goes under one folder for the
 * run (tests take theirs from os.tmpdir()), removed when the run ends, so runs leave nothing in
 * /tmp. The service's code is built once for the run's processes (tests/helpers/built-tree.ts),
 * inside the project so that it finds node_modules, and removed with it. A run that was killed
 * leaves both: the next run removes those hours old.
 */
export default async function setup(): Promise<() => void> {
  const cache = path.join(ROOT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  removeLeftBehind(tmpdir());
  removeLeftBehind(cache);
  const dir = mkdtempSync(path.join(tmpdir(), PREFIX));
  process.env.TMPDIR = dir;
  const tree = mkdtempSync(path.join(cache, PREFIX));
  process.env.NEWSBOT_TEST_TREE = tree;
  await buildTree(ROOT, tree);
  return () => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(tree, { recursive: true, force: true });
  };
}
