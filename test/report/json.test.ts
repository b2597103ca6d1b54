import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { ConformanceReport } from '../../src/core/report-model.js';
import { compareWithBaseline } from '../../src/report/baseline.js';
import { renderJson } from '../../src/report/renderers/json.js';
import { conformantReport, deepFreeze, nonConformantReport } from './fixtures.js';

const schema = JSON.parse(
  readFileSync(new URL('../../schemas/conformance-report.schema.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

function compileSchema() {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats.default(ajv);
  return ajv.compile(schema);
}

const validate = compileSchema();
const parsed = (report: ConformanceReport): Record<string, unknown> => JSON.parse(renderJson(report)) as Record<string, unknown>;

describe('renderJson', () => {
  it('should produce documents the published schema accepts', () => {
    for (const report of [conformantReport(), nonConformantReport()]) {
      const valid = validate(parsed(deepFreeze(report)));
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    }
  });

  it('should keep every field of the model, so nothing is lost on the way to the file', () => {
    const report = nonConformantReport();
    expect(parsed(report)).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it('should write pretty JSON with 2 spaces and a trailing newline', () => {
    const text = renderJson(conformantReport());
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "reportVersion": 1,');
  });

  it('should write keys in model order whatever order the engine built them in', () => {
    const report: ConformanceReport = {
      ...nonConformantReport(),
      verdictReason: '1 requirement at or above MUST failed: RESP-BODY',
      aborted: { code: 'CT_STOPPED_ANSWERING', stage: 'checks', message: 'the target stopped answering after 9 requests' },
    };
    const scrambled = Object.fromEntries(Object.entries(report).reverse()) as unknown as ConformanceReport;
    const scrambledRun = Object.fromEntries(Object.entries(report.run).reverse()) as unknown as ConformanceReport['run'];
    const text = renderJson({ ...scrambled, run: scrambledRun });
    expect(text).toBe(renderJson(report));
    expect(Object.keys(JSON.parse(text) as object)).toEqual(
      Object.keys(schema.properties as object).filter((key) => key !== 'baseline'),
    );
  });

  it('should take the key order from the schema, nested objects and $refs included', () => {
    const report = nonConformantReport();
    const document = parsed(report) as { run: object; requirements: { failures: { exchange?: object }[] }[] };
    const properties = schema.properties as Record<string, { properties: object }>;
    const defs = schema.$defs as Record<string, { properties: object }>;
    expect(Object.keys(document.run)).toEqual(Object.keys(properties.run!.properties).filter((key) => key in report.run));
    const exchange = document.requirements.flatMap((r) => r.failures).find((f) => f.exchange)!.exchange!;
    expect(Object.keys(exchange)).toEqual(Object.keys(defs.exchange!.properties).filter((key) => key in exchange));
  });

  it('should refuse to render a report the schema refuses, naming the pointer and the rule', () => {
    const report = nonConformantReport();
    const broken = { ...report, requirements: [{ ...report.requirements[0]!, status: 'flaky' }] } as unknown as ConformanceReport;
    expect(() => renderJson(broken)).toThrow(/\/requirements\/0\/status: must be equal to one of the allowed values/);
  });

  it('should accept any three-digit status a target can send', () => {
    const report = nonConformantReport();
    const [first, ...rest] = report.requirements;
    const failure = first!.failures.find((f) => f.exchange?.response)!;
    const odd = { ...failure, exchange: { ...failure.exchange!, response: { ...failure.exchange!.response!, status: 799 } } };
    const text = renderJson({ ...report, requirements: [{ ...first!, failures: [odd] }, ...rest] });
    expect(text).toContain('"status": 799');
  });

  it('should drop fields the model does not define, which the closed schema would reject', () => {
    const report = { ...nonConformantReport(), internalHandle: { socket: 'x' } } as ConformanceReport;
    expect(renderJson(report)).not.toContain('internalHandle');
    expect(validate(parsed(report))).toBe(true);
  });
});

describe('schemas/conformance-report.schema.json', () => {
  it('should compile under ajv 2020-12 in strict mode with formats', () => {
    expect(() => compileSchema()).not.toThrow();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('should describe exactly the keys the model has at each closed level', () => {
    const baseline = compareWithBaseline(nonConformantReport(), {
      file: 'previous/conformance.json',
      report: conformantReport(),
    });
    const aborted = { code: 'CT_INTERRUPTED', stage: 'checks', message: 'the run was cancelled' } as const;
    const document = parsed({ ...nonConformantReport(), verdictReason: 'why', aborted, baseline }) as {
      requirements: Record<string, unknown>[];
    };
    const defs = schema.$defs as Record<string, { properties: Record<string, unknown> }>;
    const topLevel = Object.keys(schema.properties as object);
    expect(Object.keys(document).sort()).toEqual([...topLevel].sort());
    const withWaiver = document.requirements.find((r) => r.waiver !== undefined);
    expect(Object.keys(withWaiver ?? {}).sort()).toEqual(Object.keys(defs.requirement?.properties ?? {}).sort());
    const failures = document.requirements.flatMap((r) => r.failures as Record<string, unknown>[]);
    const fullFailure = failures.find((f) => f.fuzz !== undefined && f.exchange !== undefined);
    expect(Object.keys(fullFailure ?? {}).sort()).toEqual(Object.keys(defs.failure?.properties ?? {}).sort());
  });

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each breakage reaches into the parsed report at any depth
  const breakages: [string, (doc: Record<string, any>) => void][] = [
    [
      'an unknown top-level field',
      (doc) => {
        doc.extra = true;
      },
    ],
    [
      'an unknown outcome',
      (doc) => {
        doc.requirements[0].status = 'flaky';
      },
    ],
    [
      'a missing verdict',
      (doc) => {
        delete doc.verdict;
      },
    ],
    [
      'an exit code that contradicts the verdict',
      (doc) => {
        doc.exitCode = 0;
      },
    ],
    [
      'a waived requirement without its waiver',
      (doc) => {
        const waived = doc.requirements.find((r: { status: string }) => r.status === 'waived');
        delete waived.waiver;
      },
    ],
    [
      'a skip without a reason',
      (doc) => {
        const skipped = doc.requirements.find((r: { status: string }) => r.status === 'skip');
        skipped.reasons = [];
      },
    ],
    [
      'a spec hash that is not sha256 hex',
      (doc) => {
        doc.spec.sha256 = 'abc';
      },
    ],
    [
      'a start time that is not a date-time',
      (doc) => {
        doc.run.startedAt = 'yesterday';
      },
    ],
    [
      'a waiver expiry that is not a date',
      (doc) => {
        doc.waivers.expired[0].expires = '31/01/2024';
      },
    ],
    [
      'an unknown field in failure evidence',
      (doc) => {
        doc.requirements[0].failures[0].password = 'x';
      },
    ],
    [
      'a non-GET request',
      (doc) => {
        doc.requirements[0].failures[0].exchange.request.method = 'POST';
      },
    ],
    [
      'a missing count',
      (doc) => {
        delete doc.counts.byLevel.MAY.waived;
      },
    ],
    [
      'a spec reference without its name',
      (doc) => {
        delete doc.requirements[0].specRefLabels[0].label;
      },
    ],
    [
      'a requirement without spec reference names',
      (doc) => {
        delete doc.requirements[0].specRefLabels;
      },
    ],
  ];

  it.each(breakages)('should reject a report with %s', (_name, breakIt) => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the breakages above take the parsed report as it is
    const document = parsed(nonConformantReport()) as Record<string, any>;
    expect(validate(document)).toBe(true);
    breakIt(document);
    expect(validate(document)).toBe(false);
  });
});
