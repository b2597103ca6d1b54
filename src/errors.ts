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

/** A configuration file (waivers, …) breaks its published schema (exit code 2). */
export class FileInvalidError extends SuiteError {
  constructor(
    readonly file: string,
    readonly pointer: string,
    readonly rule: string,
    code = 'CT_CONFIG_INVALID',
  ) {
    super(code, `${file}: ${pointer || '/'}: ${rule}`);
  }
}

/** A profile file breaks the published profile schema, or names what the spec lacks (exit code 2). */
export class ProfileInvalidError extends FileInvalidError {
  constructor(file: string, pointer: string, rule: string) {
    super(file, pointer, rule, 'CT_PROFILE_INVALID');
  }
}

/** Codes of errors that mean "bad usage, configuration or profile": exit code 2. */
export const USAGE_ERROR_CODES: ReadonlySet<string> = new Set(['CT_SPEC_INVALID', 'CT_USAGE', 'CT_PROFILE_INVALID', 'CT_CONFIG_INVALID']);
