// The conformance catalog as tests of this folder: one describe per suite, one test per
// requirement. The target is LEDGER_CONFORMANCE_BASE_URL when it is set (a staging cluster, a
// local mock), else the reference implementation embedded in the kit.
import { describeConformance } from 'ledger-explode-conformance/vitest';

describeConformance({ embedded: !process.env.LEDGER_CONFORMANCE_BASE_URL });
