/**
 * `ledger-conformance discover`: probes a target at every knob where public evidence admits more
 * than one behaviour, and writes an OpenAPI Overlay that pins each evidenced alternative it
 * observed. QA reviews and commits the overlay; `run --overlay` then certifies the target
 * against its own dialect. A knob the target shows no evidenced alternative for is pinned to
 * nothing: the run judges it against the spec, so a fault is never described away.
 */
import { writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { discover } from '../../discover/discover.js';
import { checkDrift, driftLines } from '../../discover/drift.js';
import { writeDialectOverlay } from '../../discover/overlay-writer.js';
import { REFERENCE_PROFILE } from '../../profile/load.js';
import { loadEffectiveSpec } from '../../contract/load.js';
import { defaultedDatasetSeedOption, defaultedDatasetSizeOption, refuseIgnoredDatasetOptions } from '../dataset-options.js';
import { whileServing } from '../embedded.js';
import type { CliIo } from '../io.js';
import {
  baseUrlOptionOf,
  profileOptionOf,
  connectionSettings,
  specSourceOf,
  withConnectionOptions,
  withSpecOptions,
  type ConnectionFlags,
  type SpecFlags,
} from '../options.js';
import { resolveTargetSetup, type TargetFlags } from '../target-setup.js';
import { writableFolder } from '../writable.js';

interface DiscoverFlags extends SpecFlags, TargetFlags, ConnectionFlags {
  out: string;
  check?: string;
}

export function registerDiscover(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  withConnectionOptions(withSpecOptions(program.command('discover')))
    .description('probe a target at every knob with evidenced alternatives and write the overlay that describes its dialect')
    .addOption(baseUrlOptionOf('the target'))
    .option('--embedded', 'probe the embedded reference (served with the spec and overlays given)')
    .addOption(profileOptionOf('target', { default: REFERENCE_PROFILE }))
    .addOption(defaultedDatasetSeedOption('for --embedded and the reference profile'))
    .addOption(defaultedDatasetSizeOption())
    .option('--out <file>', 'where the overlay is written', 'dialect.yaml')
    .option(
      '--check <overlay>',
      'drift watch: compare what the target shows now with a committed overlay, list each knob that changed, write nothing',
    )
    .addHelpText(
      'after',
      '\nExit codes: 0 the overlay was written (a knob that shows no evidenced alternative is listed with what it saw, and the run judges it against the spec), 2 bad usage or a profile the target contradicts, 3 the target could not be probed.\nWith --check: 0 no knob changed, 1 some knob changed (each is listed), 2 bad usage (an overlay that does not load), 3 the target could not be judged.',
    )
    .action(async (flags: DiscoverFlags, self: Command) => {
      refuseIgnoredDatasetOptions(self, flags);
      setExitCode(await executeDiscover(flags, io));
    });
}

async function executeDiscover(flags: DiscoverFlags, io: CliIo): Promise<number> {
  const source = specSourceOf(flags);
  const spec = loadEffectiveSpec(source);
  // The committed overlay applies after any given: the knobs as the last discover described them.
  const committed =
    flags.check !== undefined ? loadEffectiveSpec({ ...source, overlays: [...(source.overlays ?? []), flags.check] }) : undefined;
  const { baseUrl, reference, profile, secrets, credentialSource } = resolveTargetSetup(flags, io, spec);
  const out = resolve(flags.out);
  if (!committed) await writableFolder('--out', dirname(out));
  return whileServing(flags.embedded ? reference!.handler : undefined, async (embeddedUrl) => {
    const discovery = await discover({
      spec,
      profile,
      credentialSource,
      destination: { kind: 'http', baseUrl: embeddedUrl ?? baseUrl! },
      secrets,
      ...connectionSettings(flags, io.env),
    });
    if (discovery.transportErrors > 0 && discovery.transportErrors === discovery.requests) {
      io.err(
        `ledger-conformance discover: ${discovery.baseUrl} did not answer any of ${discovery.requests} requests; nothing written`,
      );
      return 3;
    }
    if (committed) {
      const drift = checkDrift(discovery, committed);
      for (const line of driftLines(drift)) io.out(line);
      io.out(
        drift.exitCode === 3
          ? `drift: could not judge ${discovery.baseUrl} (${drift.notJudged} knob(s) not probed, ${discovery.transportErrors} request(s) without answer); nothing changed among the others`
          : `drift: ${drift.changed} knob(s) changed since ${flags.check}, ${drift.notJudged} not judged, ${discovery.requests} requests`,
      );
      return drift.exitCode;
    }
    const overlay = writeDialectOverlay(discovery, new Date().toISOString().slice(0, 10));
    await writeFile(out, overlay.text);
    for (const f of discovery.findings) {
      const o = f.observation;
      const state =
        o.kind === 'skipped'
          ? `not probed: ${o.reason}`
          : o.kind === 'unmatched'
            ? `matches no evidenced alternative (the run judges it against the spec): ${o.note}`
            : JSON.stringify(o.alternative.value) === JSON.stringify(f.knob.current.value)
              ? `as the spec says (${JSON.stringify(o.alternative.value)})`
              : `pinned ${JSON.stringify(o.alternative.value)} (spec: ${JSON.stringify(f.knob.current.value)}): ${o.note}`;
      io.out(`${f.knob.knob}: ${state}`);
    }
    io.out(`dialect: ${overlay.actions} deviation(s) from the spec, ${discovery.requests} requests; overlay written to ${out}`);
    const unmatched = discovery.findings.filter((f) => f.observation.kind === 'unmatched').length;
    if (unmatched > 0)
      io.out(
        `${unmatched} knob(s) showed no evidenced alternative: the run judges them against the spec (see above what each showed)`,
      );
    // The overlay is written: QA reviews it. A knob that matches nothing is news, not a failure of discover.
    return 0;
  });
}
