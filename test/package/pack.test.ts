/**
 * The npm package ships only what runs: the compiled sources and suites, the spec with its
 * extension schema, the published schemas, the README and package.json. No tests, no bench, no
 * source maps, no build info, no output of a source that is gone.
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
};

/** Every `.ts` file below `dir`, relative to the package root. */
function sources(dir: string): string[] {
  return readdirSync(join(PACKAGE_ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => relative(PACKAGE_ROOT, join(PACKAGE_ROOT, dir, file)));
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
  it('ships exactly the compiled sources and suites, the spec, the schemas, the README and package.json', async () => {
    const files = await packed();
    const compiled = [...sources('src'), ...sources('suites')].map((file) => `dist/${file.replace(/\.ts$/, '.js')}`);
    const pinned = [
      'README.md',
      'openapi/extensions.schema.json',
      'openapi/ledger-explode.yaml',
      'package.json',
      'schemas/conformance-report.schema.json',
      'schemas/dataset.schema.json',
      'schemas/overlay.schema.json',
      'schemas/profile.schema.json',
      'schemas/transcript.schema.json',
      'schemas/waivers.schema.json',
    ];
    // The validators the build precompiles (scripts/build-precompiled.mjs): the spec's, and one per published schema.
    const precompiled = [
      'dist/precompiled/spec.cjs',
      ...pinned.filter((f) => f.startsWith('schemas/')).map((f) => `dist/precompiled/${f.slice('schemas/'.length)}.cjs`),
    ];
    compiled.push(...precompiled);
    const stale = files.filter((f) => f.startsWith('dist/') && !compiled.includes(f));
    expect(stale, 'build output no source produces (npm run build prunes it)').toEqual([]);
    expect(files).toEqual([...pinned, ...compiled].sort());
    expect(files.filter((f) => /^dist\/(test|bench)\/|\.map$|tsbuildinfo|vitest/.test(f))).toEqual([]);
  });

  it('has a bin named like the package, so `npx ledger-explode-conformance` runs it, and the short one', async () => {
    expect(manifest.name).toBe('ledger-explode-conformance');
    expect(manifest.bin).toEqual({
      'ledger-conformance': 'dist/src/cli/main.js',
      'ledger-explode-conformance': 'dist/src/cli/main.js',
    });
    expect(await packed()).toContain('dist/src/cli/main.js');
    expect(readFileSync(join(PACKAGE_ROOT, 'dist/src/cli/main.js'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });
});
