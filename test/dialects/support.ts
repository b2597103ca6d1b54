/**
 * Dialects in the tests: every non-canonical alternative of `x-ledger-dialects` as an overlay
 * file, the effective spec and reference it makes, and in-process runs and discoveries.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { buildCatalog } from '../../suites/index.js';
import { discover, deviationsOf, type Discovery } from '../../src/discover/discover.js';
import { targetOf } from '../../src/discover/overlay-writer.js';
import { runSession } from '../../src/engine/session.js';
import { referenceSecrets } from '../../src/reference/identities.js';
import { builtInProfile } from '../../src/profile/load.js';
import type { Profile } from '../../src/profile/model.js';
import type { ReferenceHandler } from '../../src/core/handler.js';
import { createReference, type Reference } from '../../src/reference/index.js';
import type { ConformanceReport } from '../../src/core/report-model.js';
import type { DialectAlternative, DialectKnob } from '../../src/contract/knobs.js';
import { loadEffectiveSpec, loadSpec, type LoadedSpec } from '../../src/contract/load.js';

export const canonical = loadSpec();

const folder = mkdtempSync(join(tmpdir(), 'ledger-dialects-'));

/** One non-canonical alternative of one knob. */
export interface Alternative {
  readonly name: string;
  readonly knob: DialectKnob;
  readonly alternative: DialectAlternative;
  /** An overlay file that selects it. */
  readonly overlay: string;
}

/** The overlay document that sets each (pointer, value). */
export function overlayOf(settings: readonly { pointer: string; value: unknown }[], title = 'test dialect'): string {
  return stringify({
    overlay: '1.0.0',
    info: { title, version: '1' },
    actions: settings.map(({ pointer, value }) => {
      const { target, key } = targetOf(pointer);
      return { target, update: { [String(key)]: value } };
    }),
  });
}

export function writeOverlay(name: string, text: string): string {
  const file = join(folder, `${name.replace(/[^A-Za-z0-9.-]+/g, '_')}.yaml`);
  writeFileSync(file, text);
  return file;
}

/** Every alternative of every knob that is not the canonical one. */
export function nonCanonicalAlternatives(spec: LoadedSpec = canonical): Alternative[] {
  return spec.knobs.dialects.flatMap((knob) =>
    knob.alternatives
      .filter((a) => JSON.stringify(a.value) !== JSON.stringify(knob.current.value))
      .map((alternative) => {
        const name = `${knob.knob} = ${JSON.stringify(alternative.value)}`;
        return {
          name,
          knob,
          alternative,
          overlay: writeOverlay(name, overlayOf([{ pointer: knob.pointer, value: alternative.value }])),
        };
      }),
  );
}

const references = new Map<string, Reference>();

/** The reference of a spec (dataset seed default), cached by effective sha. */
export function referenceOf(spec: LoadedSpec): Reference {
  let reference = references.get(spec.effectiveSha256);
  if (!reference) references.set(spec.effectiveSha256, (reference = createReference(spec)));
  return reference;
}

/** One in-process run of the whole catalog of `spec` against `handler`, gated at MAY. */
export async function certifyUnder(
  spec: LoadedSpec,
  handler: ReferenceHandler,
  profile: Profile,
  options: { suites?: readonly string[]; seed?: number; fuzzRuns?: number } = {},
): Promise<ConformanceReport> {
  const { report } = await runSession({
    spec,
    profile: builtInProfile(profile),
    catalog: buildCatalog(spec),
    destination: { kind: 'in-process', handler },
    secrets: referenceSecrets(),
    seed: options.seed ?? 1,
    fuzzRuns: options.fuzzRuns ?? 25,
    gatingLevel: 'MAY',
    concurrency: 8,
    ...(options.suites ? { suites: options.suites } : {}),
  });
  return report;
}

/** `discover`, in-process, against a handler. */
export function discoverIn(spec: LoadedSpec, handler: ReferenceHandler, profile: Profile): Promise<Discovery> {
  return discover({ spec, profile, destination: { kind: 'in-process', handler }, secrets: referenceSecrets() });
}

/** The pinned (pointer, value) pairs of a discovery. */
export const pinned = (discovery: Discovery): { pointer: string; value: unknown }[] =>
  deviationsOf(discovery).map((f) => ({
    pointer: f.knob.pointer,
    value: f.observation.kind === 'matched' ? f.observation.alternative.value : undefined,
  }));

export const failed = (report: ConformanceReport): string[] =>
  report.requirements.filter((r) => r.status === 'fail').map((r) => r.id);
export const broken = (report: ConformanceReport): string[] =>
  report.requirements
    .filter((r) => r.status === 'fail' || r.status === 'error')
    .map((r) => `${r.id} ${r.status}: ${r.failures[0]?.title ?? r.reasons[0] ?? ''}`);

export function effective(overlays: readonly string[]): LoadedSpec {
  return loadEffectiveSpec({ overlays });
}
