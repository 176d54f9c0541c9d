import { copyFileSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { transformWithEsbuild } from 'vite';

/** What a process needs of the project: the service's code and the data it reads. */
const CODE = ['src', 'adapters', 'store'];

function filesUnder(root: string, dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(root, rel) : [rel];
  });
}

/**
 * Builds the service's code for a test run into `dir`, laid out as the project is: each
 * TypeScript file of src/, adapters/ and store/ turned into JavaScript by esbuild, the transform
 * tsx makes of each file as it loads it, with a source map back to the file (stack traces name
 * the .ts files, as under tsx); every other file copied, and data/ linked. `dir` must be inside
 * the project, so that the code finds the project's node_modules.
 */
export async function buildTree(root: string, dir: string): Promise<void> {
  writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  symlinkSync(path.join(root, 'data'), path.join(dir, 'data'));
  const target = `node${process.versions.node}`;
  const files = CODE.flatMap((d) => filesUnder(root, d));
  await Promise.all(
    files.map(async (file) => {
      const from = path.join(root, file);
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      if (!file.endsWith('.ts')) return copyFileSync(from, path.join(dir, file));
      const { code, map } = await transformWithEsbuild(readFileSync(from, 'utf8'), from, {
        format: 'esm',
        target,
        sourcemap: true,
        sourcesContent: false,
      });
      const inline = Buffer.from(JSON.stringify({ ...map, sources: [from] })).toString('base64');
      writeFileSync(
        path.join(dir, file.replace(/\.ts$/, '.js')),
        `${code}\n//# sourceMappingURL=data:application/json;base64,${inline}\n`,
      );
    }),
  );
}

/**
 * Node's arguments to start an entry point (src/main.ts, src/cli.ts): from the run's built tree
 * (tests/global-setup.ts builds it), with source maps on; outside a test run, through tsx.
 * tsx's loader costs a process about a second of CPU to start (every module resolved and loaded
 * through its thread), most of what a test that starts processes costs; the code run is the
 * same. `npm start` itself, with tsx, is run by the tests that use run() (tests/helpers/run.ts).
 */
export function entryArgs(root: string, entry: string): string[] {
  const tree = process.env.NEWSBOT_TEST_TREE;
  return tree
    ? ['--enable-source-maps', path.join(tree, entry.replace(/\.ts$/, '.js'))]
    : ['--import', import.meta.resolve('tsx'), path.join(root, entry)];
}
