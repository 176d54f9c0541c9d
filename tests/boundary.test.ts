import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { cruise, type ICruiseResult, type IForbiddenRuleType } from 'dependency-cruiser';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers/temp.js';

const ROOT = new URL('../', import.meta.url).pathname;
const rules = createRequire(import.meta.url)('../.dependency-cruiser.cjs') as {
  forbidden: IForbiddenRuleType[];
};

/** Runs the project's rules over some folders of a tree; the violations as "rule: from → to". */
async function violations(baseDir: string, dirs: string[]): Promise<string[]> {
  const { output } = await cruise(dirs, {
    baseDir,
    ruleSet: { forbidden: rules.forbidden },
    validate: true,
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
  });
  const result = output as ICruiseResult;
  return (result.summary.violations ?? []).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
}

const trees: string[] = [];
afterAll(() => trees.forEach((t) => rmSync(t, { recursive: true, force: true })));

/** A small tree laid out as the project is, each file importing what the test says. */
function tree(files: Record<string, string>): string {
  const dir = tempDir('nb-boundary');
  trees.push(dir);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

// That the project itself keeps the rules is npm run lint's dependency-cruiser step (npm test
// runs it): here, that each rule catches what it is for.
describe('who may import what (.dependency-cruiser.cjs, run by npm run lint)', () => {
  it('each rule fails on a violation, and the allowed imports pass', async () => {
    const dir = tree({
      'src/ports.ts': 'export interface Port { x: number }\n',
      'src/reply.ts': 'export const reply = 1;\n',
      'src/i18n/index.ts': 'export const t = 1;\n',
      'src/commands/service.ts': 'export const service = 1;\n',
      'src/app.ts':
        "import { a } from '../adapters/slack/index.ts';\nimport { s } from '../store/lowdb-store.ts';\nexport const app = [a, s];\n",
      'src/main.ts': "import { app } from './app.ts';\nexport const main = app;\n",
      // the core reaching an adapter and a store, and calling the composition root
      'src/digest/deliver.ts':
        "import { a } from '../../adapters/slack/index.ts';\nimport { s } from '../../store/lowdb-store.ts';\nimport { app } from '../app.ts';\nexport const d = [a, s, app];\n",
      // an adapter using the ports (allowed) and reaching past them into the core and a store
      'adapters/slack/index.ts':
        "import type { Port } from '../../src/ports.ts';\nimport { reply } from '../../src/reply.ts';\nimport { t } from '../../src/i18n/index.ts';\nexport const a: Port = { x: reply + t };\n",
      'adapters/slack/answer.ts':
        "import { service } from '../../src/commands/service.ts';\nimport { s } from '../../store/lowdb-store.ts';\nexport const b = [service, s];\n",
      // a store using the ports (allowed) and an adapter
      'store/lowdb-store.ts':
        "import type { Port } from '../src/ports.ts';\nexport const s: Port = { x: 1 };\n",
      'store/pg-store.ts': "import { a } from '../adapters/slack/index.ts';\nexport const p = a;\n",
    });
    expect((await violations(dir, ['src', 'adapters', 'store'])).sort()).toEqual([
      'adapters-hold-no-store: adapters/slack/answer.ts → store/lowdb-store.ts',
      'adapters-use-ports: adapters/slack/answer.ts → src/commands/service.ts',
      'core-is-platform-neutral: src/digest/deliver.ts → adapters/slack/index.ts',
      'core-is-platform-neutral: src/digest/deliver.ts → store/lowdb-store.ts',
      'only-entry-points-compose: src/digest/deliver.ts → src/app.ts',
      'stores-use-ports: store/pg-store.ts → adapters/slack/index.ts',
    ]);
  });

  it('tests and benchmarks share only the test support', async () => {
    const dir = tree({
      'tests/helpers/random.ts': 'export const rng = 1;\n',
      'tests/fakes/telegram-api.ts': 'export const fake = 1;\n',
      'tests/slack/rig.ts': 'export const rig = 1;\n',
      'bench/generate.ts': "import { rng } from '../tests/helpers/random.ts';\nexport const items = rng;\n",
      'bench/digest.ts':
        "import { fake } from '../tests/fakes/telegram-api.ts';\nimport { rig } from '../tests/slack/rig.ts';\nexport const d = [fake, rig];\n",
      'tests/crash/crash.test.ts':
        "import { items } from '../../bench/generate.ts';\nexport const c = items;\n",
    });
    expect((await violations(dir, ['tests', 'bench'])).sort()).toEqual([
      'bench-uses-test-support: bench/digest.ts → tests/slack/rig.ts',
      'tests-never-import-bench: tests/crash/crash.test.ts → bench/generate.ts',
    ]);
  });
});

describe('the environment', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory()
        ? files(path.join(dir, e.name))
        : e.name.endsWith('.ts')
          ? [path.join(dir, e.name)]
          : [],
    );

  it('only src/config.ts reads it', () => {
    const readers = ['src', 'adapters', 'store']
      .flatMap((d) => files(path.join(ROOT, d)))
      .filter((f) => /process\.env\b/.test(readFileSync(f, 'utf8')))
      .map((f) => path.relative(ROOT, f));
    expect(readers).toEqual(['src/config.ts']);
  });
});
