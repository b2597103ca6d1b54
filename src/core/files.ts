import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package root, found by walking up from this file: the code runs both from `src/`
 * (vitest) and from `dist/src/` (the built command line), at different depths.
 */
function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'openapi'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('ledger-explode-conformance: package root not found above ' + import.meta.url);
    dir = parent;
  }
}

export const PACKAGE_ROOT = findPackageRoot();
export const DEFAULT_SPEC_PATH = join(PACKAGE_ROOT, 'openapi', 'ledger-explode.yaml');
export const EXTENSIONS_SCHEMA_PATH = join(PACKAGE_ROOT, 'openapi', 'extensions.schema.json');
export const SCHEMAS_DIR = join(PACKAGE_ROOT, 'schemas');
