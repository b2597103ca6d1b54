/**
 * The npm package ships what runs and what its documentation links to: the compiled sources and
 * suites, the bundled command line, the spec with its extension schema, ERRATA, README and example overlays, the published
 * schemas, the vitest integration's declarations, the README, the docs/ guides, the examples, the
 * LICENSE and package.json (so that no link of the README breaks for an npm user). No tests, no
 * bench, no source maps, no build info, no output of a source that is gone.
 */
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/core/files.js';

const manifest = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
  name: string;
  bin: Record<string, string>;
  exports: Record<string, unknown>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, unknown>;
};

/** Every file below `dir` (every `.ts` file with `typescript`), relative to the package root. */
function sources(dir: string, only: 'typescript' | 'all' = 'typescript'): string[] {
  return (
    readdirSync(join(PACKAGE_ROOT, dir), { recursive: true, encoding: 'utf8', withFileTypes: true })
      // Declarations (.d.ts) compile to nothing.
      .filter((entry) => entry.isFile() && (only === 'all' || (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))))
      .map((entry) => relative(PACKAGE_ROOT, join(entry.parentPath, entry.name)))
  );
}

let listing: Promise<string[]> | undefined;

/** The files `npm pack` would put in the tarball (the build has run: `npm test` builds first). */
function packed(): Promise<string[]> {
  listing ??= promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: PACKAGE_ROOT,
    maxBuffer: 16 * 1024 * 1024,
  }).then(({ stdout }) => (JSON.parse(stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path).sort());
  return listing;
}

describe('npm pack', () => {
  it('ships exactly the compiled sources and suites, the spec and its notes, the schemas, the docs, the examples and the LICENSE', async () => {
    const files = await packed();
    const compiled = [...sources('src'), ...sources('suites')].map((file) => `dist/${file.replace(/\.ts$/, '.js')}`);
    const shipped = [...sources('docs', 'all'), ...sources('examples', 'all'), ...sources('openapi/dialects', 'all')];
    const pinned = [
      'LICENSE',
      'README.md',
      'openapi/ERRATA.md',
      'openapi/README.md',
      'openapi/extensions.schema.json',
      'openapi/ledger-explode.yaml',
      'package.json',
      'schemas/conformance-report.schema.json',
      'schemas/dataset.schema.json',
      'schemas/overlay.schema.json',
      'schemas/profile.schema.json',
      'schemas/transcript.schema.json',
      'schemas/waivers.schema.json',
      'types/vitest.d.ts',
    ];
    // The validators the build precompiles (scripts/build-precompiled.mjs): the spec's (those every load reads,
    // and the closed variants read on first use), and one per published schema.
    const precompiled = [
      'dist/precompiled/spec.cjs',
      'dist/precompiled/spec-closed.cjs',
      ...pinned.filter((f) => f.startsWith('schemas/')).map((f) => `dist/precompiled/${f.slice('schemas/'.length)}.cjs`),
    ];
    // The command line bundled by the build (scripts/bundle.mjs), which the bin runs: rebuilt whole at every build.
    const bundled = readdirSync(join(PACKAGE_ROOT, 'dist/bundle')).map((f) => `dist/bundle/${f}`);
    expect(bundled).toEqual(expect.arrayContaining(['dist/bundle/main.js', 'dist/bundle/selftest-worker.js']));
    compiled.push(...precompiled, ...bundled);
    const stale = files.filter((f) => f.startsWith('dist/') && !compiled.includes(f));
    expect(stale, 'build output no source produces (npm run build prunes it)').toEqual([]);
    expect(files).toEqual([...pinned, ...shipped, ...compiled].sort());
    expect(files.filter((f) => /^dist\/(test|bench)\/|\.map$|tsbuildinfo|^vitest\.config/.test(f))).toEqual([]);
  });

  it('exports the vitest integration as ledger-explode-conformance/vitest, a file it ships, and nothing else', async () => {
    expect(manifest.exports).toEqual({
      './vitest': { types: './types/vitest.d.ts', default: './dist/src/vitest/index.js' },
      './package.json': './package.json',
    });
    expect(await packed()).toEqual(expect.arrayContaining(['dist/src/vitest/index.js', 'types/vitest.d.ts']));
    expect(manifest.peerDependencies).toEqual({ vitest: '>=4.0.0' });
    expect(manifest.peerDependenciesMeta).toEqual({ vitest: { optional: true } });
  });

  it('has a bin named like the package, so `npx ledger-explode-conformance` runs it, and the short one', async () => {
    expect(manifest.name).toBe('ledger-explode-conformance');
    expect(manifest.bin).toEqual({
      'ledger-conformance': 'dist/bundle/main.js',
      'ledger-explode-conformance': 'dist/bundle/main.js',
    });
    expect(await packed()).toContain('dist/bundle/main.js');
    expect(readFileSync(join(PACKAGE_ROOT, 'dist/bundle/main.js'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });
});
