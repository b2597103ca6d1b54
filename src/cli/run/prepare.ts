/**
 * Everything `run` settles before a request goes out: the spec and the requirement ids, the
 * target, profile and credentials, the waivers, the transcript, the baseline, the report folder
 * and the seed. A mistake in any of them ends the command with one line (exit 2); a run is
 * never lost to a report folder it cannot write.
 */
import { randomInt } from 'node:crypto';
import type { CatalogSource, CheckDefinition } from '../../check/check.js';
import { loadWaivers } from '../../engine/waivers.js';
import { UsageError } from '../../core/errors.js';
import type { Waiver } from '../../core/report-model.js';
import type { ReportFile } from '../../report/read.js';
import { loadEffectiveSpec, type LoadedSpec } from '../../contract/load.js';
import type { CliIo } from '../io.js';
import { specSourceOf } from '../options.js';
import { resolveTargetSetup, type TargetSetup } from '../target-setup.js';
import { transcriptChecks, withChecks } from '../transcript-option.js';
import { writableFolder } from '../writable.js';
import type { RunFlags } from './flags.js';

/** The largest seed `--seed` accepts, and the range a random seed is drawn from. */
export const MAX_RUN_SEED = 2147483647;

export interface PreparedRun<C extends CatalogSource = CatalogSource> {
  readonly spec: LoadedSpec;
  readonly setup: TargetSetup;
  /** The spec's catalog, with the transcript replay when `--transcript` is given, or how to load it. */
  readonly catalog: C;
  readonly waivers: readonly Waiver[];
  readonly baseline?: ReportFile;
  /** Absolute, created and writable. */
  readonly reportDir: string;
  /** `--seed`, or a random one (printed once the run starts, so that it can be replayed). */
  readonly seed: number;
}

export async function prepareRun(flags: RunFlags, io: CliIo): Promise<PreparedRun> {
  if (flags.seeds !== undefined && flags.seeds > 1 && flags.shard)
    throw new UsageError(
      '--seeds',
      'cannot be combined with --shard: shard one seed at a time (every shard of a run shares its seed)',
    );
  // The suites' code loads once the run has started (the session asks for it while the preflight
  // waits), so that the first request does not wait for it.
  const inputs = prepareInputs(flags, io, (spec, transcript) => async () => {
    const { buildCatalog } = await import('../../../suites/index.js');
    return withChecks(buildCatalog(spec), transcript);
  });
  // The fault catalog and the baseline reader load only when there is something for them to read.
  if ((inputs.spec.dialect.localDecisions ?? []).length > 0)
    await (await import('../../faults/local-decisions.js')).refuseFaultHidingDecisions(inputs.spec, specSourceOf(flags));
  const baseline = flags.baseline ? (await import('../../report/baseline.js')).readBaseline(flags.baseline) : undefined;
  const reportDir = await writableFolder('--report-dir', flags.reportDir);
  return { ...inputs, ...(baseline ? { baseline } : {}), reportDir };
}

/**
 * What every run needs before a request goes out, whatever it does with the result (the vitest
 * integration writes no report unless asked). `catalogOf` makes the catalog from the spec and
 * the transcript's checks: the vitest integration needs it at once, the command line later.
 */
export function prepareInputs<C extends CatalogSource>(
  flags: RunFlags,
  io: CliIo,
  catalogOf: (spec: LoadedSpec, transcript: readonly CheckDefinition[]) => C,
): Omit<PreparedRun<C>, 'baseline' | 'reportDir'> {
  const spec = loadEffectiveSpec(specSourceOf(flags));
  checkRequirementIds(spec, flags.requirement ?? []);
  const setup = resolveTargetSetup(flags, io, spec);
  const waivers = flags.waivers ? loadWaivers(flags.waivers) : [];
  const transcript = transcriptChecks(flags.transcript, spec, flags, setup.secrets, (line) =>
    io.err(`ledger-conformance: ${line}`),
  );
  return {
    spec,
    setup,
    catalog: catalogOf(spec, transcript),
    waivers,
    seed: flags.seed ?? randomInt(0, MAX_RUN_SEED),
  };
}

/** Requirement ids depend on the spec (an overlay may add or remove some): checked once it is loaded. */
function checkRequirementIds(spec: LoadedSpec, ids: readonly string[]): void {
  const unknown = ids.filter((id) => !spec.requirement(id));
  if (unknown.length > 0)
    throw new UsageError(
      '--requirement',
      `${unknown.map((id) => `"${id}"`).join(', ')} is not a requirement of the spec (ledger-conformance list shows them)`,
    );
}
