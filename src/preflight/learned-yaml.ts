/**
 * The learned profile as YAML for review (`profile init`): the full profile, with a comment on
 * each value the preflight learned or made, naming the request that taught it. Handles are
 * written one per line (flow style), so that a reviewer reads a customer at a glance.
 */
import { Document, isCollection, isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Profile } from '../profile/model.js';
import type { LearnedValue } from '../core/report-model.js';

export interface LearnedYamlOptions {
  /** What `$schema` points at: a path relative to the output file, or a URL. */
  readonly schema: string;
  /** First comment lines: where and when the profile was learned. */
  readonly header: readonly string[];
}

const tokensOf = (pointer: string): (string | number)[] =>
  pointer
    .split('/')
    .slice(1)
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((t) => (/^\d+$/.test(t) ? Number(t) : t));

export function learnedProfileYaml(profile: Profile, learned: readonly LearnedValue[], options: LearnedYamlOptions): string {
  const doc = new Document({ $schema: options.schema, ...profile });
  doc.commentBefore = [` yaml-language-server: $schema=${options.schema}`, ...options.header.map((line) => ` ${line}`)].join(
    '\n',
  );
  flowHandles(doc.contents as Node);
  // `+05:30` is a number (base 60) to YAML 1.1 readers: quoted, it stays the offset it is.
  const zone = doc.get('orgTimezone', true);
  if (isScalar(zone)) zone.type = 'QUOTE_DOUBLE';
  for (const value of learned) {
    const node = doc.getIn(tokensOf(value.pointer), true) as Node | undefined;
    if (node === undefined) continue;
    const text = ` learned: ${value.request}`;
    if (isScalar(node) || (isCollection(node) && node.flow)) node.comment = text;
    else node.commentBefore = text;
  }
  return doc.toString({ lineWidth: 0 });
}

/** Lookups and events in flow style (`{ identifierName: mobile, … }`), everything else in blocks. */
function flowHandles(node: Node | null | undefined): void {
  if (isMap(node)) {
    const keys = node.items.map((pair) => String((pair.key as { value?: unknown })?.value ?? pair.key));
    if (keys.includes('identifierName') || keys.includes('eventLogId')) node.flow = true;
    for (const pair of node.items) flowHandles(pair.value as Node);
  } else if (isSeq(node)) {
    if (node.items.every((item) => isScalar(item))) node.flow = true;
    for (const item of node.items) flowHandles(item as Node);
  }
}
