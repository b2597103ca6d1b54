/**
 * report.html as a person uses it, in a real (headless) Chromium: the banner, the filters, the
 * expanding failures, the copy button, the layout at desktop and phone widths, offline, with
 * axe-core and the keyboard. Three fixed reports; a screenshot of each lands in
 * test-output/browser/ for a reviewer to look at.
 */
import { readFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConformanceReport } from '../../src/core/report-model.js';
import { OUTCOME_LABELS } from '../../src/report/renderers/plain-text.js';
import { verdictTone } from '../../src/report/renderers/verdict-text.js';
import { writeReports } from '../../src/report/write.js';
import { conformantReport, nonConformantReport, SECRET_SPELLINGS, skipsWaiversErrorsReport } from '../report/fixtures.js';
import { launchChromium } from './chromium.js';

/** Git-ignored; screenshots and the rendered reports stay here for a reviewer. */
export const OUTPUT_DIR = path.resolve(import.meta.dirname, '../../test-output/browser');

const DESKTOP = { width: 1280, height: 900 } as const;
const PHONE = { width: 390, height: 844 } as const;

const REPORTS: readonly (readonly [string, () => ConformanceReport])[] = [
  ['conformant', conformantReport],
  ['failures', nonConformantReport],
  ['skips-waivers-errors', skipsWaiversErrorsReport],
];

/** What the banner class is for each tone, and the background it must show. */
const BANNER_BACKGROUND: Readonly<Record<string, string>> = {
  conformant: 'rgb(26, 127, 55)',
  unproven: 'rgb(138, 92, 0)',
  'non-conformant': 'rgb(180, 35, 24)',
  inconclusive: 'rgb(89, 99, 110)',
};

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe.each(REPORTS)('report.html of the %s run, in Chromium', (name, build) => {
  const dir = path.join(OUTPUT_DIR, name);
  let json: ConformanceReport;
  let url: string;
  let context: BrowserContext;
  let page: Page;
  /** Every request the page made, and every one that left file://. */
  const requested: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    await writeReports(build(), dir, ['json', 'html']);
    json = JSON.parse(await readFile(path.join(dir, 'conformance.json'), 'utf8')) as ConformanceReport;
    url = pathToFileURL(path.join(dir, 'report.html')).href;
    context = await browser.newContext({ viewport: DESKTOP, offline: true });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    // Anything but the file itself is recorded and refused: the page must work without it.
    await context.route(/.*/, async (route) => {
      const target = route.request().url();
      requested.push(target);
      if (target === url) await route.continue();
      else await route.abort();
    });
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning')
        problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.goto(url);
  });

  afterAll(async () => {
    await context?.close();
  });

  it('shows the verdict and how much was proven, in the colour the verdict calls for', async () => {
    const tone = verdictTone(json);
    const header = page.locator('header.banner');
    await expect(header.getAttribute('class')).resolves.toBe(`banner banner-${tone}`);
    const background = await header.evaluate(
      (element, property) => element.ownerDocument.defaultView?.getComputedStyle(element).getPropertyValue(property),
      'background-color',
    );
    expect(background).toBe(BANNER_BACKGROUND[tone]);
    const word = { conformant: 'Conformant', 'non-conformant': 'Non-conformant', inconclusive: 'Inconclusive' }[json.verdict];
    await expect(page.locator('h1').innerText()).resolves.toContain(`Verdict: ${word}`);
    const coverage = await page.locator('.verdict-coverage').innerText();
    const { judged, proven, notProven, percent } = json.coverage;
    if (notProven.length === 0) expect(coverage).toContain(`All ${judged} MUST requirements proven`);
    else
      expect(coverage).toMatch(
        new RegExp(`^${proven} of ${judged} MUST requirements proven \\(${percent} %\\); ${notProven.length} not proven`),
      );
    const dialect = await page.locator('.banner-dialect').innerText();
    expect(dialect).toContain(
      json.dialect.deviations.length === 0 ? 'Dialect: canonical' : `Dialect: ${json.dialect.deviations.length} deviations`,
    );
    for (const deviation of json.dialect.deviations) expect(dialect).toContain(`${deviation.canonical} → ${deviation.value}`);
  });

  it('shows exactly the rows of the statuses that are ticked, with counts that match the JSON', async () => {
    const boxes = page.locator('#filters input[type=checkbox]');
    const statuses = await boxes.evaluateAll((inputs) => inputs.map((input) => input.getAttribute('value') ?? ''));
    expect(statuses.sort()).toEqual(
      Object.entries(json.counts.byOutcome)
        .filter(([, n]) => n > 0)
        .map(([s]) => s)
        .sort(),
    );
    for (const status of statuses) {
      const label = page.locator('label.filter-status', { has: page.locator(`input[value="${status}"]`) });
      const count = json.counts.byOutcome[status as keyof typeof json.counts.byOutcome];
      expect((await label.innerText()).trim()).toBe(`${OUTCOME_LABELS[status as keyof typeof OUTCOME_LABELS]} (${count})`);
      // Only this status ticked.
      for (const other of statuses) await page.locator(`#filters input[value="${other}"]`).setChecked(other === status);
      expect(await visibleRowIds(page)).toEqual(json.requirements.filter((r) => r.status === status).map((r) => r.id));
      await expect(page.locator('#filter-count').innerText()).resolves.toBe(
        `${count} of ${json.requirements.length} requirements shown`,
      );
    }
    for (const status of statuses) await page.locator(`#filters input[value="${status}"]`).check();
    expect(await visibleRowIds(page)).toEqual(json.requirements.map((r) => r.id));
  });

  it('shows exactly the rows whose id, title, suite, level, status or basis hold the filter text', async () => {
    const needles = [json.requirements[0]!.suite, 'must', json.requirements.at(-1)!.id.toLowerCase(), 'no-such-requirement'];
    for (const needle of needles) {
      await page.locator('#filter-text').fill(needle);
      const expected = json.requirements
        .filter((r) =>
          [r.id, r.title, r.suite, r.level, r.status, r.basis].join(' ').toLowerCase().includes(needle.toLowerCase()),
        )
        .map((r) => r.id);
      expect(await visibleRowIds(page)).toEqual(expected);
    }
    await page.locator('#filter-text').fill('');
    expect(await visibleRowIds(page)).toHaveLength(json.requirements.length);
  });

  it('expands each failure to Received/Documented, the request and the curl line', async () => {
    const expandable = json.requirements.filter((r) => r.status === 'fail' || r.status === 'error' || r.status === 'waived');
    await expect(page.locator('details.evidence-details').count()).resolves.toBe(expandable.length);
    for (const requirement of expandable) {
      const row = page.locator(`#requirements tr[data-status]`, { has: page.locator('td.cell-id', { hasText: requirement.id }) });
      const details = row.locator('details.evidence-details');
      await expect(details.locator('.evidence').isVisible()).resolves.toBe(false);
      await details.locator('summary').first().click();
      await expect(details.locator('.evidence').isVisible()).resolves.toBe(true);
      // Kept failures after the first wait behind one more click.
      const more = details.locator('details.more-failures > summary');
      await expect(more.count()).resolves.toBe(requirement.failures.length > 1 ? 1 : 0);
      if (requirement.failures.length > 1) await more.click();
      const text = await details.locator('.evidence').innerText();
      for (const failure of requirement.failures) {
        expect(text).toContain(failure.message.split('\n')[0]);
        expect(text).toMatch(/Documented: /);
        if (failure.exchange) expect(text).toContain(`GET ${failure.exchange.request.url}`);
        if (failure.curl) expect(text).toContain(failure.curl);
      }
      for (const reason of requirement.reasons) expect(text).toContain(reason.split('\n')[0]);
    }
  });

  it('copies the curl line to the clipboard, and the copied text holds no secret', async () => {
    const curls = json.requirements.flatMap((r) => r.failures.flatMap((f) => (f.curl ? [f.curl] : [])));
    await openEverything(page);
    const buttons = page.locator('button.copy');
    await expect(buttons.count()).resolves.toBe(curls.length);
    for (const [index, curl] of curls.entries()) {
      const button = buttons.nth(index);
      await button.scrollIntoViewIfNeeded();
      await button.click();
      await expect.poll(() => button.innerText()).toBe('Copied');
      const copied = await page.evaluate<string>('navigator.clipboard.readText()');
      expect(copied).toBe(curl);
      for (const secret of SECRET_SPELLINGS) expect(copied).not.toContain(secret);
    }
    // Nor does anything else on the page, though the hostile target echoed the credentials back.
    const content = await page.content();
    for (const secret of SECRET_SPELLINGS) expect(content).not.toContain(secret);
    if (name === 'failures') {
      expect(content).toContain('echo Basic &lt;redacted&gt;');
      const fuzzed = curls.find((curl) => curl.includes('identifierName=externalId')) ?? '';
      expect(fuzzed).toContain('$LEDGER_CONFORMANCE_USER');
      expect(fuzzed.length).toBeGreaterThan(500);
    }
  });

  it.each([DESKTOP, PHONE])('does not overflow sideways at $width px, with every section expanded', async (viewport) => {
    await page.setViewportSize(viewport);
    await openEverything(page);
    const widths = await page.evaluate<{ scroll: number; client: number }>(
      '({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })',
    );
    expect(widths.scroll, `the page is ${widths.scroll} px wide in a ${widths.client} px window`).toBeLessThanOrEqual(
      widths.client,
    );
    await page.setViewportSize(DESKTOP);
  });

  it('lets the keyboard reach the filter and every failure', async () => {
    await page.reload();
    const failures = json.requirements
      .filter((r) => r.status === 'fail' || r.status === 'error' || r.status === 'waived')
      .map((r) => r.id);
    const reached = new Set<string>();
    await page.locator('body').focus();
    for (let step = 0; step < 300; step += 1) {
      await page.keyboard.press('Tab');
      const where = await page.evaluate<string>(DESCRIBE_FOCUS);
      if (where === 'end') break;
      reached.add(where);
    }
    expect(reached).toContain('filter');
    for (const status of Object.entries(json.counts.byOutcome)
      .filter(([, n]) => n > 0)
      .map(([s]) => s))
      expect(reached).toContain(`box:${status}`);
    for (const id of failures) expect(reached).toContain(`failure:${id}`);
  });

  it('has no serious or critical accessibility violations (axe-core), with every section expanded', async () => {
    await page.reload();
    await openEverything(page);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.id} (${v.impact}): ${v.help}: ${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join('; ')}`,
      );
    expect(serious).toEqual([]);
    expect(results.passes.length).toBeGreaterThan(10);
  });

  it('saves screenshots: the whole page and its top at desktop width, the top at phone width', async () => {
    await mkdir(OUTPUT_DIR, { recursive: true });
    const fromTheTop = async (viewport: { width: number; height: number }): Promise<void> => {
      await page.setViewportSize(viewport);
      await page.goto(url);
      await page.evaluate('window.scrollTo(0, 0)');
    };
    await fromTheTop(DESKTOP);
    const whole = await page.screenshot({ path: path.join(OUTPUT_DIR, `${name}.png`), fullPage: true });
    const top = await page.screenshot({
      path: path.join(OUTPUT_DIR, `${name}-top.png`),
      clip: { x: 0, y: 0, width: DESKTOP.width, height: 1240 },
      fullPage: true,
    });
    await fromTheTop(PHONE);
    const phone = await page.screenshot({ path: path.join(OUTPUT_DIR, `${name}-phone.png`) });
    await fromTheTop(DESKTOP);
    for (const png of [whole, top, phone]) expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('worked offline: nothing but the file itself was requested, and nothing was refused or logged', () => {
    expect(requested.length).toBeGreaterThan(0);
    expect([...new Set(requested)]).toEqual([url]);
    expect(problems).toEqual([]);
  });
});

describe('the request monitor of these tests', () => {
  it('does see a request that leaves the page, so "nothing requested" above means something', async () => {
    const context = await browser.newContext({ offline: true });
    const seen: string[] = [];
    await context.route(/.*/, async (route) => {
      seen.push(route.request().url());
      await route.abort();
    });
    const page = await context.newPage();
    await page.setContent('<img src="https://example.invalid/pixel.png" alt="">');
    await context.close();
    expect(seen).toContain('https://example.invalid/pixel.png');
  });
});

/**
 * Where the keyboard focus is, in the page's terms: the filter, a status box, the summary of a
 * requirement's failures, another element, or `end` once focus has left the page. (Page-side
 * code is written as text: this project compiles for Node, without the DOM library.)
 */
const DESCRIBE_FOCUS = `(() => {
  const active = document.activeElement;
  if (!active || active === document.body) return 'end';
  if (active.id === 'filter-text') return 'filter';
  if (active.tagName === 'INPUT') return 'box:' + active.value;
  const row = active.closest('tr[data-status]');
  return active.tagName === 'SUMMARY' && row ? 'failure:' + row.querySelector('td.cell-id').textContent : active.tagName;
})()`;

/** Ids of the requirement rows a person can see, in page order. */
async function visibleRowIds(page: Page): Promise<string[]> {
  return page.locator('#requirements tbody tr:visible td.cell-id').allTextContents();
}

/** Opens every <details>, so the widest content is laid out. */
async function openEverything(page: Page): Promise<void> {
  await page.evaluate("document.querySelectorAll('details').forEach((details) => { details.open = true; })");
}
