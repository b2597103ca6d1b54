/**
 * A profile: what a target's data is known to contain. Checks take their handles from it
 * (which customer to ask for, by which identifiers, which of its events exist) and judge
 * relations between answers, so they can run against data they do not own. The published
 * shape is `schemas/profile.schema.json`.
 */

/** One way to look a customer or group up. */
export interface IdentifierHandle {
  readonly identifierName: string;
  readonly identifierValue: string;
  readonly source: string;
  readonly accountId?: string;
}

/** An event of a ledger. Ids are strings: real ids can exceed 2^53. */
export interface EventHandle {
  readonly eventLogId: string;
  readonly eventName: string;
  readonly eventReferenceId?: string;
}

export interface ProfileCustomer {
  readonly key: string;
  /** Every way to find this customer; the first is the one checks use by default. */
  readonly lookups: readonly IdentifierHandle[];
  /** Lookups of this customer's identifiers in sources or accounts it is not registered in. */
  readonly notFoundLookups: readonly IdentifierHandle[];
  /** Events of the customer's ledger that have explode detail. */
  readonly events: readonly EventHandle[];
  /** Events of the customer's ledger of types without explode detail. */
  readonly eventIdsWithoutDetail: readonly string[];
  /** Alternate currencies the customer earns; empty when it earns none, absent when not known. */
  readonly alternateCurrencies?: readonly string[];
}

export interface ProfileGroup {
  readonly key: string;
  /** Ways to find the group with `type` set to the group type. */
  readonly lookups: readonly IdentifierHandle[];
  /** Key of the customer who is the group's primary member; absent when not known. */
  readonly primaryMember?: string;
  readonly events: readonly EventHandle[];
}

export interface Profile {
  readonly name: string;
  readonly description?: string;
  /**
   * Set when the target serves the canonical reference dataset of this tool (same seed and
   * size): the golden suite then compares every answer with the reference's.
   */
  readonly canonicalDataset?: { readonly seed: number; readonly size: number };
  /**
   * Settings of the main identity's org that error rules depend on (`org-setting-disabled`
   * triggers), by name; a setting not listed is not known, and taken to be on.
   */
  readonly orgSettings?: Readonly<Record<string, boolean>>;
  /**
   * The org's timezone (an IANA name or a UTC offset such as `+05:30`), in which a cluster may
   * write legacy timestamps while their ISO twins carry the server's: declared, or learned by
   * the preflight. Absent when not known.
   */
  readonly orgTimezone?: string;
  /** Alternate currencies the org defines. */
  readonly alternateCurrencyNames: readonly string[];
  readonly customers: readonly ProfileCustomer[];
  readonly groups: readonly ProfileGroup[];
  /** Values known to match nothing on the target. */
  readonly absent: {
    readonly customers: readonly IdentifierHandle[];
    readonly groups: readonly IdentifierHandle[];
    readonly eventIds: readonly string[];
    readonly eventReferenceIds: readonly string[];
    readonly alternateCurrencyNames: readonly string[];
  };
}
