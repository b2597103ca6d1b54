/**
 * Typed views of the spec's `x-ledger-*` behaviour knobs and `x-conformance` catalog.
 * `openapi/extensions.schema.json` guarantees these shapes before anything reads them.
 */
import type { Basis, Level } from '../core/report-model.js';

/** One piece of what a requirement rests on: a quote, or a published sample and a JSON pointer into it. */
export interface RequirementEvidence {
  readonly source: string;
  /** The shipped evidence file that holds `quote` verbatim. */
  readonly file?: string;
  readonly quote?: string;
  readonly sample?: string;
  readonly pointer?: string;
  /** What the evidence does not cover. */
  readonly note?: string;
}

export interface Requirement {
  readonly id: string;
  readonly level: Level;
  readonly suite: string;
  /** What stands behind the requirement (see openapi/ERRATA.md, part 3). */
  readonly basis: Basis;
  /** Seed sections, source ids of endpoint-facts §0 and decision ids of openapi/ERRATA.md. */
  readonly sources: readonly string[];
  readonly title: string;
  readonly governs: readonly string[];
  /** What the requirement rests on, in words (a verbatim quote, or a published sample and a pointer into it). */
  readonly evidence?: readonly RequirementEvidence[];
  /** Set when the requirement judges only targets that opt in through their profile. */
  readonly optIn?: string;
  /** Position in the catalog; reports list requirements in this order. */
  readonly index: number;
}

/** An error answer of a knob: the HTTP status and the code in `errors[0].code`. */
export interface ErrorAnswer {
  readonly status: number;
  readonly code: number;
  /** What the reference says; messages are never judged. */
  readonly message: string;
}

export interface Reveal {
  /** JSON pointer into one event; `*` = every item of an array. */
  readonly path: string;
  readonly eventNames: readonly string[];
  /** Other flags that must be true as well for the path to appear. */
  readonly requires?: readonly string[];
  /** Shown only where the data has something to show: never required, only forbidden while the flag is off. */
  readonly optional?: boolean;
}

export interface FlagKnob {
  readonly requirement: string;
  /** What `false` or absent shows of the revealed paths (`absent` when the spec says nothing). */
  readonly whenOff: 'absent' | 'absent-or-empty';
  readonly reveals: readonly Reveal[];
}

export interface PaginationKnob {
  readonly offsetMeaning: 'page-number' | 'item-offset';
  readonly pastTheEnd: 'empty-page' | ErrorAnswer;
  // The schema allows only ascending; descending exists for the fault that implements the wrong order.
  readonly order: { readonly by: 'eventLogId'; readonly direction: 'ascending' | 'descending' };
  readonly duplicates: 'collapse' | 'repeat';
}

export interface AlternateCurrenciesKnob {
  readonly includeParameter: string;
  readonly namesParameter: string;
  readonly includeOverridesNames: boolean;
  readonly nameField: string;
  readonly unknownName: 'warning' | ErrorAnswer;
  readonly blocks: readonly Reveal[];
}

export interface IdentifiersKnob {
  readonly byType: Readonly<Record<string, readonly string[]>>;
  readonly caseInsensitiveValues: readonly string[];
  readonly valuePatterns: Readonly<Record<string, string>>;
  readonly anySource: string;
  readonly accountIdIgnoredFor: readonly string[];
}

export interface UserGroupsKnob {
  readonly groupType: string;
  readonly primaryUserParameter: string;
}

export interface TimestampsKnob {
  readonly isoTwinSuffix: string;
  readonly storedOffsetTwins: readonly string[];
  /** How a twin may relate to its legacy value; the org-timezone reading counts only when the org's timezone is known. */
  readonly twinRelations: readonly ('same-wall-clock' | 'same-instant-in-org-timezone')[];
}

export interface ParsingKnob {
  /** `literal`: only true and false; `spring`: Spring's conversion (true/on/yes/1, false/off/no/0, any case). */
  readonly booleans: 'literal' | 'spring' | 'lenient';
  /** `invalid`: an optional parameter sent empty is a value that breaks its schema; `absent`: it is left out. */
  readonly emptyValues: 'invalid' | 'absent';
  /** `unjudged`: a value that a trim of surrounding whitespace (of it, or of each list item) makes valid is never sent as invalid. */
  readonly surroundingWhitespace: 'unjudged' | 'significant';
}

/** One alternative of a dialect knob, with what stands behind it. */
export interface DialectAlternative {
  readonly value: unknown;
  readonly basis: Basis;
  readonly sources: readonly string[];
  readonly description: string;
}

/** A knob where public evidence admits more than one behaviour (`x-ledger-dialects`). */
export interface DialectKnob {
  readonly knob: string;
  /** The knob's JSON pointer in the spec. */
  readonly pointer: string;
  readonly requirements: readonly string[];
  /** How `discover` tells the alternatives apart. */
  readonly probe: string;
  readonly alternatives: readonly DialectAlternative[];
  /** The alternative the effective spec holds. */
  readonly current: DialectAlternative;
}

export interface AuthKnob {
  readonly basicPasswordDigest: 'md5';
  readonly unauthenticated: { readonly status: number };
  readonly forbidden: { readonly status: number; readonly code: number; readonly message: string };
}

/** Trigger kinds decided from the request alone (see `src/contract/rules.ts`). */
export type SyntaxTrigger =
  | { readonly kind: 'missing'; readonly parameters: readonly string[] }
  | { readonly kind: 'invalid'; readonly parameters: readonly string[]; readonly keywords?: readonly string[] }
  | { readonly kind: 'repeated' }
  | { readonly kind: 'identifier-not-for-type' }
  | { readonly kind: 'identifier-value-format' }
  | { readonly kind: 'both-selectors' }
  | { readonly kind: 'no-selector' };

/** Trigger kinds that need the target's data: the reference decides them from its dataset. */
export type LookupTrigger =
  | { readonly kind: 'customer-not-found' }
  | { readonly kind: 'group-not-found' }
  | { readonly kind: 'org-setting-disabled'; readonly parameter: string; readonly setting: string }
  | { readonly kind: 'event-id-not-found' }
  | { readonly kind: 'event-without-detail' }
  | { readonly kind: 'event-reference-not-found' };

export type Trigger = SyntaxTrigger | LookupTrigger;

export const SYNTAX_TRIGGER_KINDS: ReadonlySet<string> = new Set([
  'missing',
  'invalid',
  'repeated',
  'identifier-not-for-type',
  'identifier-value-format',
  'both-selectors',
  'no-selector',
]);

/** The order in which a target needs to know things: rules must not go back a phase. */
export const TRIGGER_PHASE: Readonly<Record<Trigger['kind'], number>> = {
  missing: 0,
  repeated: 0,
  invalid: 0,
  'identifier-not-for-type': 0,
  'identifier-value-format': 0,
  'both-selectors': 0,
  'no-selector': 0,
  // The caller's org is known from the credentials alone, before any customer is looked up.
  'org-setting-disabled': 1,
  'customer-not-found': 2,
  'group-not-found': 2,
  'event-id-not-found': 3,
  'event-without-detail': 3,
  'event-reference-not-found': 3,
};

export interface ErrorRule {
  readonly code: number;
  readonly status: number;
  /** Template; `{parameter}`, `{value}`, `{type}`, `{ids}`, `{maximum}` are filled in. */
  readonly message: string;
  readonly requirement: string;
  /** What stands behind the code answering the trigger. */
  readonly basis: Basis;
  readonly sources: readonly string[];
  readonly trigger: Trigger;
  /**
   * Every code public sources show answering the trigger (`code` among them): the checks accept
   * any of them, the reference sends `code`. Only `code` when the spec lists no others.
   */
  readonly acceptedCodes?: readonly number[];
  /** Position in x-ledger-errors: earlier rules win. */
  readonly index: number;
  readonly pointer: string;
}

export interface WarningRule {
  readonly code: number;
  readonly acceptedCodes: readonly number[];
  readonly message: string;
  readonly requirement: string;
  readonly trigger: { readonly kind: 'unknown-alternate-currency-name' | 'no-alternate-currencies' };
  readonly pointer: string;
}

export interface Knobs {
  readonly pagination: PaginationKnob;
  readonly eventsWithoutDetail: readonly string[];
  /** Names of ledger events without detail that samples show refused by name (11014). */
  readonly eventsRefusedByName: readonly string[];
  readonly flags: Readonly<Record<string, FlagKnob>>;
  readonly alternateCurrencies: AlternateCurrenciesKnob;
  readonly identifiers: IdentifiersKnob;
  readonly userGroups: UserGroupsKnob;
  readonly timestamps: TimestampsKnob;
  readonly parsing: ParsingKnob;
  readonly limits: { readonly requestLineBytes: number };
  readonly auth: AuthKnob;
  readonly errors: readonly ErrorRule[];
  readonly warnings: readonly WarningRule[];
  readonly dialects: readonly DialectKnob[];
}
