/**
 * The validators the build precompiles (scripts/build-precompiled.mjs, dist/precompiled/) must
 * judge exactly as the ones ajv compiles at run time, and be used only for the bytes they were
 * built from. `npm test` builds first, so the modules are there.
 */
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { createSpecAjv, specFormats } from '../../src/core/ajv.js';
import { DEFAULT_SPEC_PATH, PACKAGE_ROOT, SCHEMAS_DIR } from '../../src/core/files.js';
import {
  PRECOMPILED_DIR,
  precompiledDataValidator,
  precompiledReferenceProfileJson,
  precompiledSpecCompiler,
  precompiledSpecDocument,
  sha256Of,
} from '../../src/core/precompiled.js';
import { ajvCompiler } from '../../src/core/schema-compiler.js';
import { EXTENSIONS_SOURCE, loadSpec, loadSpecThrough, parseSpecText, SPEC_SOURCE } from '../../src/contract/load.js';
import { DEFAULT_DATASET_SIZE, generateDataset } from '../../src/reference/dataset.js';
import { createReference, DEFAULT_REFERENCE_SEED } from '../../src/reference/index.js';
import { referenceProfile } from '../../src/reference/profile.js';

const require = createRequire(import.meta.url);
type Group = { sources: Record<string, string>; create: (formats: object) => Record<string, ValidateFunction> };
const group = (name: string): Group => require(join(PRECOMPILED_DIR, `${name}.cjs`)) as Group;

const specText = readFileSync(DEFAULT_SPEC_PATH, 'utf8');
const extensionsSha = sha256Of(readFileSync(join(PACKAGE_ROOT, EXTENSIONS_SOURCE), 'utf8'));

/** Every value inside `value` (itself included), and each object also with a property added, removed and nulled. */
function samples(value: unknown, into = new Map<string, unknown>()): Map<string, unknown> {
  const add = (v: unknown): void => void into.set(JSON.stringify(v), v);
  add(value);
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) samples(child, into);
    if (!Array.isArray(value)) {
      const [first] = Object.keys(value);
      add({ ...value, undocumentedProperty: 1 });
      if (first !== undefined) {
        const { [first]: _removed, ...rest } = value as Record<string, unknown>;
        add(rest);
        add({ ...value, [first]: null });
      }
    }
  }
  return into;
}

/** The examples of the spec (every `value` under an `examples` map, and every `example`). */
function specExamples(node: unknown, out: unknown[] = []): unknown[] {
  if (node === null || typeof node !== 'object') return out;
  for (const [key, child] of Object.entries(node)) {
    if (key === 'example') out.push(child);
    if (key === 'value' && child !== null && typeof child === 'object') out.push(child);
    specExamples(child, out);
  }
  return out;
}

/** Ids on which the two validators disagree (validity or errors) for some sample. */
function disagreements(
  ids: readonly string[],
  built: Record<string, ValidateFunction>,
  runtime: (id: string) => ValidateFunction,
  values: readonly unknown[],
): string[] {
  const differ: string[] = [];
  for (const id of ids) {
    const ours = built[id]!;
    const theirs = runtime(id);
    const same = values.every((value) => ours(value) === theirs(value) && isDeepStrictEqual(ours.errors, theirs.errors));
    if (!same) differ.push(id);
  }
  return differ;
}

describe('the precompiled validators', () => {
  const document = parseSpecText(specText, SPEC_SOURCE);
  const values = [...samples(specExamples(document)).values(), null, 0, 'x', [], {}];

  it('of the spec judge every sample as the run-time compiled ones, error for error', () => {
    const formats = specFormats();
    const loaded = group('spec').create(formats);
    const closed = group('spec-closed').create(formats);
    const built = { ...loaded, ...closed };
    const runtime = ajvCompiler(createSpecAjv());
    loadSpecThrough(specText, DEFAULT_SPEC_PATH, runtime);
    const ids = Object.keys(built);
    // The components, the parameters and the extension checks in the group every load reads; the
    // closed variants, read on first use, in their own, each of the spec's components once.
    const isClosed = (id: string): boolean => id.startsWith('urn:ledger-explode:components-closed#');
    expect(Object.keys(loaded).filter(isClosed)).toEqual([]);
    expect(Object.keys(closed).filter(isClosed).length).toBe(
      Object.keys((document['components'] as { schemas: object }).schemas).length,
    );
    expect(values.length).toBeGreaterThan(200);
    expect(disagreements(ids, built, (id) => runtime.get(id), values)).toEqual([]);
  });

  it('of the published schemas judge as the run-time compiled ones', () => {
    const reports = readdirSync(join(PACKAGE_ROOT, 'test/architecture/__snapshots__'))
      .filter((f) => f.endsWith('.conformance.json'))
      .map((f) => JSON.parse(readFileSync(join(PACKAGE_ROOT, 'test/architecture/__snapshots__', f), 'utf8')) as unknown);
    const reportValues = [...samples(reports).values()];
    for (const file of readdirSync(SCHEMAS_DIR).filter((f) => f.endsWith('.schema.json'))) {
      const text = readFileSync(join(SCHEMAS_DIR, file), 'utf8');
      const runtime = createSpecAjv({ verbose: true }).compile(JSON.parse(text) as object);
      const built = precompiledDataValidator(file, text)!;
      expect(built, file).toBeTypeOf('function');
      expect(
        disagreements([file], { [file]: built }, () => runtime, reportValues),
        file,
      ).toEqual([]);
    }
    expect(
      reportValues.some((v) =>
        createSpecAjv().compile(JSON.parse(readFileSync(join(SCHEMAS_DIR, 'conformance-report.schema.json'), 'utf8')) as object)(
          v,
        ),
      ),
    ).toBe(true);
    // Every part of every snapshot report, and its variants, through every published schema twice:
    // 59 s of the default minute under a load average of 10.
  }, 180_000);

  it('are used for the packaged spec: the same document, validators that ajv did not compile in this process', () => {
    expect(precompiledSpecDocument({ [SPEC_SOURCE]: sha256Of(specText), [EXTENSIONS_SOURCE]: extensionsSha })).toEqual(document);
    expect(loadSpec().precompiled).toBe(true);
    // A closed variant comes from its own group, read when it is first asked for.
    const compiler = precompiledSpecCompiler({ [SPEC_SOURCE]: sha256Of(specText), [EXTENSIONS_SOURCE]: extensionsSha })!;
    const closedId = `urn:ledger-explode:components-closed#/$defs/${Object.keys((document['components'] as { schemas: object }).schemas)[0]!}`;
    expect(String(compiler.get(closedId))).toBe(String(group('spec-closed').create(specFormats())[closedId]));
    expect(() => compiler.get('urn:ledger-explode:components-closed#/$defs/NoSuchSchema')).toThrow(/precompiled no validator/);
  });

  it('carry the built-in profile of the default dataset, equal to the one generated from it', () => {
    const spec = loadSpec();
    const built = precompiledReferenceProfileJson(
      { [SPEC_SOURCE]: sha256Of(specText), [EXTENSIONS_SOURCE]: extensionsSha },
      DEFAULT_REFERENCE_SEED,
      DEFAULT_DATASET_SIZE,
    );
    expect(built).toBeTypeOf('string');
    const generated = referenceProfile(spec, generateDataset(spec, { seed: DEFAULT_REFERENCE_SEED, size: DEFAULT_DATASET_SIZE }));
    expect(JSON.parse(built!)).toStrictEqual(generated);
    expect(createReference(spec).profile).toStrictEqual(generated);
    // Only for the dataset it was computed from, and only for the packaged spec's bytes.
    expect(
      precompiledReferenceProfileJson(
        { [SPEC_SOURCE]: sha256Of(specText), [EXTENSIONS_SOURCE]: extensionsSha },
        1,
        DEFAULT_DATASET_SIZE,
      ),
    ).toBe(undefined);
    expect(
      precompiledReferenceProfileJson(
        { [SPEC_SOURCE]: sha256Of(specText + '\n'), [EXTENSIONS_SOURCE]: extensionsSha },
        DEFAULT_REFERENCE_SEED,
        DEFAULT_DATASET_SIZE,
      ),
    ).toBe(undefined);
  });

  it('are not used for other bytes: an edited spec is compiled now and judged by its own rules', () => {
    expect(precompiledSpecDocument({ [SPEC_SOURCE]: sha256Of(specText + '\n'), [EXTENSIONS_SOURCE]: extensionsSha })).toBe(
      undefined,
    );
    expect(precompiledDataValidator('profile.schema.json', '{}')).toBe(undefined);
    const dir = mkdtempSync(join(tmpdir(), 'ledger-precompiled-'));
    const copy = join(dir, 'same.yaml');
    copyFileSync(DEFAULT_SPEC_PATH, copy);
    // The same bytes elsewhere (a --spec copy) are the packaged spec.
    expect(loadSpec(copy).precompiled).toBe(true);
    // limit's other evidenced maximum (x-ledger-dialects): 100 instead of 10.
    const edited = join(dir, 'edited.yaml');
    const text = specText.replace(/^(\s*)maximum: 10$/m, '$1maximum: 100');
    expect(text).not.toBe(specText);
    writeFileSync(edited, text);
    const editedSpec = loadSpec(edited);
    expect(editedSpec.precompiled).toBe(false);
    expect(loadSpec().parameter('limit').check('50')).toMatchObject({ valid: false, failedKeywords: ['maximum'] });
    expect(editedSpec.parameter('limit').check('50').valid).toBe(true);
  });
});
