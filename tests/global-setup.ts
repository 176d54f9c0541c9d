import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Every temporary store, source file and folder the suites make goes under one folder for the
 * run (tests take theirs from os.tmpdir()), removed when the run ends, so runs leave nothing in /tmp.
 */
export default function setup(): () => void {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsbot-tests-'));
  process.env.TMPDIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
