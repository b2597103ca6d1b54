/**
 * The validators the build compiled ahead of time (scripts/build-precompiled.mjs writes ajv's
 * standalone code to dist/precompiled/), and the packaged spec parsed from its YAML.
 *
 * One module per group: the packaged spec (`spec.cjs`: its components, its parameters, the
 * extension checks, the built-in profile of the default dataset; `spec-closed.cjs`: the
 * components closed, read the first time one is asked for) and each published schema
 * (`schemas/<file>` → `<file>.cjs`). Each carries the sha256 of the files it was compiled from
 * and is used only when the files this process reads have those bytes: an edited spec or
 * schema, a --spec file that differs from the packaged one, or overlays compile at run time, as
 * they always did. Without the modules (sources run before any build), everything compiles at
 * run time.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { specFormats } from './ajv.js';
import { PACKAGE_ROOT } from './files.js';
import { precompiledCompiler, type SchemaCompiler } from './schema-compiler.js';

export const PRECOMPILED_DIR = join(PACKAGE_ROOT, 'dist', 'precompiled');
export const SPEC_GROUP = 'spec';
/** The closed variants of the spec's components, which no load needs: read on first use. */
export const SPEC_CLOSED_GROUP = 'spec-closed';

/** The shape of a generated module. */
interface PrecompiledGroup {
  /** The sha256 of each file the group was compiled from, by path relative to the package root. */
  readonly sources: Readonly<Record<string, string>>;
  /** The validators by id; `specFormats` is every format they know, by name. */
  readonly create: (specFormats: Record<string, unknown>) => Record<string, ValidateFunction>;
  /** The spec group: the packaged spec parsed from its YAML by the build, as JSON text. */
  readonly documentJson?: string;
  /** The spec group: the built-in `reference` profile of the default dataset, as JSON text, and that dataset's seed and size. */
  readonly referenceProfile?: { readonly seed: number; readonly size: number; readonly json: string };
}

const require = createRequire(import.meta.url);
const groups = new Map<string, PrecompiledGroup | undefined>();

export const sha256Of = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The group, when it exists and was compiled from files with the bytes `sha256ByFile` names (path → sha256). */
function matchingGroup(name: string, sha256ByFile: Readonly<Record<string, string>>): PrecompiledGroup | undefined {
  if (!groups.has(name)) {
    const file = join(PRECOMPILED_DIR, `${name}.cjs`);
    groups.set(name, existsSync(file) ? (require(file) as PrecompiledGroup) : undefined);
  }
  const group = groups.get(name);
  if (group === undefined) return undefined;
  const built = Object.keys(group.sources);
  const same =
    built.length === Object.keys(sha256ByFile).length && built.every((path) => group.sources[path] === sha256ByFile[path]);
  return same ? group : undefined;
}

/** The packaged spec as the build parsed it, when spec and extension schema have the bytes the build read. */
export function precompiledSpecDocument(sha256ByFile: Readonly<Record<string, string>>): Record<string, unknown> | undefined {
  const json = matchingGroup(SPEC_GROUP, sha256ByFile)?.documentJson;
  return json === undefined ? undefined : (JSON.parse(json) as Record<string, unknown>);
}

/**
 * The built-in profile of the reference's dataset of `seed` and `size`, as the build computed it
 * from the packaged spec (the default dataset only), under the same condition: a run on it
 * against a target of its own then starts without generating the dataset.
 */
export function precompiledReferenceProfileJson(
  sha256ByFile: Readonly<Record<string, string>>,
  seed: number,
  size: number,
): string | undefined {
  const built = matchingGroup(SPEC_GROUP, sha256ByFile)?.referenceProfile;
  return built !== undefined && built.seed === seed && built.size === size ? built.json : undefined;
}

/** The build's validators of the packaged spec, under the same condition. */
export function precompiledSpecCompiler(sha256ByFile: Readonly<Record<string, string>>): SchemaCompiler | undefined {
  const group = matchingGroup(SPEC_GROUP, sha256ByFile);
  if (group === undefined) return undefined;
  const formats = specFormats();
  let closed: Record<string, ValidateFunction> | undefined;
  const closedValidators = (): Record<string, ValidateFunction> =>
    (closed ??= matchingGroup(SPEC_CLOSED_GROUP, sha256ByFile)?.create(formats) ?? {});
  return precompiledCompiler(group.create(formats), closedValidators);
}

/** The validator of `schemas/<file>` when `text` is what the build compiled it from. */
export function precompiledDataValidator(file: string, text: string): ValidateFunction | undefined {
  return matchingGroup(file, { [`schemas/${file}`]: sha256Of(text) })?.create(specFormats())[file];
}
