import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildTree } from './helpers/built-tree.js';

const ROOT = new URL('../', import.meta.url).pathname;

/**
 * Every temporary store, source file and folder the suites make goes under one folder for the
 * run (tests take theirs from os.tmpdir()), removed when the run ends, so runs leave nothing in
 * /tmp. The service's code is built once for the run's processes (tests/helpers/built-tree.ts),
 * inside the project so that it finds node_modules, and removed with it.
 */
export default async function setup(): Promise<() => void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsbot-tests-'));
  process.env.TMPDIR = dir;
  const cache = path.join(ROOT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const tree = mkdtempSync(path.join(cache, 'newsbot-tests-'));
  process.env.NEWSBOT_TEST_TREE = tree;
  await buildTree(ROOT, tree);
  return () => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(tree, { recursive: true, force: true });
  };
}
