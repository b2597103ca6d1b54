/**
 * What the way a check ended means: it returned (pass, or fail when it soft-failed), it threw
 * `CheckFailure` (fail), `CheckSkip` (skip), `TransportFailure` (error: no response to judge),
 * or anything else (error: the check broke). Four outcomes, never mixed up.
 */
import type { CheckResult } from '../core/report-model.js';
import { CheckFailure, CheckSkip, TransportFailure, type FailureDetail, type SkipDetail } from '../check/check.js';

export interface SoftFailure {
  readonly title: string;
  readonly detail: FailureDetail;
}

export interface CheckOutcome {
  readonly status: CheckResult['status'];
  readonly reason?: string;
  readonly unlock: SkipDetail;
}

/** The outcome of a check that returned (`thrown` absent) or threw; a thrown failure joins `softFailures`. */
export function outcomeOf(softFailures: SoftFailure[], thrown?: { readonly error: unknown }): CheckOutcome {
  const failedSoftly = softFailures.length > 0;
  if (thrown === undefined) return { status: failedSoftly ? 'fail' : 'pass', unlock: {} };
  const { error } = thrown;
  if (error instanceof CheckFailure) {
    softFailures.push({ title: error.title, detail: error.detail });
    return { status: 'fail', unlock: {} };
  }
  if (error instanceof CheckSkip) return { status: failedSoftly ? 'fail' : 'skip', reason: error.reason, unlock: error.detail };
  if (error instanceof TransportFailure)
    return { status: failedSoftly ? 'fail' : 'error', reason: `no response to a request: ${error.message}`, unlock: {} };
  return { status: 'error', reason: `the check broke: ${(error as Error)?.stack ?? String(error)}`, unlock: {} };
}

/** The fields of a skip detail that are set (a report never carries undefined keys). */
export function unlockOf(detail: SkipDetail): SkipDetail {
  return {
    ...(detail.profileField !== undefined ? { profileField: detail.profileField } : {}),
    ...(detail.environment !== undefined ? { environment: detail.environment } : {}),
  };
}
