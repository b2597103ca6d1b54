/**
 * `junit.xml`: one `<testsuite>` per suite and one `<testcase>` per requirement, in the common
 * subset GitLab, Jenkins and the GitHub test-report actions all read.
 */
import { XMLBuilder } from 'fast-xml-parser';
import type { ConformanceReport, RequirementResult } from '../model.js';
import { baselineJunitProperties } from './baseline.js';
import { failuresText, headline, replaceControlCharacters, uniqueTestNames } from './plain-text.js';

/** Renders the report as JUnit XML. Waived requirements pass, with the waiver as a property. */
export function renderJunit(report: ConformanceReport): string {
  const names = uniqueTestNames(report.requirements);
  const cases = report.requirements.map((requirement, index) => ({ requirement, name: names[index] ?? '' }));
  const suiteNames = [...new Set(report.requirements.map((r) => r.suite))];

  const document = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    testsuites: {
      '@_name': `${report.tool.name}: ${report.spec.title} ${report.spec.version} at ${report.target.baseUrl}`,
      ...countAttributes(report.requirements),
      // The whole run's wall-clock time; requirements are not timed one by one.
      '@_time': seconds(report.run.durationMs),
      '@_timestamp': report.run.startedAt,
      properties: {
        property: [
          property('tool', `${report.tool.name} ${report.tool.version}`),
          property('verdict', report.verdict),
          property('exit-code', String(report.exitCode)),
          property('gating-level', report.run.gatingLevel),
          property('seed', String(report.run.seed)),
          property('fuzz-runs', String(report.run.fuzzRuns)),
          property('target', report.target.baseUrl),
          property('spec', `${report.spec.title} ${report.spec.version}`),
          property('spec-sha256', report.spec.sha256),
          property('profile', report.profile.name),
          ...baselineJunitProperties(report).map((p) => property(p.name, p.value)),
        ],
      },
      testsuite: suiteNames.map((suite) => {
        const members = cases.filter((c) => c.requirement.suite === suite);
        return {
          '@_name': suite,
          ...countAttributes(members.map((c) => c.requirement)),
          '@_time': '0',
          '@_timestamp': report.run.startedAt,
          testcase: members.map((c) => testcase(c.requirement, c.name)),
        };
      }),
    },
  };

  return `${junitBuilder.build(document).trimEnd()}\n`;
}

const junitBuilder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: true,
  indentBy: '  ',
  suppressEmptyNode: true,
  // Otherwise an attribute whose value is the string "true" is written without a value.
  suppressBooleanAttributes: false,
  // The builder escapes markup; these strip what XML 1.0 cannot carry at all.
  tagValueProcessor: (_name, value) => (typeof value === 'string' ? replaceControlCharacters(value) : value),
  attributeValueProcessor: (_name, value) => (typeof value === 'string' ? replaceControlCharacters(value) : value),
});

function testcase(requirement: RequirementResult, name: string): Record<string, unknown> {
  const properties = [
    property('requirement', requirement.id),
    property('level', requirement.level),
    property('status', requirement.status),
    ...requirement.specRefs.map((ref) => property('spec-ref', ref)),
  ];
  if (requirement.waiver) {
    properties.push(property('waived', `${requirement.waiver.reason} (expires ${requirement.waiver.expires})`));
  }
  const element: Record<string, unknown> = {
    '@_name': name,
    '@_classname': requirement.suite,
    '@_time': '0',
    properties: { property: properties },
  };

  switch (requirement.status) {
    case 'fail':
      element.failure = {
        '@_message': oneLine(headline(requirement)),
        '@_type': requirement.level,
        '#text': failuresText(requirement),
      };
      break;
    case 'error':
      element.error = {
        '@_message': oneLine(headline(requirement)),
        '@_type': 'error',
        '#text': [requirement.reasons.join('\n'), failuresText(requirement)].filter(Boolean).join('\n\n'),
      };
      break;
    case 'skip':
      element.skipped = { '@_message': oneLine(headline(requirement)) };
      break;
    case 'waived': {
      const waiver = requirement.waiver;
      const why = waiver ? `${waiver.reason} (expires ${waiver.expires})` : 'no waiver recorded';
      element['system-out'] = `Waived: ${why}. The requirement failed:\n\n${failuresText(requirement)}`;
      break;
    }
    case 'pass':
      break;
  }
  return element;
}

function countAttributes(requirements: readonly RequirementResult[]): Record<string, string> {
  const count = (status: RequirementResult['status']): string =>
    String(requirements.filter((r) => r.status === status).length);
  return {
    '@_tests': String(requirements.length),
    '@_failures': count('fail'),
    '@_errors': count('error'),
    '@_skipped': count('skip'),
  };
}

function property(name: string, value: string): Record<string, string> {
  return { '@_name': name, '@_value': value };
}

function seconds(durationMs: number): string {
  return (durationMs / 1000).toFixed(3);
}

/**
 * XML parsers turn newlines in attributes into spaces anyway; doing it here keeps the file
 * readable, and the cap keeps CI widgets that show the message in one line usable.
 */
function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MESSAGE_ATTRIBUTE_MAX ? `${line.slice(0, MESSAGE_ATTRIBUTE_MAX - 1)}…` : line;
}

const MESSAGE_ATTRIBUTE_MAX = 500;

