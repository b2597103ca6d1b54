/**
 * Report models for the renderer tests: one conformant run against the embedded reference, one
 * non-conformant run against a hostile staging target whose bodies try to break every format.
 */
import { failureEvidence } from '../../src/engine/evidence.js';
import { coverageOf } from '../../src/engine/verdict.js';
import { basicAuthHeader, createRedactor, md5Hex } from '../../src/http/redact.js';
import type { Exchange } from '../../src/http/types.js';
import { LEVELS, OUTCOMES } from '../../src/core/report-model.js';
import type {
  Basis,
  ConformanceReport,
  ExchangeEvidence,
  FailureEvidence,
  Level,
  Outcome,
  RequirementResult,
  SpecRefLabel,
  Verdict,
  Waiver,
  WaiverReport,
} from '../../src/core/report-model.js';

export const SPEC_SHA256 = 'a3f1c9e07b55d2c4e8f6a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a';
export const PROFILE_SHA256 = '0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c';
export const STAGING_URL = 'https://staging.eu.example-loyalty.test';

/** Evidence text a hostile or broken target could send back: markup, CDATA end, quotes, controls. */
export const HOSTILE_BODY =
  '{"errors":[{"code":9022,"message":"<script>alert(\'pwned\')</script> & ]]> \\"quoted\\" ' +
  'Zürich 東京 🎉 \u0000\u0007\u001b[31m|pipe|`tick`"}],"html":"<img src=x onerror=alert(1)>"}';

/** A long run of text without spaces, as a minified body would be. */
export const LONG_TEXT = `{"events":[${Array.from({ length: 400 }, (_, i) => `{"eventLogId":${44049000 + i},"eventName":"TransactionAdd"}`).join(',')}]}`;

interface RequirementSpec {
  readonly id: string;
  readonly level: Level;
  readonly title: string;
  readonly suite: string;
  readonly status: Outcome;
  readonly basis?: Basis;
  readonly sources?: readonly string[];
  readonly failures?: readonly FailureEvidence[];
  readonly failureCount?: number;
  readonly reasons?: readonly string[];
  readonly waiver?: Waiver;
  readonly evidence?: RequirementResult['evidence'];
  /** Group the failures, one group each (the engine's failureGroups), the waiver on every group. */
  readonly grouped?: boolean;
  readonly ungroupedCount?: number;
  readonly checks?: RequirementResult['checks'];
  readonly refs?: readonly SpecRefLabel[];
}

const OPERATION = '#/paths/~1v2~1pointsLedger~1getLedgerExplodeInfo/get';

/** A spec reference as the engine labels it (src/engine/spec-labels.ts). */
export function ref(pointer: string, label: string, requirement?: string): SpecRefLabel {
  return {
    pointer: pointer.startsWith('@') ? `${OPERATION}${pointer.slice(1)}` : pointer,
    label,
    ...(requirement !== undefined && { requirement }),
  };
}

const DEFAULT_REFS: readonly SpecRefLabel[] = [
  ref('#/components/schemas/LedgerExplodeResponse', 'schema LedgerExplodeResponse'),
  ref('@', 'the operation'),
];

function requirement(spec: RequirementSpec): RequirementResult {
  const failures = spec.failures ?? [];
  const checkStatus = spec.status === 'waived' ? 'fail' : spec.status;
  return {
    id: spec.id,
    level: spec.level,
    title: spec.title,
    suite: spec.suite,
    basis: spec.basis ?? 'documented',
    sources: spec.sources ?? ['S1'],
    ...(spec.evidence && { evidence: spec.evidence }),
    specRefs: (spec.refs ?? DEFAULT_REFS).map((r) => r.pointer),
    specRefLabels: spec.refs ?? DEFAULT_REFS,
    status: spec.status,
    durationMs: 12 * (failures.length + 2),
    checks: spec.checks ?? [
      {
        id: `${spec.suite}/${spec.id.toLowerCase()}`,
        title: spec.title,
        status: checkStatus,
        requests: failures.length + 2,
        durationMs: 12 * (failures.length + 2),
        ...(spec.reasons?.[0] !== undefined && { reason: spec.reasons[0] }),
      },
    ],
    failures,
    failureCount: spec.failureCount ?? failures.length,
    ...(spec.grouped && {
      failureGroups: failures.map((f) => ({
        signature: {
          requirement: spec.id,
          check: f.check,
          ...(f.exchange?.response && { status: f.exchange.response.status }),
          codes: [9004],
          pointer: '#/components/schemas/Warning/properties/code/enum',
          key: 'warning code',
        },
        count: 2,
        requests: f.exchange ? [f.exchange.request.url] : [],
        failure: f,
        ...(spec.waiver && { waiver: spec.waiver }),
      })),
    }),
    ...(spec.ungroupedCount !== undefined && { ungroupedCount: spec.ungroupedCount }),
    reasons: spec.reasons ?? [],
    ...(spec.waiver && { waiver: spec.waiver }),
  };
}

function exchange(
  id: string,
  baseUrl: string,
  query: string,
  response?: { status: number; body: string; truncated?: boolean; headers?: Record<string, string> },
): ExchangeEvidence {
  return {
    id,
    request: {
      method: 'GET',
      url: `${baseUrl}/v2/pointsLedger/getLedgerExplodeInfo?${query}`,
      headers: {
        accept: 'application/json',
        authorization: 'Basic ${LEDGER_CONFORMANCE_BASIC}',
        'x-conformance-case-id': id,
      },
    },
    ...(response && {
      response: {
        status: response.status,
        headers: {
          'content-type': 'application/json;charset=UTF-8',
          date: 'Tue, 03 Jun 2025 10:15:42 GMT',
          'x-request-id': '9f1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d',
          'set-cookie': 'JSESSIONID=5E2B1A; Path=/; HttpOnly',
          etag: 'W/"1f4-abc"',
          ...response.headers,
        },
        bodyExcerpt: response.body,
        bodyTruncated: response.truncated ?? false,
      },
    }),
  };
}

function curlFor(ex: ExchangeEvidence): string {
  return `curl -sS -u "$LEDGER_CONFORMANCE_USER:$LEDGER_CONFORMANCE_MD5_PASSWORD" -H 'accept: application/json' '${ex.request.url}'`;
}

function failure(check: string, title: string, message: string, ex?: ExchangeEvidence): FailureEvidence {
  return { check, title, message, ...(ex && { exchange: ex, curl: curlFor(ex) }) };
}

/** The hostile run's credentials: no report, and no copied curl line, may ever hold them. */
export const SECRETS = { user: 'qa.till', password: 'Sup3r-Secret-Pa55word' } as const;

/** Every spelling of the secrets the redactor knows: the password, its MD5, the Basic header. */
export const SECRET_SPELLINGS: readonly string[] = [
  SECRETS.password,
  md5Hex(SECRETS.password),
  basicAuthHeader(SECRETS.user, SECRETS.password).slice('Basic '.length),
];

/** The shrunk fuzz path of a long search: about 130 segments, as fast-check prints it. */
export const LONG_FUZZ_PATH = ['90', ...Array.from({ length: 129 }, (_, i) => (i % 17 === 5 ? '1' : '0'))].join(':');

/** A fuzzed identifier value: long, without spaces, percent-encoded on the wire. */
const FUZZED_VALUE = `${'Zürich-Ωμέγα-'.repeat(12)}${'x'.repeat(180)}"'$(id)`;

/**
 * A failure made by the engine's own evidence code from an exchange whose target echoed the
 * credentials back, so the redaction and the curl line are the ones a real run writes.
 */
function engineFailure(
  check: string,
  title: string,
  detail: { received: string; documented: string; fuzz?: NonNullable<FailureEvidence['fuzz']> },
  url: string,
  status: number,
  bodyText: string,
): FailureEvidence {
  const exchange: Exchange = {
    id: `${check}#1`,
    request: {
      method: 'GET',
      url,
      headers: { accept: 'application/json', authorization: '<redacted>' },
      identity: 'primary',
      authStyle: 'basic',
    },
    response: {
      status,
      headers: {
        'content-type': 'text/plain',
        date: 'Tue, 03 Jun 2025 10:17:03 GMT',
        'x-request-id': '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
        'set-cookie': 'JSESSIONID=77AA01; Path=/; HttpOnly',
        etag: 'W/"5c-def"',
        'x-echo-authorization': basicAuthHeader(SECRETS.user, SECRETS.password),
      },
      bodyText,
      bodyTruncated: false,
    },
    attempts: 1,
    durationMs: 41,
  };
  const answer = { exchange, status, headers: exchange.response!.headers, bodyText, json: undefined };
  return failureEvidence(check, title, { ...detail, answer }, exchange.id, {
    redactor: createRedactor(SECRET_SPELLINGS),
    insecure: false,
    // What the engine says of a request the kit sent on purpose (src/engine/request-notes.ts).
    requestNotes: () => (detail.fuzz ? ["the kit's request repeats eventIds 1"] : []),
  });
}

/** Fills in counts, verdict and exit code the way the engine defines them. */
export function assemble(
  base: Omit<ConformanceReport, 'counts' | 'verdict' | 'exitCode' | 'coverage' | 'dialect'> & {
    verdict?: Verdict;
    dialect?: ConformanceReport['dialect'];
  },
): ConformanceReport {
  const zero = (): Record<Outcome, number> => Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  const byOutcome = zero();
  const byLevel = Object.fromEntries(LEVELS.map((l) => [l, zero()])) as Record<Level, Record<Outcome, number>>;
  for (const r of base.requirements) {
    byOutcome[r.status] += 1;
    byLevel[r.level][r.status] += 1;
  }
  const gated = LEVELS.slice(0, LEVELS.indexOf(base.run.gatingLevel) + 1);
  const failed = base.requirements.some((r) => r.status === 'fail' && gated.includes(r.level));
  const judged = base.requirements.some((r) => r.status !== 'error' && r.status !== 'skip');
  const verdict: Verdict = base.verdict ?? (failed ? 'non-conformant' : judged ? 'conformant' : 'inconclusive');
  const exitCode = verdict === 'conformant' ? 0 : verdict === 'non-conformant' ? 1 : 3;
  const { verdict: _ignored, ...rest } = base;
  return {
    reportVersion: rest.reportVersion,
    tool: rest.tool,
    spec: rest.spec,
    dialect: rest.dialect ?? { deviations: [], changedOutsideKnobs: [] },
    target: rest.target,
    profile: rest.profile,
    run: rest.run,
    verdict,
    exitCode,
    counts: { byOutcome, byLevel },
    coverage: coverageOf(rest.requirements, rest.run.gatingLevel),
    requirements: rest.requirements,
    waivers: rest.waivers,
    ...(rest.fuzz && { fuzz: rest.fuzz }),
    ...(rest.preflight && { preflight: rest.preflight }),
  };
}

const noWaivers: WaiverReport = { applied: [], expired: [], unused: [], unknown: [] };

/** All requirements pass (one MAY is skipped with its reason); the embedded reference target. */
export function conformantReport(): ConformanceReport {
  const baseUrl = 'http://127.0.0.1:41234';
  const pass = (id: string, level: Level, suite: string, title: string): RequirementResult =>
    requirement({ id, level, suite, title, status: 'pass' });
  return assemble({
    reportVersion: 1,
    tool: { name: 'ledger-conformance', version: '0.1.0' },
    spec: {
      title: 'Points Ledger Explode Info',
      version: '2.0.0',
      sha256: SPEC_SHA256,
      path: 'openapi/ledger-explode.yaml',
      overlays: [],
      effectiveSha256: SPEC_SHA256,
    },
    target: { baseUrl, embeddedReference: true, authStyle: 'basic' },
    profile: { name: 'reference', sha256: PROFILE_SHA256 },
    run: {
      seed: 1337,
      fuzzRuns: 100,
      gatingLevel: 'MUST',
      suites: ['schema', 'parameters', 'pagination', 'errors', 'fuzz'],
      requirementFilter: [],
      startedAt: '2025-06-03T10:15:40.123Z',
      durationMs: 4821,
      requests: { total: 412, retried: 0, transportErrors: 0 },
    },
    requirements: [
      pass('RESP-BODY', 'MUST', 'schema', 'Every 200 body matches the response schema'),
      pass('RESP-CONTENT-TYPE', 'MUST', 'schema', 'Responses are application/json'),
      pass('PARAM-SELECTOR', 'MUST', 'parameters', 'eventIds xor eventName with eventReferenceIds'),
      pass('PAGE-PARTITION', 'MUST', 'pagination', 'Pages partition the full event list'),
      pass('PAGE-LIMIT', 'SHOULD', 'pagination', 'A page holds at most limit events'),
      pass('ERR-9022', 'MUST', 'errors', 'Invalid eventReferenceIds answer 9022'),
      requirement({
        id: 'UG-PRIMARY',
        level: 'MAY',
        suite: 'user-groups',
        title: 'isPrimaryUser marks the group primary member',
        status: 'skip',
        reasons: ['The profile lists no user group with a primary member.'],
      }),
      pass('FUZZ-NO-5XX', 'MUST', 'fuzz', 'No generated input answers 5xx'),
    ],
    waivers: noWaivers,
    fuzz: {
      seed: 1337,
      runs: 100,
      properties: [{ requirement: 'FUZZ-NO-5XX', name: 'valid and invalid queries never answer 5xx', runs: 100, status: 'pass' }],
    },
  });
}

/** A headline with what HTML escaping turns into entities: an apostrophe, quotes, an ampersand, markup. */
export const APOSTROPHE_TITLE = 'Event 44049002 appears on pages 1 and 2, unlike the reference\'s "one page" rule & <partition>';

/** The title with characters that end table cells and open code spans in Markdown. */
export const PIPE_TITLE = 'getBillDetails=true|false adds `billDetails` and nothing else';

/** MUST failures with hostile bodies, an error, skips, every waiver state and a fuzz counterexample. */
export function nonConformantReport(): ConformanceReport {
  const url = STAGING_URL;
  const respBody = exchange(
    'c-0007',
    url,
    'identifierName=mobile&identifierValue=917406401004&source=INSTORE&eventIds=18608683',
    {
      status: 200,
      body: HOSTILE_BODY,
    },
  );
  const longBody = exchange('c-0012', url, 'identifierName=id&identifierValue=347689245&source=INSTORE&offset=0&limit=10', {
    status: 200,
    body: LONG_TEXT.slice(0, 4096),
    truncated: true,
  });
  const err9022 = (n: number, refs: string): ExchangeEvidence =>
    exchange(
      `c-01${n}`,
      url,
      `identifierName=mobile&identifierValue=917406401004&source=INSTORE&eventName=TransactionAdd&eventReferenceIds=${refs}`,
      {
        status: 500,
        body: '<html><head><title>500 Internal Server Error</title></head><body><h1>Whitelabel Error Page</h1></body></html>',
        headers: { 'content-type': 'text/html' },
      },
    );
  const resetExchange: ExchangeEvidence = {
    id: 'c-0300',
    request: {
      method: 'GET',
      url: `${url}/v2/pointsLedger/getLedgerExplodeInfo?identifierName=mobile&identifierValue=917406401004&source=INSTORE&eventIds=18608683`,
      headers: { accept: 'application/json', authorization: 'Basic ${LEDGER_CONFORMANCE_BASIC}' },
    },
    transportError: { code: 'CT_CONNECTION', message: 'read ECONNRESET' },
  };

  const acurWaiver: Waiver = {
    requirement: 'ACUR-WARN',
    reason: 'CAP-4821: 9004 is sent instead of 9018 until release 24.3',
    expires: '2099-12-31',
  };

  return assemble({
    reportVersion: 1,
    tool: { name: 'ledger-conformance', version: '0.1.0' },
    spec: {
      title: 'Points Ledger Explode Info',
      version: '2.0.0',
      sha256: SPEC_SHA256,
      path: 'openapi/ledger-explode.yaml',
      overlays: [],
      effectiveSha256: SPEC_SHA256,
    },
    target: { baseUrl: url, embeddedReference: false, authStyle: 'basic' },
    profile: { name: 'staging-eu.yaml', sha256: PROFILE_SHA256 },
    run: {
      seed: 982451653,
      fuzzRuns: 200,
      gatingLevel: 'MUST',
      suites: ['schema', 'parameters', 'pagination', 'flags', 'alternate-currencies', 'user-groups', 'errors', 'auth', 'fuzz'],
      requirementFilter: [],
      startedAt: '2025-06-03T10:15:40.123Z',
      durationMs: 187_432,
      requests: { total: 1893, retried: 14, transportErrors: 3 },
    },
    requirements: [
      requirement({
        id: 'RESP-BODY',
        level: 'MUST',
        suite: 'schema',
        title: 'Every 200 body matches the response schema',
        status: 'fail',
        failures: [
          failure(
            'schema/response-body-conformance',
            'Response body does not match the 200 schema',
            'Received: /errors/0/message is "<script>alert(\'pwned\')</script> & ]]>" in a 200 response\nDocumented: a 200 body has exactly `events` and `warnings`; no `errors` key',
            respBody,
          ),
          failure(
            'schema/response-body-conformance',
            'Response body does not match the 200 schema',
            `Received: /events/0/eventLogId is a string\nDocumented: integer (int64)\n${'x'.repeat(3000)}`,
            longBody,
          ),
        ],
        failureCount: 2,
      }),
      requirement({
        id: 'RESP-CONTENT-TYPE',
        level: 'MUST',
        suite: 'schema',
        title: 'Responses are application/json',
        status: 'pass',
      }),
      requirement({
        id: 'ERR-9022',
        level: 'MUST',
        suite: 'errors',
        title: 'Invalid eventReferenceIds answer 9022',
        status: 'fail',
        sources: ['S1', 'SEED: Error codes'],
        refs: [ref('@/x-ledger-errors/11', 'error 9022 (invalid eventReferenceIds)', 'ERR-9022')],
        failures: [1, 2, 3].map((n) =>
          failure(
            'errors/error-code-conformance',
            'Response status is not 400',
            `Received: 500 text/html\nDocumented: 400 with {"errors":[{"code":9022,"message":"Event reference IDs are invalid","status":false}]}`,
            err9022(n, n === 1 ? 'abc' : n === 2 ? '1,2,3,4,5,6,7,8,9,10,11' : '%20'),
          ),
        ),
        failureCount: 7,
      }),
      requirement({
        id: 'PAGE-PARTITION',
        level: 'MUST',
        suite: 'pagination',
        title: 'Pages partition the full event list',
        status: 'fail',
        basis: 'decided',
        sources: ['D4'],
        refs: [
          ref('@/x-ledger-pagination', 'x-ledger-pagination'),
          ref('#/components/parameters/offset', 'parameter offset'),
          ref('#/components/parameters/limit', 'parameter limit'),
        ],
        failures: [
          {
            check: 'pagination/partition-conformance',
            title: APOSTROPHE_TITLE,
            message:
              'Received: eventLogId 44049002 on offset=0 and offset=1 (limit=10)\nDocumented: each event on exactly one page',
          },
        ],
      }),
      requirement({
        id: 'PAGE-SIZE',
        level: 'MUST',
        suite: 'pagination',
        title: 'Every page holds limit events, except the last, which holds the rest',
        status: 'fail',
        basis: 'decided',
        sources: ['D4', 'D5'],
        refs: [ref('#/components/parameters/limit', 'parameter limit'), ref('@/x-ledger-pagination', 'x-ledger-pagination')],
        failures: [
          failure(
            'pagination/page-size',
            'Page 0 (limit 1) holds 10 events',
            'Received: 10 events on page 0 (limit 1, 10 selected)\nDocumented: 1 (limit), the page is not the last',
            exchange('c-0301', url, 'identifierName=id&identifierValue=347689245&source=INSTORE&offset=0&limit=1', {
              status: 200,
              body: LONG_TEXT.slice(0, 600),
            }),
          ),
        ],
      }),
      requirement({
        id: 'AUTH-BASIC-MD5',
        level: 'MUST',
        suite: 'auth',
        title: 'Basic credentials with an MD5-hashed password are accepted',
        status: 'error',
        reasons: ['Transport error CT_CONNECTION after 3 attempts: read ECONNRESET'],
        failures: [
          failure(
            'auth/basic-acceptance',
            'No response',
            'Received: no response (read ECONNRESET)\nDocumented: 200',
            resetExchange,
          ),
        ],
      }),
      requirement({
        id: 'FLAG-BILL-DETAILS',
        level: 'SHOULD',
        suite: 'flags',
        title: PIPE_TITLE,
        status: 'fail',
        basis: 'observed',
        sources: ['S6'],
        refs: [ref('@/x-ledger-flags/getBillDetails', 'x-ledger-flags.getBillDetails', 'FLAG-BILL-DETAILS')],
        failures: [
          failure(
            'flags/flag-conformance',
            'getBillDetails=true also changed `pointsEarned` | totals',
            'Received: /events/0/pointsEarned/0/points 120 (was 100 without the flag)\nDocumented: only billDetails is added\n```\nfenced text inside the message\n```',
            longBody,
          ),
        ],
      }),
      requirement({
        id: 'ACUR-WARN',
        level: 'SHOULD',
        suite: 'alternate-currencies',
        title: 'An unknown alternate currency name answers warning 9018',
        status: 'waived',
        basis: 'observed',
        sources: ['S3', 'S9'],
        refs: [ref('@/x-ledger-warnings/0', 'warning 9018 (unknown alternate currency name)', 'AC-UNKNOWN-WARNING')],
        waiver: acurWaiver,
        evidence: [
          { source: 'S1', quote: 'alternate currency with given name not found for org, name: dummy' },
          { source: 'S9', sample: '3.12.11', pointer: '/warnings/0/code' },
        ],
        grouped: true,
        ungroupedCount: 1,
        failures: [
          failure(
            'alternate-currencies/unknown-name-warning',
            'Warning code is 9004, not 9018',
            'Received: warnings[0].code 9004 "Warning while fetching ledger info : alternate currency with given name not found for org, name: dummy"\nDocumented: 9018',
            exchange(
              'c-0220',
              url,
              'identifierName=mobile&identifierValue=917406401004&source=INSTORE&eventIds=18608683&alternateCurrencyNames=dummy',
              {
                status: 200,
                body: '{"events":[],"warnings":[{"code":9004,"message":"Warning while fetching ledger info : alternate currency with given name not found for org, name: dummy","status":false}]}',
              },
            ),
          ),
        ],
      }),
      requirement({
        id: 'UG-PRIMARY',
        level: 'MAY',
        suite: 'user-groups',
        title: 'isPrimaryUser marks the group primary member',
        status: 'skip',
        reasons: ['The profile lists no user group with a primary member.'],
      }),
      requirement({
        id: 'UG-TYPE',
        level: 'SHOULD',
        suite: 'user-groups',
        title: 'type=USERGROUP2 returns the group ledger',
        status: 'skip',
        reasons: ['The profile lists no user group.'],
      }),
      requirement({ id: 'ERR-9003', level: 'MUST', suite: 'errors', title: 'An invalid type answers 9003', status: 'pass' }),
      requirement({
        id: 'FUZZ-NO-5XX',
        level: 'MUST',
        suite: 'fuzz',
        title: 'No generated input answers 5xx',
        status: 'fail',
        basis: 'decided',
        sources: ['D12'],
        refs: [
          ref('@/x-ledger-errors', 'the error rules, in order'),
          ref('@/x-ledger-errors/11', 'error 9022 (invalid eventReferenceIds)', 'ERR-9022'),
        ],
        failures: [
          engineFailure(
            'fuzz/no-server-error',
            'Status 503 for a generated query',
            {
              received: '503 text/plain',
              documented: '200 or a documented 4xx error',
              fuzz: {
                seed: 982451653,
                path: LONG_FUZZ_PATH,
                counterexample: JSON.stringify({
                  identifierName: 'externalId',
                  identifierValue: FUZZED_VALUE,
                  source: 'INSTORE',
                  eventIds: '1',
                }),
                numRuns: 91,
                shrinks: 129,
              },
            },
            `${url}/v2/pointsLedger/getLedgerExplodeInfo?identifierName=externalId&identifierValue=${encodeURIComponent(FUZZED_VALUE)}&source=INSTORE&eventIds=1`,
            503,
            `upstream connect error or disconnect/reset before headers. reset reason: connection termination; echo ${basicAuthHeader(SECRETS.user, SECRETS.password)}`,
          ),
        ],
      }),
    ],
    waivers: {
      applied: [acurWaiver],
      expired: [
        { requirement: 'PAGE-PARTITION', reason: 'CAP-3310: page 2 repeats the last event of page 1', expires: '2024-01-31' },
      ],
      unused: [{ requirement: 'ERR-9003', reason: 'CAP-2001: 9003 was 400 with code 9002', expires: '2099-06-30' }],
      unknown: [{ requirement: 'LEGACY-42', reason: 'left over from the v1 suite', expires: '2099-01-01' }],
    },
    fuzz: {
      seed: 982451653,
      runs: 200,
      properties: [
        { requirement: 'FUZZ-NO-5XX', name: 'valid and invalid queries never answer 5xx', runs: 91, status: 'fail' },
        { requirement: 'FUZZ-VALID-ACCEPTED', name: 'valid queries are accepted and schema-valid', runs: 200, status: 'pass' },
      ],
    },
    preflight: {
      requests: 23,
      durationMs: 412,
      learned: [
        {
          pointer: '/customers/0/events/1',
          value: '18608684 TransactionAdd 37195406289',
          request:
            'GET ?identifierName=mobile&identifierValue=917406401004&source=INSTORE&eventIds=18608683,18608684&limit=10 → 200',
        },
      ],
      notes: ['the target found the made-up eventIds value 918000000000000001, so it is not used'],
    },
  });
}

const OAUTH_SKIP = 'no OAuth token is configured (LEDGER_CONFORMANCE_TOKEN)';
const NO_GROUP_SKIP = 'the profile lists no user group with events and a lookup';

/** A skipped requirement whose reason reads as the engine writes it: `<check id>: <why>`. */
function skipped(
  id: string,
  level: Level,
  suite: string,
  title: string,
  why: string,
  basis: Basis = 'documented',
  sources: readonly string[] = ['S2'],
): RequirementResult {
  const check = `${suite}/${id.toLowerCase()}`;
  return requirement({
    id,
    level,
    suite,
    title,
    status: 'skip',
    basis,
    sources,
    reasons: [`${check}: ${why}`],
    checks: [{ id: check, title, status: 'skip', requests: 0, durationMs: 0, reason: why }],
  });
}

/**
 * Conformant, but far from proven: MUST requirements skipped for three reasons (two of them
 * shared), a waived MUST, an errored SHOULD, a dialect with two deviations and an overlay.
 */
export function skipsWaiversErrorsReport(): ConformanceReport {
  const url = 'https://mock.vendor.example.test/capillary';
  const pass = (
    id: string,
    level: Level,
    suite: string,
    title: string,
    basis: Basis = 'documented',
    sources: readonly string[] = ['S1'],
  ): RequirementResult => requirement({ id, level, suite, title, status: 'pass', basis, sources });
  const acurWaiver: Waiver = {
    requirement: 'AC-UNKNOWN-WARNING',
    reason: 'VENDOR-77: the mock answers 9004, fixed in mock 3.2',
    expires: '2099-03-31',
  };
  return assemble({
    reportVersion: 1,
    tool: { name: 'ledger-conformance', version: '0.1.0' },
    spec: {
      title: 'Points Ledger Explode Info',
      version: '2.0.0',
      sha256: SPEC_SHA256,
      path: 'openapi/ledger-explode.yaml',
      overlays: [
        { name: 'overlays/vendor-mock.yaml', sha256: 'c0ffee00aa11bb22cc33dd44ee55ff6677889900aabbccddeeff001122334455' },
      ],
      effectiveSha256: 'e7e7e7e7aa11bb22cc33dd44ee55ff6677889900aabbccddeeff001122334455',
    },
    dialect: {
      deviations: [
        {
          knob: 'x-ledger-pagination.offsetMeaning',
          pointer: `${OPERATION}/x-ledger-pagination/offsetMeaning`,
          canonical: '"page-number"',
          value: '"item-offset"',
          sources: ['S7', 'discover: offset=1&limit=1 returned the second event'],
          requirements: ['PAGE-PARTITION', 'PAGE-SIZE'],
        },
        {
          knob: 'x-ledger-warnings.0.code',
          pointer: `${OPERATION}/x-ledger-warnings/0/code`,
          canonical: '9018',
          value: '9004',
          sources: ['S3'],
          requirements: ['AC-UNKNOWN-WARNING'],
        },
      ],
      changedOutsideKnobs: ['#/x-conformance/requirements/3/level'],
    },
    target: { baseUrl: url, embeddedReference: false, authStyle: 'basic' },
    profile: { name: 'vendor-minimal.yaml', sha256: PROFILE_SHA256 },
    run: {
      seed: 424242,
      fuzzRuns: 100,
      gatingLevel: 'MUST',
      suites: ['schema', 'pagination', 'alternate-currencies', 'user-groups', 'errors', 'auth', 'flags'],
      requirementFilter: [],
      startedAt: '2025-06-05T08:00:00.000Z',
      durationMs: 61_250,
      requests: { total: 733, retried: 2, transportErrors: 4 },
    },
    requirements: [
      pass('RESP-BODY', 'MUST', 'schema', 'Every 200 body matches the response schema'),
      pass('RESP-CONTENT-TYPE', 'MUST', 'schema', 'Responses are application/json'),
      pass('PAGE-PARTITION', 'MUST', 'pagination', 'Pages partition the full event list', 'decided', ['D4']),
      pass('PAGE-SIZE', 'MUST', 'pagination', 'Every page holds limit events, except the last, which holds the rest', 'decided', [
        'D4',
        'D5',
      ]),
      requirement({
        id: 'AC-UNKNOWN-WARNING',
        level: 'MUST',
        suite: 'alternate-currencies',
        title: 'An unknown alternate currency name answers warning 9018',
        status: 'waived',
        basis: 'observed',
        sources: ['S3'],
        waiver: acurWaiver,
        refs: [ref('@/x-ledger-warnings/0', 'warning 9018 (unknown alternate currency name)', 'AC-UNKNOWN-WARNING')],
        failures: [
          failure(
            'alternate-currencies/unknown-name-warning',
            'Warning code is 9004, not 9018',
            'Received: warnings[0].code 9004\nDocumented: 9018',
            exchange(
              'c-0220',
              url,
              'identifierName=mobile&identifierValue=917406401004&source=INSTORE&eventIds=18608683&alternateCurrencyNames=dummy',
              {
                status: 200,
                body: '{"events":[],"warnings":[{"code":9004,"message":"alternate currency with given name not found for org, name: dummy","status":false}]}',
              },
            ),
          ),
        ],
      }),
      skipped('UG-TYPE', 'MUST', 'user-groups', 'type=USERGROUP2 returns the group ledger', NO_GROUP_SKIP),
      skipped('UG-LOOKUPS', 'MUST', 'user-groups', 'Every lookup of a group finds the same ledger', NO_GROUP_SKIP),
      skipped('UG-PRIMARY', 'MAY', 'user-groups', 'isPrimaryUser marks the group primary member', NO_GROUP_SKIP),
      skipped('AUTH-OAUTH', 'MUST', 'auth', 'A valid X-CAP-API-OAUTH-TOKEN is accepted', OAUTH_SKIP),
      skipped('AUTH-OAUTH-WRONG', 'MUST', 'auth', 'A wrong OAuth token answers 401', OAUTH_SKIP, 'decided', ['D9']),
      skipped(
        'ERR-11019',
        'MUST',
        'errors',
        'getPointsEarnedBreakup on an org without source-value capturing answers 11019',
        'no identity of an org with ENABLE_POINTS_AWARDED_SOURCE_VALUE_CAPTURING off is configured (LEDGER_CONFORMANCE_BREAKUP_DISABLED_*)',
      ),
      pass('ERR-9022', 'MUST', 'errors', 'Invalid eventReferenceIds answer 9022', 'documented', ['S1', 'SEED: Error codes']),
      requirement({
        id: 'FLAG-BILL-DETAILS',
        level: 'SHOULD',
        suite: 'flags',
        title: 'getBillDetails=true adds billDetails and nothing else',
        status: 'error',
        basis: 'observed',
        sources: ['S6'],
        reasons: ['flags/flag-conformance: no response to a request: CT_TIMEOUT no complete response within 10 s'],
        checks: [
          {
            id: 'flags/flag-conformance',
            title: 'getBillDetails=true adds billDetails and nothing else',
            status: 'error',
            requests: 4,
            durationMs: 10_412,
            reason: 'no response to a request: CT_TIMEOUT no complete response within 10 s',
          },
        ],
      }),
    ],
    waivers: { applied: [acurWaiver], expired: [], unused: [], unknown: [] },
  });
}

/** Freezes a value and everything it holds, so a renderer that mutates its input throws. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
