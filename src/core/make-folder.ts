/**
 * Creates a folder and its missing parents, one level at a time.
 *
 * Node 20's `mkdir(path, { recursive: true })` never settles under some pseudo file systems
 * (`/proc/x` loops forever), so a mistyped `--out` would hang the command instead of failing.
 * Walking the path ourselves bounds the work by the number of path segments, and the first
 * level that cannot be made raises its own error for the caller to name the option.
 */
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';

export async function makeFolder(folder: string): Promise<void> {
  const absolute = path.resolve(folder);
  const missing: string[] = [];
  for (let current = absolute; ; current = path.dirname(current)) {
    const found = await stat(current).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (found) {
      if (!found.isDirectory()) throw Object.assign(new Error(`${current} is not a folder`), { code: 'ENOTDIR' });
      break;
    }
    missing.unshift(current);
    if (path.dirname(current) === current) break;
  }
  for (const level of missing) {
    await mkdir(level).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
}
