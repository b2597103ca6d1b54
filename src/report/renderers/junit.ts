/**
 * `junit.xml`: one `<testsuite>` per suite and one `<testcase>` per requirement, valid against
 * the Jenkins JUnit schema (junit-4.xsd) with one extension that Jenkins' JUnit plugin, pytest
 * and Testmo also use: `<properties>` on a testcase. GitLab, Jenkins and the GitHub
 * test-report actions read it. The run's facts are properties of every testsuite, the only
 * place the schema allows them.
 */
import { XMLBuilder } from 'fast-xml-parser';
import type { ConformanceReport, RequirementResult } from '../../core/report-model.js';
import { baselineJunitProperties } from './baseline.js';
import { failuresText, headline, replaceControlCharacters, uniqueTestNames } from './plain-text.js';
import { basisText, coverageSentence, deviationLine, dialectHeadline, overlaysText } from './verdict-text.js';

/** Renders the report as JUnit XML. Waived requirements pass, with the waiver as a property. */
export function renderJunit(report: ConformanceReport): string {
  const names = uniqueTestNames(report.requirements);
  const cases = report.requirements.map((requirement, index) => ({ requirement, name: names[index] ?? '' }));
  const suiteNames = [...new Set(report.requirements.map((r) => r.suite))];
  const runProperties = runPropertiesOf(report);
  const stopped = stoppedSuite(report, runProperties);
  const counts = countAttributes(report.requirements);

  const document = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    testsuites: {
      '@_name': `${report.tool.name}: ${report.spec.title} ${report.spec.version} at ${report.target.baseUrl}`,
      ...counts,
      // A run that stopped early has one more test case, in error: the run itself.
      ...(stopped
        ? { '@_tests': String(Number(counts['@_tests']) + 1), '@_errors': String(Number(counts['@_errors']) + 1) }
        : {}),
      // The whole run's wall-clock time: checks overlap, so it is less than the suites' sum.
      '@_time': seconds(report.run.durationMs),
      testsuite: [
        ...(stopped ? [stopped] : []),
        ...suiteNames.map((suite) => {
          const members = cases.filter((c) => c.requirement.suite === suite);
          return {
            '@_name': suite,
            ...countAttributes(members.map((c) => c.requirement)),
            '@_skipped': String(members.filter((c) => c.requirement.status === 'skip').length),
            '@_time': seconds(members.reduce((sum, c) => sum + c.requirement.durationMs, 0)),
            '@_timestamp': report.run.startedAt,
            properties: { property: runProperties },
            testcase: members.map((c) => testcase(c.requirement, c.name)),
          };
        }),
      ],
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

/**
 * The suite `run`, present when the run stopped early: one test case in error that names what
 * stopped it, so that a CI widget listing errors shows the cause before the requirements it
 * left unjudged.
 */
function stoppedSuite(report: ConformanceReport, runProperties: Record<string, string>[]): Record<string, unknown> | undefined {
  const aborted = report.aborted;
  if (!aborted) return undefined;
  return {
    '@_name': 'run',
    '@_tests': '1',
    '@_failures': '0',
    '@_errors': '1',
    '@_skipped': '0',
    '@_time': seconds(report.run.durationMs),
    '@_timestamp': report.run.startedAt,
    properties: { property: runProperties },
    testcase: [
      {
        '@_name': `the run stopped in the ${aborted.stage} (${aborted.code})`,
        '@_classname': 'run',
        '@_time': seconds(report.run.durationMs),
        '@_status': 'error',
        error: { '@_message': oneLine(aborted.message.split('\n')[0]!), '@_type': aborted.code, '#text': aborted.message },
      },
    ],
  };
}

function runPropertiesOf(report: ConformanceReport): Record<string, string>[] {
  const overlays = overlaysText(report);
  return [
    property('tool', `${report.tool.name} ${report.tool.version}`),
    property('verdict', report.verdict),
    ...(report.verdictReason !== undefined ? [property('verdict-reason', report.verdictReason)] : []),
    property('coverage', coverageSentence(report)),
    property('exit-code', String(report.exitCode)),
    property('gating-level', report.run.gatingLevel),
    property('seed', String(report.run.seed)),
    property('fuzz-runs', String(report.run.fuzzRuns)),
    property('target', report.target.baseUrl),
    property('spec', `${report.spec.title} ${report.spec.version}`),
    property('spec-sha256', report.spec.sha256),
    ...(overlays ? [property('overlays', overlays), property('effective-spec-sha256', report.spec.effectiveSha256)] : []),
    property('dialect', dialectHeadline(report).replace(/^dialect: /, '')),
    ...report.dialect.deviations.map((deviation) => property('deviation', deviationLine(deviation))),
    property('profile', report.profile.name),
    ...baselineJunitProperties(report).map((p) => property(p.name, p.value)),
  ];
}

function testcase(requirement: RequirementResult, name: string): Record<string, unknown> {
  const properties = [
    property('requirement', requirement.id),
    property('level', requirement.level),
    property('status', requirement.status),
    property('basis', basisText(requirement)),
    ...requirement.sources.map((source) => property('source', source)),
    ...requirement.specRefLabels.map((ref) => property('spec-ref', `${ref.label} (${ref.pointer})`)),
  ];
  if (requirement.waiver) {
    properties.push(property('waived', `${requirement.waiver.reason} (expires ${requirement.waiver.expires})`));
  }
  const element: Record<string, unknown> = {
    '@_name': name,
    '@_classname': requirement.suite,
    '@_time': seconds(requirement.durationMs),
    '@_status': requirement.status,
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
      // junit-4.xsd gives <skipped> text and no attributes; Jenkins reads the reason from the text.
      element.skipped = headline(requirement);
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
  const count = (status: RequirementResult['status']): string => String(requirements.filter((r) => r.status === status).length);
  return {
    '@_tests': String(requirements.length),
    '@_failures': count('fail'),
    '@_errors': count('error'),
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
