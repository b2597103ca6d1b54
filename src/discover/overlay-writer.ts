/**
 * The overlay `discover` writes: an OpenAPI Overlay 1.0 document with one action per knob whose
 * observed alternative is not the spec's, each preceded by a comment naming the knob, the
 * canonical and observed values and the request that showed it. Knobs that matched no
 * alternative get a comment and no action: a run judges them against the spec as it is.
 */
import { Document, type YAMLMap } from 'yaml';
import { unescapeToken } from '../core/pointer.js';
import { deviationsOf, type Discovery, type KnobFinding } from './discover.js';

export interface OverlayText {
  readonly text: string;
  readonly actions: number;
}

/** The RFC 9535 query that selects the knob's parent, and the key of the knob in it. */
export function targetOf(pointer: string): { target: string; key: string | number } {
  const tokens = pointer.replace(/^#\//, '').split('/').map(unescapeToken);
  const key = tokens.pop()!;
  const path = tokens
    .map((t) => (/^(0|[1-9][0-9]*)$/.test(t) ? `[${t}]` : `['${t.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`))
    .join('');
  return { target: `$${path}`, key: /^(0|[1-9][0-9]*)$/.test(key) ? Number(key) : key };
}

export function writeDialectOverlay(discovery: Discovery, today: string): OverlayText {
  const pinned = deviationsOf(discovery);
  const doc = new Document({
    overlay: '1.0.0',
    info: { title: `Dialect of ${discovery.baseUrl}`, version: today },
    actions: pinned.map(actionOf),
  });
  const unmatched = discovery.findings.filter((f) => f.observation.kind === 'unmatched');
  const skipped = discovery.findings.filter((f) => f.observation.kind === 'skipped');
  doc.commentBefore = [
    ` Written by ledger-conformance discover on ${today} against ${discovery.baseUrl} (${discovery.requests} requests).`,
    ' Review every action before committing: each pins an alternative that public sources show',
    ' (x-ledger-dialects of the spec), with the request that showed it. Apply it with',
    ' ledger-conformance run --overlay <this file>, after any overlay you gave discover.',
    ` ${pinned.length} deviation(s) from the spec; ${discovery.findings.length - pinned.length - unmatched.length - skipped.length} knob(s) as the spec says.`,
    ...unmatched.flatMap((f) => [
      ` Matched no evidenced alternative, so nothing is pinned and the run judges it against the spec: ${f.knob.knob}`,
      `   ${noteOf(f)}`,
      ...f.curl.map((c) => `   ${c}`),
    ]),
    ...skipped.map((f) => ` Not probed: ${f.knob.knob} (${f.observation.kind === 'skipped' ? f.observation.reason : ''})`),
  ].join('\n');
  const actions = doc.get('actions') as { items: YAMLMap[] } | undefined;
  pinned.forEach((finding, i) => {
    const node = actions?.items[i];
    if (node) node.commentBefore = commentOf(finding);
  });
  return { text: doc.toString({ lineWidth: 0 }), actions: pinned.length };
}

function actionOf(finding: KnobFinding): { target: string; description: string; update: Record<string, unknown> } {
  const { target, key } = targetOf(finding.knob.pointer);
  const value = finding.observation.kind === 'matched' ? finding.observation.alternative.value : undefined;
  return {
    target,
    description: `${finding.knob.knob}: ${JSON.stringify(finding.knob.current.value)} → ${JSON.stringify(value)}`,
    update: { [String(key)]: value },
  };
}

function commentOf(finding: KnobFinding): string {
  const observation = finding.observation;
  if (observation.kind !== 'matched') return '';
  return [
    ` ${finding.knob.knob}: canonical ${JSON.stringify(finding.knob.current.value)}, observed ${JSON.stringify(observation.alternative.value)}`,
    ` (${observation.alternative.basis}: ${observation.alternative.sources.join(', ')}; ${observation.alternative.description})`,
    ` ${observation.note}`,
    ...finding.curl.map((c) => ` ${c}`),
  ].join('\n');
}

const noteOf = (finding: KnobFinding): string =>
  finding.observation.kind === 'skipped' ? finding.observation.reason : finding.observation.note;
