/**
 * `record`: a certification of a real cluster, kept as an oracle with its personal data
 * replaced. The run is the one `run` makes (the preflight, then every check, GET only, through
 * the run's queue and rate limit); every request and answer becomes a line of a golden
 * transcript, and the profile the checks used (completed by the preflight) and the dataset the
 * answers imply are written beside it. Every personal value any of the three holds is made
 * known first, then all three are pseudonymised with the same pseudonyms.
 */
import type { Catalog } from '../check/check.js';
import type { LoadedSpec } from '../contract/load.js';
import type { ConformanceReport } from '../core/report-model.js';
import { SuiteError } from '../core/errors.js';
import type { ProfileFile } from '../profile/declared.js';
import type { LoadedProfile } from '../profile/load.js';
import type { Profile } from '../profile/model.js';
import { datasetToFile, type DatasetFile } from '../reference/dataset-file.js';
import { DEMO_IDENTITIES } from '../reference/identities.js';
import type { TranscriptLine } from '../transcript/line.js';
import { recordTranscript, type RemoteTarget } from '../transcript/record.js';
import { deriveDataset } from './derive-dataset.js';
import { collectFromProfile, collectFromTranscript } from './personal-data.js';
import { pseudonymiseLine } from './pseudonymise.js';
import { Pseudonyms } from './pseudonyms.js';

export interface RecordClusterOptions {
  readonly spec: LoadedSpec;
  readonly remote: RemoteTarget & { readonly destination: { readonly kind: 'http'; readonly baseUrl: string } };
  readonly profile: LoadedProfile | ProfileFile;
  readonly seed: number;
  readonly fuzzRuns: number;
  readonly catalog: Catalog;
  /** Keeps pseudonyms the same across recordings; a random key for this recording when absent. */
  readonly pseudonymKey?: string;
  /** ISO date-time of the recording. */
  readonly now: string;
}

export interface ClusterRecording {
  /** Pseudonymised, as written. */
  readonly lines: readonly TranscriptLine[];
  readonly profile: Profile;
  readonly dataset: DatasetFile;
  /** The recording run's own report: it holds the cluster's real values and is never written. */
  readonly report: ConformanceReport;
  readonly personalValues: number;
  /** Events some answer showed whose owner no lookup of the profile explains: left out of the dataset. */
  readonly unownedEvents: number;
}

export async function recordCluster(options: RecordClusterOptions): Promise<ClusterRecording> {
  const { spec } = options;
  const recording = await recordTranscript({
    spec,
    source: { remote: options.remote },
    profile: options.profile,
    seed: options.seed,
    fuzzRuns: options.fuzzRuns,
    catalog: options.catalog,
  });
  const profile = recording.profile;
  if (profile === undefined) throw new SuiteError('CT_NOTHING_RECORDED', 'no check ran against the target: nothing was recorded');
  const { dataset, unowned } = deriveDataset(spec, profile, recording.lines);
  const pseudonyms = new Pseudonyms(options.pseudonymKey);
  collectFromProfile(profile, pseudonyms);
  collectFromTranscript(recording.lines, pseudonyms);

  const file = datasetToFile(
    spec,
    dataset,
    DEMO_IDENTITIES.map((i) => (i.role === 'primary' ? { ...i, orgSettings: { ...(profile.orgSettings ?? {}) } } : i)),
  );
  const { generatedFrom: _generated, ...rest } = file;
  const datasetFile: DatasetFile = {
    ...rest,
    recordedFrom: { baseUrl: options.remote.destination.baseUrl, recordedAt: options.now },
    customers: pseudonyms.replaceInJson(file.customers),
    groups: pseudonyms.replaceInJson(file.groups),
    events: pseudonyms.replaceInJson(file.events),
  };
  const { canonicalDataset: _canonical, ...described } = profile;
  return {
    lines: recording.lines.map((line) => pseudonymiseLine(line, pseudonyms)),
    profile: {
      ...pseudonyms.replaceInJson(described),
      name: 'profile.json',
      description: `Recorded from ${options.remote.destination.baseUrl} on ${options.now}; personal values pseudonymised`,
    },
    dataset: datasetFile,
    report: recording.report,
    personalValues: pseudonyms.size,
    unownedEvents: unowned,
  };
}
