/**
 * The layer rule of `npm run lint` cannot pass silently: run with the project's own
 * .dependency-cruiser.mjs on a small tree written for the test, it rejects an import that points
 * upward, one between side-by-side folders, and a cycle, and accepts the same tree without them.
 * And every folder of src/ has its layer, so a new folder cannot escape the rule, and the
 * guide docs/figures-and-internals.md ("Where things are") lists the same layers in the same order.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const CONFIG = join(root, '.dependency-cruiser.mjs');
const DEPCRUISE = join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

interface Violation {
  readonly from: string;
  readonly to: string;
  readonly rule: { readonly name: string };
}

const trees: string[] = [];
afterEach(() => {
  for (const tree of trees.splice(0)) rmSync(tree, { recursive: true, force: true });
});

/** A throwaway project: `files` by path, each importing the paths it lists (as the code does, `.js` for `.ts`). */
function treeOf(files: Readonly<Record<string, readonly string[]>>): string {
  const tree = mkdtempSync(join(tmpdir(), 'layers-'));
  trees.push(tree);
  writeFileSync(
    join(tree, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true } }),
  );
  for (const [file, imports] of Object.entries(files)) {
    mkdirSync(join(tree, dirname(file)), { recursive: true });
    const lines = imports.map((target, i) => `import { value as value${i} } from '${relativeImport(file, target)}';`);
    writeFileSync(join(tree, file), `${lines.join('\n')}\nexport const value = ${imports.length};\n`);
  }
  return tree;
}

function relativeImport(from: string, to: string): string {
  const up = from
    .split('/')
    .slice(0, -1)
    .map(() => '..');
  return `${up.join('/')}/${to.replace(/\.ts$/, '.js')}`;
}

/** What `npm run lint`'s layer check says of `tree`. */
async function violationsOf(tree: string): Promise<string[]> {
  const run = promisify(execFile);
  const { stdout } = await run(process.execPath, [DEPCRUISE, 'src', 'suites', '--config', CONFIG, '--output-type', 'json'], {
    cwd: tree,
  }).catch(
    // depcruise exits non-zero when it finds violations; its report is still on stdout.
    (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
  );
  const { summary } = JSON.parse(stdout) as { summary: { violations: Violation[] } };
  return summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
}

/** The config is plain JavaScript, read by dependency-cruiser as it is: imported by path. */
async function layers(): Promise<readonly (readonly string[])[]> {
  return ((await import(pathToFileURL(CONFIG).href)) as { LAYERS: readonly (readonly string[])[] }).LAYERS;
}

describe('the layer rule (.dependency-cruiser.mjs)', () => {
  it('accepts imports that point down', async () => {
    const tree = treeOf({
      'src/core/query.ts': [],
      'src/contract/load.ts': ['src/core/query.ts'],
      'src/cli/main.ts': ['src/contract/load.ts', 'src/core/query.ts'],
      'suites/support.ts': ['src/contract/load.ts'],
    });
    expect(await violationsOf(tree)).toEqual([]);
  }, 60_000);

  it('rejects an import that points up, one between side-by-side folders, and a cycle', async () => {
    const tree = treeOf({
      'src/core/query.ts': ['src/report/write.ts'],
      'src/report/write.ts': [],
      'src/contract/load.ts': ['src/http/types.ts'],
      'src/http/types.ts': [],
      'src/engine/run.ts': ['src/engine/session.ts'],
      'src/engine/session.ts': ['src/engine/run.ts'],
      'suites/support.ts': ['src/cli/main.ts'],
      'src/cli/main.ts': [],
    });
    expect(await violationsOf(tree)).toEqual([
      'layer:src/contract: src/contract/load.ts -> src/http/types.ts',
      'layer:src/core: src/core/query.ts -> src/report/write.ts',
      'layer:suites: suites/support.ts -> src/cli/main.ts',
      'no-circular: src/engine/run.ts -> src/engine/session.ts',
    ]);
  }, 60_000);

  it('gives every folder of src/ a layer', async () => {
    const LAYERS = await layers();
    const folders = readdirSync(join(root, 'src'), { withFileTypes: true }).map((entry) =>
      entry.isDirectory() ? `src/${entry.name}` : `src/${entry.name} (a file outside every layer)`,
    );
    expect(folders.filter((folder) => !LAYERS.flat().includes(folder))).toEqual([]);
  });

  it('is the table of layers of docs/figures-and-internals.md, in order', async () => {
    const readme = readFileSync(join(root, 'docs', 'figures-and-internals.md'), 'utf8');
    const rows = [...readme.matchAll(/^\| (\d+) \| `([^`]+)\/` \|/gm)].map(([, rank, folder]) => `${rank} ${folder}`);
    const listed = (await layers()).flatMap((layer, rank) => layer.map((folder) => `${rank + 1} ${folder}`));
    expect(rows).toEqual(listed);
  });
});
