/**
 * `discover`: probes a target at every knob of `x-ledger-dialects` (a few requests each,
 * through the same queue, rate limit and redaction as a run) and reports, per knob, the
 * evidenced alternative the target shows, or that it shows none of them.
 */
import type { Answer } from '../check/check.js';
import { openTarget, type Target, type TargetOptions } from '../engine/target.js';
import { resolveProfile } from '../preflight/resolve.js';
import type { ProfileFile } from '../profile/declared.js';
import type { LoadedProfile } from '../profile/load.js';
import { curlFor } from '../http/curl.js';
import type { QueryPair } from '../core/query.js';
import type { Profile } from '../profile/model.js';
import type { DialectKnob } from '../contract/knobs.js';
import type { Observation } from './probe.js';
import { PROBES } from './probes/index.js';

export interface DiscoverOptions extends TargetOptions {
  /** A full profile, or a profile file as declared: the preflight completes it first. */
  readonly profile: Profile | LoadedProfile | ProfileFile;
  readonly seed?: number;
  readonly credentialSource?: string;
}

/** What discover found at one knob, with the requests that showed it (curl lines, credentials as placeholders). */
export interface KnobFinding {
  readonly knob: DialectKnob;
  readonly observation: Observation;
  readonly curl: readonly string[];
}

export interface Discovery {
  readonly baseUrl: string;
  readonly findings: readonly KnobFinding[];
  readonly requests: number;
  /** Requests that got no response: a target that cannot be reached cannot be described. */
  readonly transportErrors: number;
}

export async function discover(options: DiscoverOptions): Promise<Discovery> {
  const { spec } = options;
  const target = openTarget(options);
  let sent = 0;
  let failed = 0;
  const curlOf = new Map<Answer, string>();
  try {
    const profile = await fullProfile(options, target);
    const send = async (query: readonly QueryPair[]): Promise<Answer> => {
      sent += 1;
      const exchange = await target.transport.sendAs({ query, identity: 'primary' }, `discover#${sent}`);
      if (!exchange.response) {
        failed += 1;
        // An exchange without a response carries its transport error (src/http/types.ts: exactly one of the two).
        throw new Error(`no response: ${exchange.transportError!.code} ${exchange.transportError!.message}`);
      }
      const answer: Answer = {
        exchange,
        status: exchange.response.status,
        headers: exchange.response.headers,
        bodyText: exchange.response.bodyText,
        json: exchange.response.json,
      };
      curlOf.set(answer, target.redactor.redact(curlFor(exchange, { insecure: options.insecure === true })));
      return answer;
    };
    const ctx = { spec, profile, send };
    const byProbe = new Map<string, DialectKnob[]>();
    for (const knob of spec.knobs.dialects) byProbe.set(knob.probe, [...(byProbe.get(knob.probe) ?? []), knob]);
    const observed = new Map<string, Observation>();
    await Promise.all(
      [...byProbe].map(async ([name, knobs]) => {
        const probe = PROBES[name];
        const results = probe
          ? await probe(ctx, knobs).catch(
              (error: unknown) =>
                new Map(
                  knobs.map((k): [string, Observation] => [
                    k.pointer,
                    { kind: 'skipped', reason: `the probe could not finish: ${(error as Error).message}` },
                  ]),
                ),
            )
          : new Map(
              knobs.map((k): [string, Observation] => [
                k.pointer,
                { kind: 'skipped', reason: `no probe named ${name} (x-ledger-dialects names it)` },
              ]),
            );
        for (const [pointer, observation] of results) observed.set(pointer, observation);
      }),
    );
    const findings = spec.knobs.dialects.map((knob): KnobFinding => {
      const observation = observed.get(knob.pointer) ?? { kind: 'skipped', reason: 'not probed' };
      const curl =
        observation.kind === 'skipped' ? [] : observation.shownBy.map((a) => curlOf.get(a)!).filter((c) => c !== undefined);
      return { knob, observation, curl };
    });
    return { baseUrl: target.baseUrl, findings, requests: sent, transportErrors: failed };
  } finally {
    await target.transport.close();
  }
}

/** The profile the probes take their handles from: given in full, or completed by the preflight. */
async function fullProfile(options: DiscoverOptions, target: Target): Promise<Profile> {
  const given = options.profile;
  if ('profile' in given) return given.profile;
  if (!('declared' in given)) return given;
  const { loaded } = await resolveProfile({
    spec: options.spec,
    profile: given,
    // A declared profile is what QA knows (a lookup and a few event ids): the preflight learns
    // the rest, as it does for `run`, instead of refusing what `profile init` would complete.
    preflight: true,
    transport: target.transport,
    baseUrl: target.baseUrl,
    seed: options.seed ?? 1,
    ...(options.credentialSource !== undefined ? { credentialSource: options.credentialSource } : {}),
  });
  return loaded.profile;
}

/** The findings that pin a value other than the spec's: what the overlay must say. */
export function deviationsOf(discovery: Discovery): KnobFinding[] {
  return discovery.findings.filter(
    (f) =>
      f.observation.kind === 'matched' &&
      JSON.stringify(f.observation.alternative.value) !== JSON.stringify(f.knob.current.value),
  );
}
