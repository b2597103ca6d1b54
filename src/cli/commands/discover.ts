/**
 * `ledger-conformance discover`: probes a target at every knob where public evidence admits more
 * than one behaviour, and writes an OpenAPI Overlay that pins each evidenced alternative it
 * observed. QA reviews and commits the overlay; `run --overlay` then certifies the target
 * against its own dialect. A knob the target shows no evidenced alternative for is pinned to
 * nothing: the run judges it against the spec, so a fault is never described away.
 */
import { constants } from 'node:fs';
import { access, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { discover } from '../../discover/discover.js';
import { writeDialectOverlay } from '../../discover/overlay-writer.js';
import { UsageError } from '../../errors.js';
import { makeFolder } from '../../make-folder.js';
import { REFERENCE_PROFILE } from '../../profile/load.js';
import { DEFAULT_DATASET_SIZE } from '../../reference/dataset.js';
import { DEFAULT_REFERENCE_SEED } from '../../reference/index.js';
import { serveHandler, type RunningServer } from '../../reference/server.js';
import { loadEffectiveSpec } from '../../spec/load.js';
import type { CliIo } from '../io.js';
import { baseUrlOption, integerOption, specSourceOf, withConnectionOptions, withSpecOptions, type ConnectionFlags, type SpecFlags } from '../options.js';
import { resolveTargetSetup, type TargetFlags } from '../target-setup.js';

interface DiscoverFlags extends SpecFlags, TargetFlags, ConnectionFlags {
  out: string;
}

export function registerDiscover(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  withConnectionOptions(withSpecOptions(program.command('discover')))
    .description("probe a target at every knob with evidenced alternatives and write the overlay that describes its dialect")
    .addOption(new Option('--base-url <url>', 'the target (env LEDGER_CONFORMANCE_BASE_URL)').argParser(baseUrlOption))
    .option('--embedded', 'probe the embedded reference (served with the spec and overlays given)')
    .option('--profile <file>', 'what the target\'s data holds: a JSON/YAML profile file, or "reference"', REFERENCE_PROFILE)
    .option('--dataset-seed <n>', 'seed of the reference dataset (for --embedded and the reference profile)', integerOption('--dataset-seed', 0, 4294967295), DEFAULT_REFERENCE_SEED)
    .option('--dataset-size <n>', 'customers in the reference dataset', integerOption('--dataset-size', 4, 10000), DEFAULT_DATASET_SIZE)
    .option('--out <file>', 'where the overlay is written', 'dialect.yaml')
    .addHelpText('after', '\nExit codes: 0 every probed knob shows an evidenced alternative, 1 some knob shows none (the run will judge it against the spec), 2 bad usage, 3 the target could not be probed.')
    .action(async (flags: DiscoverFlags) => {
      setExitCode(await executeDiscover(flags, io));
    });
}

async function executeDiscover(flags: DiscoverFlags, io: CliIo): Promise<number> {
  const spec = loadEffectiveSpec(specSourceOf(flags));
  const { baseUrl, reference, profile, secrets, credentialSource } = resolveTargetSetup(flags, io, spec);
  const out = resolve(flags.out);
  try {
    await makeFolder(dirname(out));
    await access(dirname(out), constants.W_OK);
  } catch (error) {
    throw new UsageError('--out', `cannot write to ${dirname(out)}: ${(error as Error).message}`);
  }
  let server: RunningServer | undefined;
  try {
    if (flags.embedded) server = await serveHandler(reference!.handler, { host: '127.0.0.1', port: 0 });
    const discovery = await discover({
      spec,
      profile,
      credentialSource,
      destination: { kind: 'http', baseUrl: server?.url ?? baseUrl! },
      secrets,
      insecure: flags.insecure === true,
      requestTimeoutMs: flags.timeout * 1000,
      concurrency: flags.concurrency,
      ...(flags.rate !== undefined ? { ratePerSecond: flags.rate } : {}),
      env: io.env,
    });
    if (discovery.transportErrors > 0 && discovery.transportErrors === discovery.requests) {
      io.err(`ledger-conformance discover: ${discovery.baseUrl} did not answer any of ${discovery.requests} requests; nothing written`);
      return 3;
    }
    const overlay = writeDialectOverlay(discovery, new Date().toISOString().slice(0, 10));
    await writeFile(out, overlay.text);
    for (const f of discovery.findings) {
      const o = f.observation;
      const state =
        o.kind === 'skipped' ? `not probed: ${o.reason}` : o.kind === 'unmatched' ? `matches no evidenced alternative (the run judges it against the spec): ${o.note}` : JSON.stringify(o.alternative.value) === JSON.stringify(f.knob.current.value) ? `as the spec says (${JSON.stringify(o.alternative.value)})` : `pinned ${JSON.stringify(o.alternative.value)} (spec: ${JSON.stringify(f.knob.current.value)}): ${o.note}`;
      io.out(`${f.knob.knob}: ${state}`);
    }
    io.out(`dialect: ${overlay.actions} deviation(s) from the spec, ${discovery.requests} requests; overlay written to ${out}`);
    return discovery.findings.some((f) => f.observation.kind === 'unmatched') ? 1 : 0;
  } finally {
    await server?.close();
  }
}
