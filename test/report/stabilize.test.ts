import { describe, expect, it } from 'vitest';
import type { ConformanceReport, ExchangeEvidence } from '../../src/core/report-model.js';
import { RENDERERS, REPORT_FORMATS } from '../../src/report/renderers/index.js';
import { STABLE_EMBEDDED_BASE_URL, STABLE_STARTED_AT, stabilize, VOLATILE } from '../../src/report/stabilize.js';
import { deepFreeze, nonConformantReport } from './fixtures.js';

/** The same run observed at another time: new clock, new request ids, new cookies, header order shuffled. */
function laterRun(report: ConformanceReport): ConformanceReport {
  const retime = (exchange: ExchangeEvidence): ExchangeEvidence => {
    if (!exchange.response) return exchange;
    const { date: _date, ...rest } = exchange.response.headers;
    return {
      ...exchange,
      response: {
        ...exchange.response,
        headers: {
          ...Object.fromEntries(Object.entries(rest).reverse()),
          date: 'Wed, 04 Jun 2025 08:01:02 GMT',
          'x-request-id': 'another-request-id',
          'set-cookie': 'JSESSIONID=FFFF; Path=/; HttpOnly',
          etag: 'W/"2a-zzz"',
        },
      },
    };
  };
  return {
    ...report,
    run: { ...report.run, startedAt: '2025-06-04T08:00:00.000Z', durationMs: 201_007 },
    ...(report.preflight ? { preflight: { ...report.preflight, durationMs: 9_117 } } : {}),
    requirements: report.requirements.map((r) => ({
      ...r,
      failures: r.failures.map((f) => (f.exchange ? { ...f, exchange: retime(f.exchange) } : f)),
    })),
  };
}

describe('stabilize', () => {
  const first = deepFreeze(nonConformantReport());
  const second = deepFreeze(laterRun(nonConformantReport()));

  it.each(REPORT_FORMATS)('should make %s identical for two runs that differ only in time', (format) => {
    const { render } = RENDERERS[format];
    expect(render(first)).not.toBe(render(second));
    expect(render(stabilize(first))).toBe(render(stabilize(second)));
  });

  it('should fix the start time and duration', () => {
    expect(stabilize(first).run).toMatchObject({ startedAt: STABLE_STARTED_AT, durationMs: 0, seed: first.run.seed });
    expect(stabilize(second).preflight).toMatchObject({ durationMs: 0, requests: first.preflight!.requests });
  });

  it('should replace volatile header values, keep the others, and sort names', () => {
    const headers = stabilize(second).requirements[0]?.failures[0]?.exchange?.response?.headers ?? {};
    expect(headers).toEqual({
      'content-type': 'application/json;charset=UTF-8',
      date: VOLATILE,
      etag: VOLATILE,
      'set-cookie': VOLATILE,
      'x-request-id': VOLATILE,
    });
    expect(Object.keys(headers)).toEqual([...Object.keys(headers)].sort());
  });

  it('should recognise volatile headers whatever their case', () => {
    const requirement = first.requirements[0];
    const failure = requirement?.failures[0];
    const exchange = failure?.exchange;
    if (!requirement || !failure || !exchange?.response) throw new Error('fixture lost its exchange');
    const mixedCase: ConformanceReport = {
      ...first,
      requirements: [
        {
          ...requirement,
          failures: [
            {
              ...failure,
              exchange: {
                ...exchange,
                response: { ...exchange.response, headers: { Date: 'x', 'X-Request-ID': 'y', 'Content-Type': 'text/plain' } },
              },
            },
          ],
        },
      ],
    };
    expect(stabilize(mixedCase).requirements[0]?.failures[0]?.exchange?.response?.headers).toEqual({
      'Content-Type': 'text/plain',
      Date: VOLATILE,
      'X-Request-ID': VOLATILE,
    });
  });

  it("should fix the embedded reference's port wherever the report repeats its base URL", () => {
    const onPort = (port: number): ConformanceReport => {
      const base = `http://127.0.0.1:${port}`;
      const moved = JSON.parse(JSON.stringify(first).split(first.target.baseUrl).join(base)) as ConformanceReport;
      return { ...moved, target: { ...moved.target, baseUrl: base, embeddedReference: true } };
    };
    const [a, b] = [stabilize(onPort(41467)), stabilize(onPort(42289))];
    expect(RENDERERS.json.render(a)).toBe(RENDERERS.json.render(b));
    expect(a.target.baseUrl).toBe(STABLE_EMBEDDED_BASE_URL);
    const failure = a.requirements.flatMap((r) => r.failures).find((f) => f.curl !== undefined && f.exchange !== undefined)!;
    expect(failure.exchange!.request.url.startsWith(STABLE_EMBEDDED_BASE_URL)).toBe(true);
    expect(failure.curl).toContain(STABLE_EMBEDDED_BASE_URL);
    expect(RENDERERS.json.render(a)).not.toContain('127.0.0.1:4');
  });

  it("should keep a remote target's base URL: the user chose it", () => {
    expect(first.target.embeddedReference).toBe(false);
    expect(stabilize(first).target.baseUrl).toBe(first.target.baseUrl);
    expect(RENDERERS.json.render(stabilize(first))).toContain(first.target.baseUrl);
  });

  it('should leave the report it was given untouched', () => {
    const before = JSON.stringify(first);
    stabilize(first);
    expect(JSON.stringify(first)).toBe(before);
  });
});
