/**
 * The "done when": a run with failures of several causes, as QA triages it. The target
 * is the reference with three faults planted (a warning code misnumbered, a bill field renamed,
 * the 11021 rule not enforced), judged under an overlay with one local decision, with a waiver
 * narrowed to one cause and a disputed waiver. The reports must carry the quotes, the causes
 * with counts, the narrowed and the disputed waivers apart, and the local decision marked as
 * such; a local decision that hides a fault of the catalog is refused, naming the fault.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../suites/index.js';
import { loadEffectiveSpec, loadSpec } from '../../src/contract/load.js';
import type { ConformanceReport, Waiver } from '../../src/core/report-model.js';
import { runSession } from '../../src/engine/session.js';
import { faultContext } from '../../src/faults/fault.js';
import { buildFaults } from '../../src/faults/index.js';
import { refuseFaultHidingDecisions } from '../../src/faults/local-decisions.js';
import { builtInProfile } from '../../src/profile/load.js';
import { referenceSecrets } from '../../src/reference/identities.js';
import { createReference } from '../../src/reference/index.js';
import { renderHtml, renderJson, renderMarkdown } from '../../src/report/renderers/index.js';
import { summaryLines } from '../../src/cli/summary.js';
import { validateData } from '../../src/core/data-file.js';
import { FileInvalidError } from '../../src/core/errors.js';

const canonical = loadSpec();
const folder = mkdtempSync(join(tmpdir(), 'triage-'));
const OPERATION = "$.paths['/v2/pointsLedger/getLedgerExplodeInfo'].get";

function overlayFile(name: string, actions: readonly object[]): string {
  const file = join(folder, name);
  writeFileSync(file, JSON.stringify({ overlay: '1.0.0', info: { title: name, version: '1' }, actions }));
  return file;
}

/** Staging sends warning 9999 for archived currencies: declared, not evidenced. */
const accepted = overlayFile('staging-decisions.json', [
  {
    target: '$.components.schemas.Warning.properties.code.enum',
    update: 9999,
    'x-local-decision': { reason: 'CAP-5120: staging sends warning 9999 for archived currencies' },
  },
]);
/** Accepting 9005 for an unknown currency name is exactly the catalog's fault alternate-currencies/unknown-name-warning-code. */
const hiding = overlayFile('hiding-decision.json', [
  {
    target: `${OPERATION}['x-ledger-warnings'][0].acceptedCodes`,
    update: 9005,
    'x-local-decision': { reason: 'staging numbers the unknown-currency warning 9005' },
  },
  {
    target: '$.components.schemas.Warning.properties.code.enum',
    update: 9005,
    'x-local-decision': { reason: 'staging numbers the unknown-currency warning 9005' },
  },
]);

const faultIds = [
  'errors/11021-both-selectors-not-enforced',
  'alternate-currencies/unknown-name-warning-code',
  'schema/bill-number-renamed',
];

const waivers: Waiver[] = [
  // One cause of RESP-BODY only: the misnumbered warning. The renamed bill field must still fail.
  {
    requirement: 'RESP-BODY',
    code: 9005,
    reason: 'CAP-5001 warning code fixed in 25.2',
    expires: '2099-01-01',
    kind: 'known-defect',
    owner: 'payments-qa',
  },
  {
    requirement: 'AC-UNKNOWN-WARNING',
    reason: 'we read S6 as allowing 9005 here',
    expires: '2099-01-01',
    kind: 'disputed',
    owner: 'payments-qa',
  },
  { requirement: 'PAGE-ORDER', status: 200, reason: 'nothing fails here: stale', expires: '2099-01-01' },
];

async function triagedRun(): Promise<ConformanceReport> {
  const spec = loadEffectiveSpec({ overlays: [accepted] });
  const reference = createReference(canonical, { seed: 20261126 });
  const faults = buildFaults(canonical);
  let handler = reference.handler;
  for (const id of faultIds) {
    const fault = faults.find((f) => f.id === id)!;
    handler = fault.build(faultContext(canonical, reference.dataset, reference.identities, handler));
  }
  const { report } = await runSession({
    spec,
    profile: builtInProfile(reference.profile),
    catalog: buildCatalog(spec),
    destination: { kind: 'in-process', handler },
    secrets: referenceSecrets(reference.identities),
    seed: 3,
    fuzzRuns: 10,
    gatingLevel: 'MUST',
    concurrency: 8,
    suites: ['schema', 'errors', 'alternate-currencies', 'pagination'],
    waivers,
    today: '2026-12-06',
  });
  return report;
}

describe('triage of a run with failures of several causes', () => {
  it('shows quotes, causes, narrowed and disputed waivers and the local decision in every report', async () => {
    const report = await triagedRun();
    validateData(
      JSON.parse(renderJson(report)),
      'conformance-report.schema.json',
      (problems) => new Error(JSON.stringify(problems)),
    );
    const byId = new Map(report.requirements.map((r) => [r.id, r]));
    const quote = 'EventId and Event References, both cannot be passed';

    // Quotes, next to what was received, in all four reports.
    expect(byId.get('ERR-11021')!.status).toBe('fail');
    expect(byId.get('ERR-11021')!.evidence).toEqual([
      expect.objectContaining({ source: 'S1', quote: expect.stringContaining(quote) }),
    ]);
    const terminal = summaryLines(report, [], { color: false }).join('\n');
    const markdown = renderMarkdown(report);
    const html = renderHtml(report);
    expect(terminal).toMatch(new RegExp(`rests on S1: ".*${quote}`));
    expect(markdown).toContain(quote);
    expect(html).toContain(quote);
    expect(renderJson(report)).toContain(quote);

    // Groups with counts: RESP-BODY has two causes, one waived by the narrowed waiver, one still failing.
    const body = byId.get('RESP-BODY')!;
    expect(body.status).toBe('fail');
    const groups = body.failureGroups!;
    const warning = groups.filter((g) => g.signature.codes?.includes(9005));
    const bill = groups.filter((g) => !g.signature.codes?.includes(9005));
    expect(warning.length).toBeGreaterThan(0);
    expect(bill.length).toBeGreaterThan(0);
    expect(warning.every((g) => g.waiver?.code === 9005)).toBe(true);
    expect(bill.every((g) => g.waiver === undefined)).toBe(true);
    expect(groups.reduce((n, g) => n + g.count, 0)).toBe(body.failureCount);
    expect(terminal).toMatch(/RESP-BODY[\s\S]*\d+ failures, \d+ causes:/);
    expect(markdown).toMatch(/\d+ failures, \d+ causes/);
    expect(html).toMatch(/\d+ failures, \d+ causes/);

    // The disputed waiver, listed apart, with its ready-to-file text (failure, evidence, request).
    expect(byId.get('AC-UNKNOWN-WARNING')!.status).toBe('waived');
    const dispute = report.waivers.disputes!.find((d) => d.requirement === 'AC-UNKNOWN-WARNING')!;
    expect(dispute.text).toContain('we read S6 as allowing 9005 here');
    expect(dispute.text).toContain('Received:');
    expect(dispute.text).toMatch(/curl .*getLedgerExplodeInfo/);
    expect(markdown).toContain('Disputed (we believe the kit asks too much):');
    expect(markdown).toContain('Known defects of the target:');
    expect(markdown).toContain('Ready to file: AC-UNKNOWN-WARNING');
    expect(terminal).toContain('waived, disputed:     AC-UNKNOWN-WARNING');
    expect(terminal).toContain('waived, known defect: RESP-BODY (code 9005)');
    expect(html).toContain('Disputed AC-UNKNOWN-WARNING: ready-to-file text');
    // A waiver that matched nothing is stale.
    expect(report.waivers.unused.map((w) => w.requirement)).toEqual(['PAGE-ORDER']);
    expect(terminal).toContain('waiver stale (matched nothing): PAGE-ORDER');

    // The local decision, marked as declared by the user, not evidenced, apart from deviations.
    expect(report.dialect.deviations).toEqual([]);
    expect(report.dialect.changedOutsideKnobs).toEqual([]);
    expect(report.dialect.localDecisions).toEqual([
      expect.objectContaining({ reason: 'CAP-5120: staging sends warning 9999 for archived currencies', overlay: accepted }),
    ]);
    for (const text of [terminal, markdown, html]) expect(text).toContain('declared by the user, not evidenced');
  }, 120_000);

  it('accepts a local decision that hides no fault of the catalog', async () => {
    const spec = loadEffectiveSpec({ overlays: [accepted] });
    await expect(refuseFaultHidingDecisions(spec, { overlays: [accepted] })).resolves.toBeUndefined();
  }, 300_000);

  it('refuses a local decision that would make a planted fault pass, naming the fault', async () => {
    const spec = loadEffectiveSpec({ overlays: [hiding] });
    const refusal = await refuseFaultHidingDecisions(spec, { overlays: [hiding] }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(FileInvalidError);
    expect((refusal as Error).message).toContain('alternate-currencies/unknown-name-warning-code');
    expect((refusal as Error).message).toContain('/actions/0/x-local-decision');
  }, 300_000);

  it('refuses a local decision without a reason', () => {
    const bare = overlayFile('bare.json', [
      { target: '$.components.schemas.Warning.properties.code.enum', update: 9999, 'x-local-decision': {} },
    ]);
    expect(() => loadEffectiveSpec({ overlays: [bare] })).toThrow(/x-local-decision\/reason: a local decision needs a reason/);
  });
});
