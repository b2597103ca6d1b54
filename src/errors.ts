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

/** A profile file breaks the published profile schema (exit code 2). */
export class ProfileInvalidError extends SuiteError {
  constructor(
    readonly file: string,
    readonly pointer: string,
    readonly rule: string,
  ) {
    super('CT_PROFILE_INVALID', `${file}: ${pointer || '/'}: ${rule}`);
  }
}
