/**
 * The layers of the code, lowest first, enforced by `npm run lint` (dependency-cruiser).
 *
 * A folder may import folders of lower layers only: never one of its own layer, never one
 * above. Data flows one way: the spec and the profile are read, checks and the reference are
 * built from them, the engine runs the checks against a target, and the command line turns the
 * result into reports. The README's "Where things are" says what each folder holds; a test in
 * test/architecture/ shows that an upward import and a cycle are rejected, and that every
 * folder of src/ has its layer here.
 */

/** Lowest first. Folders on one line are side by side: neither imports the other. */
export const LAYERS = [
  // The shared vocabulary: query pairs, the seeded random generator, the report's shape, the
  // handler contract, reading data files, errors. Depends on nothing of the project.
  ['src/core'],
  // The spec loaded and checked; the transports and the request queue.
  ['src/contract', 'src/http'],
  // Profiles: what a target holds, read and checked against the spec.
  ['src/profile'],
  // What a check is; the reference implementation.
  ['src/check', 'src/reference'],
  // Requests drawn from the spec and the profile, and the oracle that predicts their answer.
  ['src/fuzz'],
  // Learning and verifying the profile against the target before a run.
  ['src/preflight'],
  // Running a catalog of checks against a target: preflight, scheduling, verdict.
  ['src/engine'],
  // The golden transcript: its line format, reading it, recording it (a run of the engine).
  ['src/transcript'],
  // The checks, one folder per concern (the golden suite replays transcripts).
  ['suites'],
  // Discovering a target's dialect; the fault catalog and the self-test (runs of the engine
  // with the suites against broken references); recording a real cluster as a pseudonymised
  // golden transcript, profile and dataset.
  ['src/discover', 'src/faults', 'src/record'],
  // Renderers, reading reports back, merging shards, baselines.
  ['src/report'],
  // Signed conformance claims: a report as an in-toto statement in a DSSE envelope, and its verification.
  ['src/attest'],
  // The command line: it assembles everything above.
  ['src/cli'],
  // The catalog inside the user's vitest run: the command line's run, one test per requirement.
  ['src/vitest'],
];

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const under = (folders) => `^(${folders.map((f) => escape(f)).join('|')})/`;

/** One rule per folder: nothing from its own layer (but itself) or any layer above. */
const layerRules = LAYERS.flatMap((layer, rank) =>
  layer.map((folder) => {
    const notBelow = LAYERS.slice(rank)
      .flat()
      .filter((other) => other !== folder);
    return {
      name: `layer:${folder}`,
      comment: `${folder} may import only lower layers (.dependency-cruiser.mjs lists them, lowest first)`,
      severity: 'error',
      from: { path: under([folder]) },
      to: { path: under(notBelow) },
    };
  }),
);

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'modules that import each other, directly or through others, cannot be read or changed one at a time',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'no-test-code',
      comment: 'shipped code never imports the tests, the benchmarks or the scripts',
      severity: 'error',
      from: { path: '^(src|suites)/' },
      to: { path: '^(test|bench|scripts)/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'an import that resolves to no file',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a type is a dependency as much as a value is.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
