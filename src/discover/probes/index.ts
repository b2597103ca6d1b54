/** The probes of `discover`, by the name `x-ledger-dialects[].probe` gives them. */
import type { Probe } from '../probe.js';
import { booleans } from './booleans.js';
import { duplicates } from './duplicates.js';
import { emptyValues } from './empty-values.js';
import { enumCase } from './enum-case.js';
import { eventIdFormat } from './event-id-format.js';
import { eventWithoutDetail } from './event-without-detail.js';
import { flagOff } from './flag-off.js';
import { limitMaximum } from './limit-maximum.js';
import { offsetMeaning } from './offset-meaning.js';
import { pastTheEnd } from './past-the-end.js';
import { referenceCount } from './reference-count.js';
import { unknownCurrency } from './unknown-currency.js';

export const PROBES: Readonly<Record<string, Probe>> = {
  'offset-meaning': offsetMeaning,
  'past-the-end': pastTheEnd,
  duplicates,
  'limit-maximum': limitMaximum,
  'flag-off': flagOff,
  booleans,
  'empty-values': emptyValues,
  'enum-case': enumCase,
  'unknown-currency': unknownCurrency,
  'event-without-detail': eventWithoutDetail,
  'reference-count': referenceCount,
  'event-id-format': eventIdFormat,
};
