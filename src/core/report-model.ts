/**
 * The report model: the one structure a run produces and every renderer reads.
 *
 * Its shape has one source, `schemas/conformance-report.schema.json` (what users of
 * `conformance.json` read); `npm run generate:types` turns it into `generated/conformance-report.ts`
 * and a test fails when that file is stale. This module is the import point: it re-exports the
 * generated types read-only (a report is assembled once and never changed), plus the lists code
 * iterates. The meaning of each field is documented in the schema and carried into the types.
 */
import type * as Shape from './generated/conformance-report.js';
import { BASIS_VALUES, LEVEL_VALUES, OUTCOME_VALUES } from './generated/conformance-report.js';

/** `T` with every property and array read-only, all the way down. */
type ReadonlyDeep<T> = T extends readonly (infer Item)[]
  ? readonly ReadonlyDeep<Item>[]
  : T extends object
    ? { readonly [K in keyof T]: ReadonlyDeep<T[K]> }
    : T;

export type Level = Shape.Level;
/**
 * - pass: every check of the requirement passed
 * - fail: the target broke the requirement
 * - skip: not applicable here (the reason says why); never a silent pass
 * - error: the suite or the transport broke; counts neither as pass nor as non-conformance
 * - waived: failed, but a current waiver covers it
 */
export type Outcome = Shape.Outcome;
export type Verdict = Shape.Verdict;
/**
 * What stands behind a requirement:
 * - documented: Capillary's documentation states it;
 * - observed: a published sample shows it, though no text states it;
 * - decided: public sources are silent or disagree, and the project decided (openapi/ERRATA.md).
 */
export type Basis = Shape.Basis;

export type ConformanceReport = ReadonlyDeep<Shape.ConformanceReport>;
export type PreflightSummary = ReadonlyDeep<Shape.PreflightSummary>;
export type LearnedValue = ReadonlyDeep<Shape.LearnedValue>;
export type Shard = ReadonlyDeep<Shape.Shard>;
export type RunAborted = ReadonlyDeep<Shape.RunAborted>;
export type BaselineEntry = ReadonlyDeep<Shape.BaselineEntry>;
export type BaselineComparison = ReadonlyDeep<Shape.BaselineComparison>;
export type RequirementResult = ReadonlyDeep<Shape.RequirementResult>;
export type SpecRefLabel = ReadonlyDeep<Shape.SpecRefLabel>;
export type CheckResult = ReadonlyDeep<Shape.CheckResult>;
export type OverlayRef = ReadonlyDeep<Shape.OverlayRef>;
export type Deviation = ReadonlyDeep<Shape.Deviation>;
export type Dialect = ReadonlyDeep<Shape.Dialect>;
export type Coverage = ReadonlyDeep<Shape.Coverage>;
export type NotProven = ReadonlyDeep<Shape.NotProven>;
export type FailureEvidence = ReadonlyDeep<Shape.FailureEvidence>;
export type ExchangeEvidence = ReadonlyDeep<Shape.ExchangeEvidence>;
export type Waiver = ReadonlyDeep<Shape.Waiver>;
export type WaiverReport = ReadonlyDeep<Shape.WaiverReport>;
export type FuzzSummary = ReadonlyDeep<Shape.FuzzSummary>;
export type SourceEvidence = ReadonlyDeep<Shape.SourceEvidence>;
export type FailureSignature = ReadonlyDeep<Shape.FailureSignature>;
export type FailureGroup = ReadonlyDeep<Shape.FailureGroup>;
export type Dispute = ReadonlyDeep<Shape.Dispute>;
export type LocalDecision = ReadonlyDeep<Shape.LocalDecision>;

/** In the schema's order, which is the order reports list them in. */
export const LEVELS: readonly Level[] = LEVEL_VALUES;
export const OUTCOMES: readonly Outcome[] = OUTCOME_VALUES;
export const BASES: readonly Basis[] = BASIS_VALUES;
