// Removes build outputs whose TypeScript source is gone (a file moved or deleted), so that
// dist/ holds exactly what the sources produce: what `npm pack` ships is what the tests ran.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');

function* outputs(dir) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* outputs(path);
    else if (/\.js(\.map)?$/.test(entry.name)) yield path;
  }
}

for (const output of outputs(dist)) {
  const source = join(root, relative(dist, output).replace(/\.js(\.map)?$/, '.ts'));
  if (!existsSync(source)) rmSync(output);
}
