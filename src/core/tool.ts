import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from './files.js';

/** This tool as reports name it: its package name and version. */
export const TOOL = {
  name: 'ledger-explode-conformance',
  version: (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version,
} as const;
