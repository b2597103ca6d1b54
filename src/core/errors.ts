/**
 * The suite's own errors. A target's non-conformance is never one of these: it is a check
 * failure. These say that the suite could not do its job (bad spec, bad usage, bad profile),
 * each with a stable code that scripts can match on.
 */
export class SuiteError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The spec file breaks a rule; `pointer` is the JSON pointer of the offending part. */
export class SpecInvalidError extends SuiteError {
  constructor(
    readonly pointer: string,
    readonly rule: string,
    readonly file: string,
  ) {
    super('CT_SPEC_INVALID', `${file}: ${pointer}: ${rule}`);
  }
}

/** A command-line option or configuration value breaks a rule (exit code 2). */
export class UsageError extends SuiteError {
  constructor(
    readonly option: string,
    readonly rule: string,
  ) {
    super('CT_USAGE', `${option}: ${rule}`);
  }
}

/** One rule a file breaks, at a JSON pointer. */
export interface FileProblem {
  readonly pointer: string;
  readonly rule: string;
}

/**
 * A configuration file (waivers, …) breaks its published schema (exit code 2). Every problem
 * found is reported at once, one line each, so that a file is fixed in one pass.
 */
export class FileInvalidError extends SuiteError {
  readonly problems: readonly FileProblem[];
  constructor(
    readonly file: string,
    problems: FileProblem | readonly FileProblem[],
    code = 'CT_CONFIG_INVALID',
  ) {
    const list = Array.isArray(problems) ? (problems as readonly FileProblem[]) : [problems as FileProblem];
    const line = (p: FileProblem): string => `${file}: ${p.pointer || '/'}: ${p.rule}`;
    super(
      code,
      list.length === 1 ? line(list[0]!) : `${file}: ${list.length} problems\n${list.map((p) => `  ${line(p)}`).join('\n')}`,
    );
    this.problems = list;
  }

  /** The first problem's pointer (most files have one). */
  get pointer(): string {
    return this.problems[0]?.pointer ?? '';
  }

  get rule(): string {
    return this.problems[0]?.rule ?? '';
  }
}

/** A profile file breaks the published profile schema, or names what the spec lacks (exit code 2). */
export class ProfileInvalidError extends FileInvalidError {
  constructor(file: string, problems: FileProblem | readonly FileProblem[]) {
    super(file, problems, 'CT_PROFILE_INVALID');
  }
}

/** The target does not answer at all (DNS, connection, TLS, timeout): the run cannot start (exit code 3). */
export class TargetUnreachableError extends SuiteError {
  constructor(
    readonly baseUrl: string,
    readonly reason: string,
  ) {
    super('CT_UNREACHABLE', `the target does not answer: ${baseUrl}: ${reason}`);
  }
}

/** The target refuses the main credentials (401 or 403): a configuration error (exit code 2). */
export class CredentialsRejectedError extends SuiteError {
  constructor(
    readonly status: number,
    /** Where the credentials came from, e.g. the environment variables that hold them. */
    readonly source: string,
    detail: string,
  ) {
    super('CT_CREDENTIALS_REJECTED', `credentials rejected by the target (${detail}): check ${source}`);
  }
}

/** One profile handle the target contradicts. */
export interface HandleMismatch {
  /** JSON pointer into the profile and the handle in words. */
  readonly handle: string;
  readonly expected: string;
  readonly answered: string;
}

/**
 * The profile says what the target's answers contradict (a lookup that finds no one, an event
 * of another ledger or another name): the profile is wrong or stale, not the target
 * non-conformant (exit code 2). Every mismatch is listed, as a table.
 */
export class ProfileMismatchError extends SuiteError {
  readonly mismatches: readonly HandleMismatch[];
  constructor(
    readonly file: string,
    mismatches: readonly HandleMismatch[],
    /** Said first when it explains the whole table (e.g. no handle holds at all). */
    hint?: string,
  ) {
    const rows = [...mismatches].sort((a, b) => a.handle.localeCompare(b.handle, 'en', { numeric: true }));
    const count = `${rows.length} handle${rows.length === 1 ? '' : 's'}`;
    super(
      'CT_PROFILE_MISMATCH',
      `${file}: the target contradicts ${count} of the profile${hint ? `: ${hint}` : ''}\n${mismatchTable(rows)}\nFix the profile (or leave the value out for the preflight to learn), then run again.`,
    );
    this.mismatches = rows;
  }
}

/** Rows shown; a profile of the wrong target contradicts everything, and the first rows say so. */
const SHOWN_MISMATCHES = 20;

function mismatchTable(rows: readonly HandleMismatch[]): string {
  const header: HandleMismatch = { handle: 'handle', expected: 'expected', answered: 'answered' };
  const all = [header, ...rows.slice(0, SHOWN_MISMATCHES)];
  const width = (key: keyof HandleMismatch): number => Math.min(60, Math.max(...all.map((r) => r[key].length)));
  const [h, e] = [width('handle'), width('expected')];
  const lines = all.map((r) => `  ${r.handle.padEnd(h)}  ${r.expected.padEnd(e)}  ${r.answered}`);
  if (rows.length > SHOWN_MISMATCHES) lines.push(`  … and ${rows.length - SHOWN_MISMATCHES} more`);
  return lines.join('\n');
}

/** Codes of errors that mean "bad usage, configuration or profile": exit code 2. */
export const USAGE_ERROR_CODES: ReadonlySet<string> = new Set([
  'CT_SPEC_INVALID',
  'CT_USAGE',
  'CT_PROFILE_INVALID',
  'CT_CONFIG_INVALID',
  'CT_CREDENTIALS_REJECTED',
  'CT_PROFILE_MISMATCH',
]);
