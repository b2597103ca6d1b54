/**
 * Failures grouped by cause. Every failure of a requirement is counted in the group of its
 * signature (check, answer status, error and warning codes, the pointer or observer key where it
 * lies), so that "54 content-type failures, 2 causes" shows at a glance; each group keeps its
 * earliest failure as evidence and the first few requests that showed it. Both bounds are
 * counted past, never silently dropped.
 */
import type { FailureEvidence, FailureSignature } from '../core/report-model.js';
import type { Answer } from '../check/check.js';

/** Groups kept per requirement; failures of further causes are counted in `ungrouped`. */
export const KEPT_GROUPS = 20;
/** Request URLs kept per group (the count says how many there were). */
export const KEPT_GROUP_REQUESTS = 10;

export interface GroupState {
  readonly signature: FailureSignature;
  count: number;
  /** The earliest failures' order keys and URLs, earliest first. */
  readonly requests: { readonly order: string; readonly url: string }[];
  firstOrder: string;
  failure: FailureEvidence;
}

export interface Groups {
  readonly byKey: Map<string, GroupState>;
  ungrouped: number;
}

export const emptyGroups = (): Groups => ({ byKey: new Map(), ungrouped: 0 });

function codesOf(json: unknown): number[] {
  if (json === null || typeof json !== 'object') return [];
  const codes = (list: unknown): number[] =>
    Array.isArray(list)
      ? list.flatMap((item) =>
          item !== null && typeof item === 'object' && typeof (item as { code?: unknown }).code === 'number'
            ? [(item as { code: number }).code]
            : [],
        )
      : [];
  const body = json as { errors?: unknown; warnings?: unknown };
  return [...new Set([...codes(body.errors), ...codes(body.warnings)])];
}

/**
 * The signature of one failure: which cause it is. A check's failure carries the error and
 * warning codes of its answer (what an error check judges); an observer's carries only the codes
 * it names as the problem (`where.codes`), since it judges every answer of the run and the codes
 * of those answers would split one cause (a content type) into as many groups as there are codes.
 */
export function signatureOf(
  requirement: string,
  check: string,
  answer: Answer | undefined,
  where: { readonly pointer?: string; readonly key?: string; readonly codes?: readonly number[] },
): FailureSignature {
  let codes: number[] = [...(where.codes ?? [])];
  try {
    if (where.codes === undefined && answer) codes = codesOf(answer.json);
  } catch {
    codes = [];
  }
  return {
    requirement,
    check,
    ...(answer ? { status: answer.status } : {}),
    ...(codes.length > 0 ? { codes } : {}),
    ...(where.pointer !== undefined ? { pointer: where.pointer } : {}),
    ...(where.key !== undefined ? { key: where.key } : {}),
  };
}

/**
 * Counts a failure in its group. `evidence` is called only when the failure becomes its group's
 * earliest, so that a cause seen thousands of times is turned into evidence a few times at most.
 */
export function groupFailure(
  groups: Groups,
  signature: FailureSignature,
  at: { readonly order: string; readonly url?: string },
  evidence: () => FailureEvidence,
): void {
  const key = JSON.stringify(signature);
  let group = groups.byKey.get(key);
  if (!group) {
    if (groups.byKey.size >= KEPT_GROUPS) {
      groups.ungrouped += 1;
      return;
    }
    group = { signature, count: 0, requests: [], firstOrder: at.order, failure: evidence() };
    groups.byKey.set(key, group);
  } else if (at.order < group.firstOrder) {
    group.firstOrder = at.order;
    group.failure = evidence();
  }
  group.count += 1;
  if (at.url !== undefined) {
    const requests = group.requests;
    const index = requests.findIndex((r) => at.order < r.order);
    if (index === -1) requests.push({ order: at.order, url: at.url });
    else requests.splice(index, 0, { order: at.order, url: at.url });
    if (requests.length > KEPT_GROUP_REQUESTS) requests.pop();
  }
}

/** The groups in the order of their earliest failure. */
export function groupsInOrder(groups: Groups): GroupState[] {
  return [...groups.byKey.values()].sort((a, b) => (a.firstOrder < b.firstOrder ? -1 : a.firstOrder > b.firstOrder ? 1 : 0));
}
