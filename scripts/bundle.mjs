// Part of `npm run build`, last: bundles the command line (dist/src/cli/main.js and what it
// imports, undici and commander included) into dist/bundle/, which the `bin` entries and
// `npm start` run. Loading one file per command instead of some 230 modules and undici's 110
// files is most of what a command spends before its first request (docs/performance.md).
//
// Chunks sit beside the entries, so that a module which locates a sibling by
// `new URL('./x.js', import.meta.url)` (the self-test's worker, an entry of its own) finds it.
// Packages loaded on first use through createRequire (ajv, yaml, jsonpath) and the precompiled
// validators stay outside: they load from node_modules and dist/precompiled as before.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;

// undici's client loads its HTTP/2 half, and with it node:http2 (about 10 ms), when it loads; the
// kit never allows HTTP/2, so the bundle loads that half on its first use instead. The line is
// undici's own: an upgrade that changes it fails the build here rather than loading it eagerly.
const H2_EAGER = "const connectH2 = require('./client-h2.js')";
const h2OnFirstUse = {
  name: 'undici-h2-on-first-use',
  setup(bundler) {
    bundler.onLoad({ filter: /undici[\\/]lib[\\/]dispatcher[\\/]client\.js$/ }, ({ path }) => {
      const source = readFileSync(path, 'utf8');
      if (!source.includes(H2_EAGER)) throw new Error(`${path}: no "${H2_EAGER}" (undici changed): update scripts/bundle.mjs`);
      return {
        contents: source.replace(H2_EAGER, "const connectH2 = (...args) => require('./client-h2.js')(...args)"),
        loader: 'js',
      };
    });
  },
};
const out = join(root, 'dist', 'bundle');
const started = performance.now();
rmSync(out, { recursive: true, force: true });
const result = await build({
  entryPoints: {
    main: join(root, 'dist/src/cli/main.js'),
    'selftest-worker': join(root, 'dist/src/faults/selftest-worker.js'),
  },
  outdir: out,
  entryNames: '[name]',
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // The CommonJS packages bundled into ES modules call require() for Node's built-ins.
  banner: {
    js: "import { createRequire as __bundleRequire } from 'node:module';\nconst require = __bundleRequire(import.meta.url);",
  },
  logLevel: 'warning',
  metafile: true,
  plugins: [h2OnFirstUse],
});
const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
console.log(
  `bundle: ${Object.keys(result.metafile.outputs).length} files, ${Math.round(bytes / 1024)} KB, ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
