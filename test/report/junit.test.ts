import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { ConformanceReport, RequirementResult } from '../../src/report/model.js';
import { renderJunit } from '../../src/report/renderers/junit.js';
import { assemble, conformantReport, deepFreeze, HOSTILE_BODY, nonConformantReport } from './fixtures.js';

interface Property { '@_name': string; '@_value': string }
interface Testcase {
  '@_name': string;
  '@_classname': string;
  properties: { property: Property[] };
  failure?: { '#text': string; '@_message': string; '@_type': string };
  error?: { '#text': string; '@_message': string };
  skipped?: { '@_message': string };
  'system-out'?: string;
}
interface Testsuite { '@_name': string; '@_tests': string; '@_failures': string; '@_errors': string; '@_skipped': string; testcase: Testcase[] }
interface Junit { testsuites: Record<string, string> & { properties: { property: Property[] }; testsuite: Testsuite[] } }

function parse(xml: string): Junit {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: false,
    isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
  });
  return parser.parse(xml) as Junit;
}

const casesOf = (junit: Junit): Testcase[] => junit.testsuites.testsuite.flatMap((suite) => suite.testcase);
const caseFor = (junit: Junit, id: string): Testcase => {
  const found = casesOf(junit).find((c) => c['@_name'].startsWith(`${id} `));
  if (!found) throw new Error(`no testcase for ${id}`);
  return found;
};
const propertyValues = (testcase: Testcase, name: string): string[] =>
  testcase.properties.property.filter((p) => p['@_name'] === name).map((p) => p['@_value']);

describe('renderJunit', () => {
  const report = deepFreeze(nonConformantReport());
  const xml = renderJunit(report);
  const junit = parse(xml);

  it('should be well-formed XML even with markup, CDATA ends and control characters in bodies', () => {
    // XMLValidator is deprecated in favour of a separate package we do not install; it still
    // is the strict well-formedness check the lenient XMLParser is not.
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).not.toContain('<script>');
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
  });

  it('should have exactly one testcase per requirement, with unique names', () => {
    const names = casesOf(junit).map((c) => c['@_name']);
    expect(names).toHaveLength(report.requirements.length);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('RESP-BODY Every 200 body matches the response schema');
  });

  it('should group testcases in one testsuite per suite, with the suite as classname', () => {
    const suites = junit.testsuites.testsuite.map((s) => s['@_name']);
    expect(suites).toEqual([...new Set(report.requirements.map((r) => r.suite))]);
    for (const suite of junit.testsuites.testsuite) {
      for (const testcase of suite.testcase) expect(testcase['@_classname']).toBe(suite['@_name']);
    }
  });

  it('should count tests, failures, errors and skips consistently with the testcases', () => {
    const all = casesOf(junit);
    expect(junit.testsuites['@_tests']).toBe(String(all.length));
    expect(junit.testsuites['@_failures']).toBe(String(all.filter((c) => c.failure).length));
    expect(junit.testsuites['@_errors']).toBe(String(all.filter((c) => c.error).length));
    expect(junit.testsuites['@_skipped']).toBe(String(all.filter((c) => c.skipped !== undefined).length));
    expect([junit.testsuites['@_failures'], junit.testsuites['@_errors'], junit.testsuites['@_skipped']]).toEqual([
      String(report.counts.byOutcome.fail),
      String(report.counts.byOutcome.error),
      String(report.counts.byOutcome.skip),
    ]);
    for (const suite of junit.testsuites.testsuite) {
      expect(suite['@_tests']).toBe(String(suite.testcase.length));
      expect(suite['@_failures']).toBe(String(suite.testcase.filter((c) => c.failure).length));
    }
  });

  it('should carry every kept failure with message, request line, status, body and curl', () => {
    const respBody = report.requirements.find((r) => r.id === 'RESP-BODY') as RequirementResult;
    const failure = caseFor(junit, 'RESP-BODY').failure;
    expect(failure?.['@_type']).toBe('MUST');
    const text = failure?.['#text'] ?? '';
    for (const kept of respBody.failures) {
      expect(text).toContain(kept.curl);
      expect(text).toContain(`GET ${kept.exchange?.request.url}`);
    }
    expect(text).toContain('Response status: 200');
    expect(text).toContain('Documented: a 200 body has exactly');
    // The body survives the round trip except for the control characters XML cannot carry.
    expect(text).toContain(`<script>alert('pwned')</script> & ]]> \\"quoted\\" Zürich 東京 🎉`);
    expect(HOSTILE_BODY).toContain('\u0000');
    expect(text).toContain('\uFFFD\uFFFD\uFFFD[31m');
  });

  it('should say how many failures were not kept', () => {
    expect(caseFor(junit, 'ERR-9022').failure?.['#text']).toContain('… and 4 more failures not kept in the report.');
  });

  it('should report errors as <error>, skips as <skipped> with the reason', () => {
    expect(caseFor(junit, 'AUTH-BASIC-MD5').error?.['@_message']).toContain('read ECONNRESET');
    expect(caseFor(junit, 'AUTH-BASIC-MD5').failure).toBeUndefined();
    expect(caseFor(junit, 'UG-PRIMARY').skipped?.['@_message']).toBe('The profile lists no user group with a primary member.');
  });

  it('should pass waived requirements, with the waiver as a property and the failure in system-out', () => {
    const waived = caseFor(junit, 'ACUR-WARN');
    expect(waived.failure).toBeUndefined();
    expect(waived.error).toBeUndefined();
    expect(propertyValues(waived, 'waived')).toEqual(['CAP-4821: 9004 is sent instead of 9018 until release 24.3 (expires 2099-12-31)']);
    expect(waived['system-out']).toContain('Warning code is 9004, not 9018');
  });

  it('should put level, spec refs and status on testcases, and seed and verdict on testsuites', () => {
    const testcase = caseFor(junit, 'FLAG-BILL-DETAILS');
    expect(propertyValues(testcase, 'level')).toEqual(['SHOULD']);
    expect(propertyValues(testcase, 'spec-ref')).toEqual([...(report.requirements.find((r) => r.id === 'FLAG-BILL-DETAILS')?.specRefs ?? [])]);
    const runProperties = junit.testsuites.properties.property;
    expect(runProperties).toContainEqual({ '@_name': 'seed', '@_value': '982451653' });
    expect(runProperties).toContainEqual({ '@_name': 'verdict', '@_value': 'non-conformant' });
  });

  it('should make names unique when two requirements would share one', () => {
    const base = conformantReport();
    const first = base.requirements[0] as RequirementResult;
    const duplicated: ConformanceReport = assemble({ ...base, requirements: [first, first, ...base.requirements.slice(1)] });
    const names = casesOf(parse(renderJunit(duplicated))).map((c) => c['@_name']);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain(`${first.id} ${first.title} (2)`);
  });

  it('should give the same bytes for the same model', () => {
    expect(renderJunit(nonConformantReport())).toBe(xml);
  });
});
