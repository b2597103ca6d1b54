/**
 * The reference dataset: customers, user groups and their ledgers, generated from a seed.
 * The same seed and size give the same bytes on every machine. Every event is stored "full":
 * with every block any flag can reveal; the handler removes what a request did not ask for,
 * as the spec's knobs say.
 */
import type { LoadedSpec } from '../contract/load.js';
import { createRandom, type Random } from '../core/random.js';

export interface Registration {
  readonly source: string;
  /** Set for sources with several accounts. */
  readonly accountId?: string;
}

export interface Customer {
  readonly key: string;
  readonly userId: number;
  readonly firstName: string;
  readonly lastName: string;
  readonly mobile: string;
  /** Stored in lower case; looked up without regard to case. */
  readonly email: string;
  readonly externalId: string;
  readonly cuid: string;
  readonly registrations: readonly Registration[];
  /** Names of the alternate currencies the customer earns; empty for some customers. */
  readonly alternateCurrencies: readonly string[];
  /** Event log ids of the customer's ledger, ascending. */
  readonly ledger: readonly number[];
}

export interface UserGroup {
  readonly key: string;
  readonly groupId: number;
  readonly externalId: string;
  /** Key of the primary member (a customer); its userId is the group's primaryUserId. */
  readonly primaryMemberKey: string;
  readonly memberKeys: readonly string[];
  readonly alternateCurrencies: readonly string[];
  readonly ledger: readonly number[];
}

export interface StoredEvent {
  readonly eventLogId: number;
  readonly eventName: string;
  readonly owner: { readonly kind: 'customer' | 'group'; readonly key: string };
  /** False for ledger event types without explode detail. */
  readonly hasDetail: boolean;
  readonly eventReferenceId?: string;
  /** The event with every optional block; never handed out without a copy. */
  readonly full: Readonly<Record<string, unknown>>;
}

export interface AlternateCurrency {
  readonly name: string;
  readonly identifier: string;
}

export interface Dataset {
  readonly seed: number;
  readonly size: number;
  /** The server's UTC offset: the one every ISO twin carries. */
  readonly serverOffset: string;
  readonly orgId: number;
  /** The org's alternate currencies. */
  readonly alternateCurrencies: readonly AlternateCurrency[];
  readonly customers: readonly Customer[];
  readonly groups: readonly UserGroup[];
  readonly events: ReadonlyMap<number, StoredEvent>;
}

export interface DatasetOptions {
  readonly seed: number;
  /** Number of customers, at least 4. */
  readonly size: number;
}

/** The default size: enough customers for every scenario, small enough to start in milliseconds. */
export const DEFAULT_DATASET_SIZE = 16;

const SERVER_OFFSET = '+05:30';
const ORG_ID = 100737;
const PROGRAMS = [
  { programId: 973, programName: 'DocDemoDefaultProgram' },
  { programId: 983, programName: 'DocTransferPoints' },
] as const;
const ORG_CURRENCIES: readonly AlternateCurrency[] = [
  { name: 'NeuCoins', identifier: 'P7d8Br' },
  { name: 'StarMiles', identifier: 'Q2k9Lm' },
  { name: 'GreenLeaf', identifier: 'G7h8J9' },
  { name: 'acName', identifier: 'Z1x2C3' },
];
const ACCOUNTS: Readonly<Record<string, readonly string[]>> = {
  MARTJACK: ['mj-store-1', 'mj-store-2'],
  WECHAT: ['wx-official-1', 'wx-official-2'],
};
const FIRST_NAMES = [
  'Asha',
  'Ravi',
  'Meera',
  'John',
  'Jane',
  'Li',
  'Omar',
  'Sara',
  'Ken',
  'Priya',
  'Luis',
  'Nia',
  'Tom',
  'Ada',
  'Ivan',
  'Zoe',
];
const LAST_NAMES = ['Rao', 'Iyer', 'Doe', 'Chen', 'Haddad', 'Smith', 'Kato', 'Nair', 'Garcia', 'Okafor', 'Berg', 'Lopez'];
const TIERS = ['NONE', 'SILVER', 'GOLD', 'PLATINUM'];
const START_MS = Date.UTC(2024, 0, 1);
const END_MS = Date.UTC(2026, 9, 31);

/** A legacy timestamp and its ISO twin for one wall-clock instant. */
function stamp(wallClockMs: number, offset = SERVER_OFFSET, fraction = true): { legacy: string; iso: string } {
  const iso = new Date(wallClockMs).toISOString().slice(0, 19);
  return { legacy: iso.replace('T', ' ') + (fraction ? '.0' : ''), iso: iso + (offset === '+00:00' ? 'Z' : offset) };
}

const decimal3 = (n: number): string => n.toFixed(3);
const money = (random: Random, min: number, max: number): number => random.int(min * 2, max * 2) / 2;

export function generateDataset(spec: LoadedSpec, options: DatasetOptions): Dataset {
  const { seed, size } = options;
  if (!Number.isInteger(size) || size < 4) throw new RangeError('dataset size: at least 4 customers');
  const random = createRandom(seed);
  const eventNames = new Set(spec.eventNames);
  const withoutDetail = spec.knobs.eventsWithoutDetail;
  const maxLimit = spec.parameter('limit').schema['maximum'] as number;
  const groupType = spec.knobs.userGroups.groupType;
  const need = (name: string): string => {
    if (!eventNames.has(name)) throw new Error(`the spec no longer documents event ${name}; update the reference dataset`);
    return name;
  };

  // ---- customers ------------------------------------------------------------------------
  const usedUserIds = new Set<number>();
  const customers: (Omit<Customer, 'ledger'> & { ledger: number[] })[] = [];
  for (let i = 0; i < size; i++) {
    let userId: number;
    do userId = random.int(300_000_000, 699_999_999);
    while (usedUserIds.has(userId));
    usedUserIds.add(userId);
    const firstName = random.pick(FIRST_NAMES);
    const lastName = random.pick(LAST_NAMES);
    const registrations: Registration[] = [{ source: 'INSTORE' }];
    // The first two customers are always in a multi-account source, so source/account
    // scoping can be exercised whatever the seed.
    if (i < 2 || random.chance(0.4)) registrations.push({ source: 'MARTJACK', accountId: random.pick(ACCOUNTS['MARTJACK']!) });
    if (random.chance(0.25)) registrations.push({ source: 'WECHAT', accountId: random.pick(ACCOUNTS['WECHAT']!) });
    // Customer 0 (the long ledger) earns several currencies; customer 1 earns none.
    const currencies =
      i === 0 ? random.sample(ORG_CURRENCIES, 3) : i === 1 ? [] : random.sample(ORG_CURRENCIES, random.int(0, 2));
    customers.push({
      key: `c${String(i + 1).padStart(2, '0')}`,
      userId,
      firstName,
      lastName,
      mobile: `91${random.int(70000, 99999)}${random.int(10000, 99999)}`,
      email: `${firstName}.${lastName}${i + 1}@example.com`.toLowerCase(),
      externalId: `EXT-${random.token(6, 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789')}`,
      cuid: `cuid-${random.token(12, 'abcdefghijklmnopqrstuvwxyz0123456789')}`,
      registrations,
      alternateCurrencies: currencies.map((c) => c.name).sort(),
      ledger: [],
    });
  }

  // ---- user groups ----------------------------------------------------------------------
  const groupCount = Math.max(2, Math.floor(size / 6));
  const groups: (Omit<UserGroup, 'ledger'> & { ledger: number[] })[] = [];
  for (let g = 0; g < groupCount; g++) {
    // Three members each, counted back from the last customer and never c01 (the long ledger);
    // small datasets share members between groups.
    const members = [0, 1, 2].map((k) => customers[size - 1 - ((g * 3 + k) % (size - 1))]!.key);
    groups.push({
      key: `g${g + 1}`,
      groupId: random.int(3_000_000, 3_999_999),
      externalId: `GRP-${random.token(5, 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789')}`,
      primaryMemberKey: members[0]!,
      memberKeys: members,
      alternateCurrencies: g === 0 ? [ORG_CURRENCIES[0]!.name] : [],
      ledger: [],
    });
  }

  // ---- ledgers: which events each owner gets ----------------------------------------------
  type Planned = { owner: { kind: 'customer' | 'group'; key: string }; eventName: string };
  const planned: Planned[] = [];
  const customerTypes = [
    'TransactionAdd',
    'TransactionAdd',
    'TransactionAdd',
    'NewBill',
    'ReturnBill',
    'CustomerUpdate',
    'AllocateGoodwillPoints',
    'GenericEvent',
    'GenericEvent',
    'PointsRedemption',
    'PointsTransfer',
    'TargetCompleted',
    'ManualPointsAdjustment',
    'VoucherRedemption',
    'CustomerPromotionImport',
    'BillPointsPromotionImport',
    'LineItemsPointsPromotionImport',
  ].map(need);
  customers.forEach((c, i) => {
    planned.push({ owner: { kind: 'customer', key: c.key }, eventName: need('CustomerRegistration') });
    // c01 holds every type and enough events to page at every size up to the maximum limit.
    const count = i === 0 ? 3 * maxLimit + 7 : random.int(4, 12);
    for (let n = 0; n < count; n++) {
      const eventName = i === 0 && n < customerTypes.length ? customerTypes[n]! : random.pick(customerTypes);
      planned.push({ owner: { kind: 'customer', key: c.key }, eventName });
    }
    for (let n = 0; n < (i === 0 ? withoutDetail.length : random.int(1, 2)); n++) {
      planned.push({
        owner: { kind: 'customer', key: c.key },
        eventName: i === 0 ? withoutDetail[n]! : random.pick(withoutDetail),
      });
    }
  });
  const groupTypes = [
    'GroupTransactionAdd',
    'GroupTransactionAdd',
    'AllocateGoodwillPoints',
    'PointsTransfer',
    'ManualPointsAdjustment',
  ].map(need);
  for (const g of groups) {
    for (const eventName of [...groupTypes, ...random.sample(groupTypes, random.int(1, 3))])
      planned.push({ owner: { kind: 'group', key: g.key }, eventName });
    planned.push({ owner: { kind: 'group', key: g.key }, eventName: withoutDetail[0]! });
  }

  // Events happen in time order and get ascending log ids, as a ledger would number them.
  const times = planned.map(() => random.int(START_MS / 1000, END_MS / 1000) * 1000).sort((a, b) => a - b);
  const order = random.sample(planned, planned.length);
  const customerByKey = new Map(customers.map((c) => [c.key, c]));
  const groupByKey = new Map(groups.map((g) => [g.key, g]));
  const events = new Map<number, StoredEvent>();
  const usedReferences = new Set<string>();
  const uniqueReference = (make: () => string): string => {
    let ref: string;
    do ref = make();
    while (usedReferences.has(ref));
    usedReferences.add(ref);
    return ref;
  };
  // Registrations first in each ledger: move each owner's registration to its earliest slot.
  order.sort((a, b) => Number(b.eventName === 'CustomerRegistration') - Number(a.eventName === 'CustomerRegistration'));
  let eventLogId = random.int(600_000_000, 610_000_000);
  const builder = new EventBuilder(random, spec);
  order.forEach((plan, index) => {
    eventLogId += random.int(1, 9000);
    const when = times[index]!;
    const owner = plan.owner.kind === 'customer' ? customerByKey.get(plan.owner.key)! : groupByKey.get(plan.owner.key)!;
    const ownerUserId = plan.owner.kind === 'customer' ? (owner as Customer).userId : -(owner as UserGroup).groupId;
    const counterpart = customers[random.int(0, customers.length - 1)]!;
    const built = builder.build(plan.eventName, {
      eventLogId,
      when,
      ownerUserId,
      owner,
      counterpart,
      currencies: ORG_CURRENCIES.filter((c) => owner.alternateCurrencies.includes(c.name)),
      uniqueReference,
      groupType,
    });
    events.set(eventLogId, {
      eventLogId,
      eventName: plan.eventName,
      owner: plan.owner,
      hasDetail: !withoutDetail.includes(plan.eventName),
      ...(built.eventReferenceId !== undefined ? { eventReferenceId: built.eventReferenceId } : {}),
      full: built.event,
    });
    owner.ledger.push(eventLogId);
  });
  for (const owner of [...customers, ...groups]) owner.ledger.sort((a, b) => a - b);

  return {
    seed,
    size,
    serverOffset: SERVER_OFFSET,
    orgId: ORG_ID,
    alternateCurrencies: ORG_CURRENCIES,
    customers,
    groups,
    events,
  };
}

interface BuildContext {
  readonly eventLogId: number;
  readonly when: number;
  /** The owner's user id; a group's is its id negated (the ledger family's convention). */
  readonly ownerUserId: number;
  readonly owner: { readonly key: string };
  readonly counterpart: Customer;
  readonly currencies: readonly AlternateCurrency[];
  readonly uniqueReference: (make: () => string) => string;
  readonly groupType: string;
}

/** Builds full events of each type, shaped like the public samples. */
class EventBuilder {
  constructor(
    private readonly random: Random,
    private readonly spec: LoadedSpec,
  ) {}

  build(eventName: string, ctx: BuildContext): { event: Record<string, unknown>; eventReferenceId?: string } {
    const r = this.random;
    const time = stamp(ctx.when);
    const details = { eventTime: time.legacy, eventTimeISO: time.iso, tillId: r.int(50_000_000, 79_999_999) };
    const head = (
      extra: Record<string, unknown>,
      reference?: string,
    ): { event: Record<string, unknown>; eventReferenceId?: string } => {
      const { eventDetails, ...rest } = extra;
      const event: Record<string, unknown> = {
        eventLogId: ctx.eventLogId,
        eventName,
        eventDetails: eventDetails ?? details,
        ...rest,
      };
      if (reference !== undefined) event['eventReferenceId'] = reference;
      event['uniqueId'] = eventName === 'GenericEvent' ? reference : r.token(10);
      return reference === undefined ? { event } : { event, eventReferenceId: reference };
    };
    switch (eventName) {
      case 'TransactionAdd':
      case 'NewBill':
      case 'GroupTransactionAdd': {
        const reference = ctx.uniqueReference(() => String(r.int(100_000_000, 2_999_999_999)));
        return head(
          {
            eventDetails: { ...details, maxConversionDate: stamp(ctx.when + r.int(5, 60) * 86_400_000).legacy },
            billDetails: this.bill(ctx, false),
            customFields: [{ name: 'txn_source', value: r.pick(['tcp', 'pos', 'app']) }],
            extendedFields: [{ name: 'room_nights_count', value: String(r.int(1, 5)) }],
            paymentModes: r.sample(['UPI', 'CASH', 'CARD', 'Others'], r.int(1, 2)),
            pointInTimeSlabs: [this.slab(true)],
          },
          reference,
        );
      }
      case 'ReturnBill': {
        const reference = ctx.uniqueReference(() => String(r.int(100_000_000, 2_999_999_999)));
        return head(
          {
            billDetails: this.bill(ctx, true),
            customFields: [{ name: 'return_reason', value: r.pick(['damaged', 'size', 'changed mind']) }],
            extendedFields: [{ name: 'return_channel', value: 'store' }],
            pointInTimeSlabs: [this.slab(true)],
          },
          reference,
        );
      }
      case 'CustomerRegistration':
      case 'CustomerUpdate':
        return head(
          { pointsEarned: this.pointsEarned(ctx.when, { promised: eventName === 'CustomerRegistration' }) },
          ctx.uniqueReference(() => `reg-${r.token(8)}`),
        );
      case 'AllocateGoodwillPoints':
        return head(
          {
            eventDetails: {
              ...details,
              reason: r.pick(['POINTS_ISSUE', 'GoodGuy', 'SERVICE_DELAY']),
              comments: r.pick(['Good behaviour', 'Awarding 100 points for the milestone.', 'Apology for the delay']),
              assocId: 0,
              requestId: r.int(900_000, 19_999_999),
            },
            pointsEarned: { regular: [], promo: [this.promo(ctx.when, 'Goodwill Promotion')], promised: [] },
          },
          '-1',
        );
      case 'GenericEvent': {
        const label = r.pick(['Walk5Kms', 'CupSeries2024', 'first_bill_pay', 'AppCheckIn']);
        const reference = ctx.uniqueReference(() => r.uuid());
        const start = stamp(ctx.when - 30 * 86_400_000).legacy;
        const end = stamp(ctx.when + 60 * 86_400_000).legacy;
        return head(
          {
            eventDetails: { eventDisplayName: label, tillId: details.tillId, displayName: label },
            pointsEarned: {
              regular: [],
              promo: [{ ...this.promo(ctx.when, label), promotionStartDate: start, promotionEndDate: end }],
              promised: [],
            },
            behavioralEventMetadata: {
              label,
              fields: [
                {
                  fieldName: 'mobile',
                  fieldType: 'customer',
                  attributes: {
                    accountId: { valueType: 'ENUM' },
                    identifierType: { valueType: 'ENUM', value: 'mobile' },
                    isRequired: { valueType: 'BOOLEAN', value: 'true' },
                    source: { valueType: 'ENUM', value: 'INSTORE' },
                  },
                },
                {
                  fieldName: r.pick(['stepsWalked', 'billamount', 'visits']),
                  fieldType: 'double',
                  attributes: {
                    isRequired: { valueType: 'BOOLEAN', value: 'true' },
                    isUniqueKeyField: { valueType: 'BOOLEAN', value: 'false' },
                  },
                },
              ],
            },
          },
          reference,
        );
      }
      case 'PointsRedemption': {
        const billing = stamp(ctx.when - r.int(0, 3) * 3_600_000);
        const points = r.int(10, 500);
        return head(
          {
            eventDetails: {
              ...details,
              redemptionDetails: {
                pointsRedeemed: decimal3(points),
                redemptionPurpose: r.pick(['', 'testUpdate', 'checkout']),
                transactionNumber: `txn-${r.int(1, 99_999)}`,
                billingTime: billing.legacy,
                billingTimeISO: billing.iso,
                externalReferenceNumber: r.uuid(),
                redemptionId: r.token(6),
                notes: r.pick(['', 'null', 'Redeemed at checkout']),
                groupRedemption: false,
              },
            },
            customFields: [{ name: 'card_number', value: String(r.int(100_000, 999_999)) }],
            pointsBreakup: [
              { points: decimal3(points), programId: String(PROGRAMS[0].programId), programName: PROGRAMS[0].programName },
            ],
          },
          String(Math.abs(ctx.ownerUserId)),
        );
      }
      case 'PointsTransfer': {
        const points = decimal3(r.int(10, 2000));
        const party = (userId: number, first: string, last: string): Record<string, unknown> => ({
          userId: String(userId),
          firstName: first,
          lastName: last,
          transferType: 'TRANSFER',
          pointsTransferDetails: [{ points, programId: String(PROGRAMS[0].programId), programName: PROGRAMS[0].programName }],
        });
        return head(
          {
            eventDetails: { eventTime: time.legacy, eventTimeISO: time.iso },
            transferredFrom: party(ctx.ownerUserId, 'Owner', 'Account'),
            transferredTo: party(ctx.counterpart.userId, ctx.counterpart.firstName, ctx.counterpart.lastName),
            notes: '',
          },
          String(ctx.ownerUserId),
        );
      }
      case 'TargetCompleted': {
        const milestone = r.chance(0.5);
        return head(
          {
            targetCompletedDetails: {
              targetGroupID: r.int(40_000, 49_999),
              targetGroupName: `TG${r.int(1, 9)}`,
              targetId: r.int(70_000, 79_999),
              targetName: `Target${r.int(1, 9)}`,
              targetDescription: 'Spend based target',
              targetPeriodID: r.int(60_000, 69_999),
              targetPeriodName: `Cycle_${r.int(1, 6)}`,
              ...(milestone
                ? { triggerValue: decimal3(r.int(1, 9) * 100) }
                : { targetValue: '1000.000', achievedValue: decimal3(r.int(1000, 1500)) }),
              sourceId: r.int(10_000, 699_999),
              sourceType: milestone ? 'MILESTONE' : 'USERTARGET',
              pointsEarned: { promo: [this.promo(ctx.when, 'Target promotion')], promised: [] },
              ...(milestone ? { mileStoneName: `Sub target ${r.int(1, 3)}` } : {}),
            },
          },
          ctx.uniqueReference(() => String(r.int(200_000, 999_999))),
        );
      }
      case 'ManualPointsAdjustment': {
        const created = stamp(ctx.when, SERVER_OFFSET, false);
        const deducted = r.int(10, 300);
        const on = stamp(ctx.when);
        const awarded = stamp(ctx.when - r.int(5, 90) * 86_400_000);
        return head(
          {
            manualPointsAdjustmentDetails: {
              orgId: ORG_ID,
              customerId: ctx.ownerUserId,
              totalPointsDeducted: decimal3(deducted),
              createdOn: created.legacy,
              createdOnISO: created.iso,
              reason: 'testing',
              pointsDeductionBreakUpDetails: [
                {
                  customerId: ctx.ownerUserId,
                  loyaltyId: ctx.ownerUserId,
                  programId: PROGRAMS[0].programId,
                  programName: PROGRAMS[0].programName,
                  promotionId: r.int(70_000, 79_999),
                  promotionName: 'Goodwill Promotion',
                  pointAwardedRefType: 'POINT_AWARDED_CUSTOMER_PROMOTION',
                  pointAwardedRefId: r.int(700_000_000, 799_999_999),
                  deductionType: 'MANUAL_ADJUSTMENT',
                  pointsDeducted: deducted,
                  pointsDeductedStr: decimal3(deducted),
                  pointsDeductedCurrencyValue: deducted,
                  pointsDeductedCurrencyValueStr: decimal3(deducted),
                  pointsDeductedOn: on.legacy,
                  pointsDeductedOnISO: on.iso,
                  pointsDeductedBy: 'ops.user',
                  pointsDeductedById: details.tillId,
                  sourceType: 'Bill',
                  awardedTillId: r.int(50_000_000, 79_999_999),
                  awardedTillDate: awarded.legacy,
                  awardedTillDateISO: awarded.iso,
                },
              ],
            },
          },
          '-1',
        );
      }
      case 'VoucherRedemption': {
        const issued = Number(ctx.uniqueReference(() => String(r.int(90_000_000, 99_999_999))));
        return head(
          {
            pointsEarned: this.pointsEarned(ctx.when, {}),
            voucherRedemptionDetails: {
              voucherIssuedId: issued,
              voucherSeriesId: r.int(1_100_000, 1_199_999),
              redeemedVoucherCode: String(r.int(100_000, 999_999)),
              redeemDate: time.legacy,
            },
          },
          String(issued),
        );
      }
      case 'CustomerPromotionImport':
      case 'BillPointsPromotionImport':
      case 'LineItemsPointsPromotionImport': {
        const name = r.pick(['Card billing cycle bonus', 'Partner points import', 'Festive season credit']);
        const started = stamp(ctx.when);
        const ended = stamp(ctx.when + r.int(30, 300) * 1000);
        const program = r.pick(PROGRAMS);
        return head({
          eventDetails: { eventDisplayName: name, tillId: -1 },
          pointsEarned: {
            regular: [],
            promo: [{ promotionId: r.int(6000, 9999), promotionName: name, ...program, value: r.int(100, 9000) }],
            promised: [],
          },
          importMeta: {
            fileName: `cap_data_${r.int(10_000_000, 99_999_999)}.csv`,
            importStartTime: started.legacy,
            importEndTime: ended.legacy,
            profileName: 'Customer Promotion',
            profileType: 'Promotional Rewards',
          },
        });
      }
      default:
        // Ledger events without explode detail: never rendered, only stored.
        if (this.spec.knobs.eventsWithoutDetail.includes(eventName))
          return { event: { eventLogId: ctx.eventLogId, eventName, eventDetails: details } };
        throw new Error(`the reference cannot build events of type ${eventName}`);
    }
  }

  private program(): { programId: number; programName: string } {
    return { ...this.random.pick(PROGRAMS) };
  }

  private expiry(when: number): { expiresOn: string; expiresOnISO: string; expiryType: string } {
    const at = stamp(when + this.random.int(30, 400) * 86_400_000);
    return {
      expiresOn: at.legacy.replace(/ \d\d:\d\d:\d\d\.0$/, ' 23:59:59.0'),
      expiresOnISO: at.iso.replace(/T\d\d:\d\d:\d\d/, 'T23:59:59'),
      expiryType: this.random.pick(['fixed', 'rolling']),
    };
  }

  private regular(when: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { value: this.random.int(0, 500), ...this.expiry(when), ...this.program(), ...extra };
  }

  private promo(when: number, promotionName: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    const { expiresOn, expiresOnISO, expiryType } = this.expiry(when);
    return {
      promotionId: this.random.int(70_000, 1_133_999_999),
      promotionName,
      ...this.program(),
      value: this.random.int(10, 500),
      expiresOn,
      expiresOnISO,
      expiryType,
      ...extra,
    };
  }

  private promised(when: number): Record<string, unknown> {
    return {
      value: this.random.int(50, 1500),
      conversionDate: stamp(when + this.random.int(10, 60) * 86_400_000).legacy.replace(/ .*/, ' 00:00:00.0'),
      ...this.program(),
    };
  }

  private pointsEarned(when: number, options: { promised?: boolean; returns?: boolean }): Record<string, unknown> {
    const r = this.random;
    const returns = options.returns ? { returnPoints: r.int(1, 500) } : {};
    return {
      regular: Array.from({ length: r.int(0, 2) }, () => this.regular(when, returns)),
      promo: Array.from({ length: r.int(0, 1) }, () =>
        this.promo(when, r.pick(['2X Points', 'Weekend bonus']), options.returns ? { returnedPoints: r.int(1, 300) } : {}),
      ),
      promised: options.promised || r.chance(0.2) ? [this.promised(when)] : [],
    };
  }

  private breakup(
    when: number,
    sourceValue: number,
    options: { category?: string; returns?: boolean } = {},
  ): Record<string, unknown> {
    const r = this.random;
    const awarded = stamp(when, r.chance(0.5) ? '+00:00' : SERVER_OFFSET);
    const entry = (): Record<string, unknown> => ({
      value: r.int(0, 500),
      ...(({ expiresOn, expiresOnISO }) => ({ expiresOn, expiresOnISO }))(this.expiry(when)),
      awardedOn: awarded.legacy,
      awardedOnISO: awarded.iso,
      sourceValue,
      ...(r.chance(0.5)
        ? {
            awardActionDetails: {
              id: r.int(200_000_000, 299_999_999),
              name: r.pick(['AWARD_POINTS_ACTION', 'BILL_POINTS_ACTION']),
              rulesetId: r.int(1000, 2999),
              rulesetName: `ruleset_${r.int(20220101, 20261231)}`,
            },
          }
        : {}),
      ...this.program(),
      allocationStrategyId: r.int(11_000, 119_999),
      allocationStrategyName: r.pick(['2X', '10x fixed', 'alllocate 150']),
      pointsCategoryId: r.int(2000, 20_999),
      pointsCategoryName: options.category ?? r.pick(['Main', 'DelayedAccrualPointCategory']),
      expiryStrategyId: r.int(11_000, 109_999),
      expiryStrategyName: r.pick(['NUM_MONTHS_END12', '1 month']),
      ...(r.chance(0.3) ? { promotionDetails: { promotionId: r.int(70_000, 79_999), promotionName: '2X Points' } } : {}),
      ...(options.returns ? { returnPoints: r.int(1, 500) } : {}),
      expiryType: r.pick(['fixed', 'rolling']),
    });
    return { regular: Array.from({ length: r.int(1, 2) }, entry), promised: [] };
  }

  private slab(isDefault: boolean): Record<string, unknown> {
    return {
      pointInTimeSlabNumber: this.random.int(1, 4),
      pointInTimeSlabName: this.random.pick(TIERS),
      programId: PROGRAMS[0].programId,
      isDefaultProgram: isDefault,
    };
  }

  private bill(ctx: BuildContext, isReturn: boolean): Record<string, unknown> {
    const r = this.random;
    const when = ctx.when;
    const billDate = stamp(isReturn ? when - r.int(1, 20) * 86_400_000 : when);
    const items = Array.from({ length: r.int(1, 4) }, () => {
      const qty = r.int(1, 3);
      const rate = money(r, 5, 400);
      const item: Record<string, unknown> = {
        id: r.int(300_000_000, 2_999_999_999),
        itemCode: `sku_${r.int(100_000, 999_999)}`,
        source: 'instore',
        grossAmount: rate * qty,
        discount: 0,
        amount: rate * qty,
        rate,
        qty,
      };
      if (isReturn)
        Object.assign(item, {
          serialNumber: r.int(1, 9),
          returnAmount: rate * qty,
          returnRate: rate,
          returnQty: qty,
          returnValue: 0,
        });
      item['pointsEarned'] = this.pointsEarned(when, { returns: isReturn });
      item['pointsEarnedBreakup'] = this.breakup(when, rate * qty, { returns: isReturn });
      return item;
    });
    const amount = items.reduce((sum, item) => sum + (item['amount'] as number), 0);
    const bill: Record<string, unknown> = {
      type: 'loyalty',
      billNumber: `txn-${r.int(1, 999_999)}`,
      grossAmount: amount,
      discount: 0,
      billAmount: amount,
      note: r.pick(['', 'this is test', 'weekend purchase']),
      source: 'instore',
      billDate: billDate.legacy,
      billDateISO: billDate.iso,
    };
    if (isReturn) {
      const returned = stamp(when);
      Object.assign(bill, {
        returnDate: returned.legacy,
        returnDateISO: returned.iso,
        returnAmount: amount,
        returnType: r.pick(['AMOUNT', 'FULL', 'LINE_ITEM', 'CANCELLED']),
        returnBillId: r.int(25_000_000, 25_999_999),
      });
    }
    bill['pointsEarned'] = this.pointsEarned(when, { returns: isReturn });
    bill['pointsEarnedBreakup'] = this.breakup(when, amount, { returns: isReturn });
    bill['alternateCurrencyValueEarned'] = ctx.currencies.map((c) => ({
      regular: [this.regular(when)],
      promo: [],
      promised: [],
      alternateCurrencyName: c.name,
      alternateCurrencyIdentifier: c.identifier,
    }));
    bill['alternateCurrencyValueEarnedBreakup'] = ctx.currencies.map((c) => ({
      ...(this.breakup(when, amount, { category: `${c.name}_PointCategory` }) as { regular: unknown[]; promised: unknown[] }),
      alternateCurrencyName: c.name,
      alternateCurrencyIdentifier: c.identifier,
    }));
    bill['lineItems'] = items;
    return bill;
  }
}
