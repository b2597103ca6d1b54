/**
 * A folder the command will write to, created and checked before anything is sent: a run is
 * never lost to a folder it cannot write, and the user reads one line naming the option.
 */
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { makeFolder } from '../core/make-folder.js';
import { resolve } from 'node:path';
import { UsageError } from '../core/errors.js';

export async function writableFolder(option: string, folder: string): Promise<string> {
  const path = resolve(folder);
  try {
    await makeFolder(path);
    await access(path, constants.W_OK);
  } catch (error) {
    throw new UsageError(option, `cannot write to ${path}: ${(error as Error).message}`);
  }
  return path;
}
