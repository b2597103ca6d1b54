/**
 * The project's background documents (`shared/`: the seed document of the endpoint and the
 * public facts gathered about it), which live beside the repository rather than in it. Tests
 * that compare the spec with them find them next to the checkout or above it (a git worktree
 * sits deeper), or where `LEDGER_CONFORMANCE_SHARED` says. When they cannot be found the tests
 * fail and say so, rather than skip unseen; `LEDGER_CONFORMANCE_SHARED=none` says that they are
 * absent on purpose, and the tests then skip under a name that says why.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PACKAGE_ROOT } from '../../src/core/files.js';

const setting = process.env['LEDGER_CONFORMANCE_SHARED'];

/** Whether the user said the shared documents are absent on purpose. */
export const sharedDeclaredAbsent = setting === 'none';

function findShared(): string | undefined {
  if (setting !== undefined && setting !== 'none') return resolve(setting);
  for (let dir = PACKAGE_ROOT, k = 0; k < 4; dir = dirname(dir), k += 1) {
    const candidate = join(dirname(dir), 'shared');
    if (existsSync(join(candidate, 'seed'))) return candidate;
  }
  return undefined;
}

const shared = sharedDeclaredAbsent ? undefined : findShared();

/**
 * The copies the kit ships in evidence/ (test/evidence keeps them equal to shared/ wherever both
 * are there): a checkout without shared/ beside it still has the evidence its spec cites.
 */
const SHIPPED: Readonly<Record<string, string>> = {
  'docs/endpoint-facts.md': 'evidence/endpoint-facts.md',
  'seed/getLedgerExplodeInfo.txt': 'evidence/seed-getLedgerExplodeInfo.txt',
};

/** The path of a shared document; throws, saying how to proceed, when the folder cannot be found. */
export function sharedFile(...path: string[]): string {
  const shipped = SHIPPED[path.join('/')];
  if (shared === undefined && shipped !== undefined && !sharedDeclaredAbsent) return join(PACKAGE_ROOT, shipped);
  if (shared === undefined)
    throw new Error(
      `the shared documents (shared/${path.join('/')}) are not beside this checkout: set LEDGER_CONFORMANCE_SHARED to their folder, or to "none" to skip the tests that compare the spec with them`,
    );
  const file = join(shared, ...path);
  if (!existsSync(file)) throw new Error(`${file} is missing (LEDGER_CONFORMANCE_SHARED or the folder beside the checkout)`);
  return file;
}

/** The name suffix of a test that needs the shared documents. */
export const needsShared = sharedDeclaredAbsent ? ' (skipped: LEDGER_CONFORMANCE_SHARED=none)' : '';
