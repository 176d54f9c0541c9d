import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The hand-written source fixtures of tests/fixtures/feeds/. */
export const fixturePath = (name: string) =>
  fileURLToPath(new URL(`../fixtures/feeds/${name}`, import.meta.url));
export const fixture = (name: string) => readFileSync(fixturePath(name), 'utf8');
export const SEED = readFileSync(new URL('../../data/sample-items.txt', import.meta.url), 'utf8');
