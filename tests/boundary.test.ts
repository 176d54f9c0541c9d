import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = new URL('../src/', import.meta.url).pathname;
/** The composition root and the entry points that call it may know the concrete parts. */
const ALLOWED = new Set(['app.ts', 'main.ts', 'cli.ts']);
const FORBIDDEN = [/^@slack\//, /^telegraf/, /^lowdb/, /(^|\/)adapters\//, /(^|\/)store\//];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

describe('the core stays platform-neutral', () => {
  it('nothing in src/ but the composition root and entry points imports a platform SDK, lowdb, adapters/ or store/', () => {
    const offenders: string[] = [];
    const all = files(SRC);
    expect(all.length).toBeGreaterThan(20);
    for (const file of all) {
      const rel = path.relative(SRC, file);
      if (ALLOWED.has(rel)) continue;
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
        if (FORBIDDEN.some((re) => re.test(m[1]))) offenders.push(`${rel}: ${m[1]}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('only src/config.ts reads the environment', () => {
    const readers = files(SRC)
      .filter((f) => /process\.env\b/.test(readFileSync(f, 'utf8')))
      .map((f) => path.relative(SRC, f));
    expect(readers).toEqual(['config.ts']);
  });
});
