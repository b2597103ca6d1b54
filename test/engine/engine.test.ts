import { readFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { suiteOf } from '../../src/check/check.js';
import { runSession } from '../../src/engine/session.js';
import { referenceSecrets } from '../../src/reference/identities.js';
import { faultContext } from '../../src/faults/fault.js';
import { faults as schemaFaults } from '../../src/faults/catalog/schema.js';
import { builtInProfile } from '../../src/profile/load.js';
import { serveHandler } from '../../src/reference/server.js';
import { withTokenEndpoint } from '../../src/reference/token-endpoint.js';
import type { ReferenceHandler } from '../../src/core/handler.js';
import { RENDERERS } from '../../src/report/renderers/index.js';
import { stabilize } from '../../src/report/stabilize.js';
import { createSpecAjv } from '../../src/core/ajv.js';
import { PACKAGE_ROOT } from '../../src/core/files.js';
import { catalog, certify, referenceFor, spec } from '../support/harness.js';

const brokenBody = schemaFaults.find((f) => f.id === 'schema/event-log-id-as-string')!;
const reference = referenceFor();
const brokenHandler = brokenBody.build(faultContext(spec, reference.dataset, reference.identities, reference.handler));
const judge = (handler: ReferenceHandler, extra: Partial<Parameters<typeof runSession>[0]> = {}) =>
  runSession({
    spec,
    profile: builtInProfile(reference.profile),
    catalog,
    destination: { kind: 'in-process', handler },
    secrets: referenceSecrets(),
    seed: 5,
    fuzzRuns: 10,
    gatingLevel: 'MUST',
    suites: ['schema', 'auth'],
    ...extra,
  }).then((r) => r.report);

describe('the catalog', () => {
  it('proves every requirement of the spec, and cites only requirements the spec has', () => {
    const proven = new Set([...catalog.checks, ...catalog.observers].map((c) => c.requirement));
    const known = new Set(spec.requirements.map((r) => r.id));
    expect(spec.requirements.map((r) => r.id).filter((id) => !proven.has(id))).toEqual([]);
    expect([...proven].filter((id) => !known.has(id))).toEqual([]);
  });

  it('has unique check ids of the form <suite>/<slug>, titles without modal verbs', () => {
    const all = [...catalog.checks, ...catalog.observers];
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
    for (const check of all) {
      expect(check.id).toMatch(/^[a-z-]+\/[a-z0-9-]+$/);
      expect(check.title, check.id).not.toMatch(/\b(should|must|shall|may)\b/i);
    }
  });

  it('places each check in the suite the spec names for its requirement, or in fuzz', () => {
    for (const check of [...catalog.checks, ...catalog.observers]) {
      const suite = suiteOf(check);
      if (suite === 'fuzz') continue;
      expect(spec.requirement(check.requirement)!.suite, check.id).toBe(suite);
    }
  });
});

describe('the whole catalog against the reference', () => {
  it('is conformant, with no failure and no error', async () => {
    const report = await certify({ fuzzRuns: 50 });
    expect(
      report.requirements
        .filter((r) => r.status === 'fail' || r.status === 'error')
        .map((r) => `${r.id}: ${r.reasons.join('; ')}`),
    ).toEqual([]);
    expect(report.requirements).toHaveLength(spec.requirements.length);
    expect(report.verdict).toBe('conformant');
  });
});

describe('reports of a real run', () => {
  it('conformance.json validates against its published schema', async () => {
    const report = await judge(brokenHandler);
    const validate = createSpecAjv().compile(
      JSON.parse(readFileSync(join(PACKAGE_ROOT, 'schemas', 'conformance-report.schema.json'), 'utf8')) as object,
    );
    const json = JSON.parse(RENDERERS.json.render(report)) as unknown;
    expect(validate(json) ? [] : validate.errors).toEqual([]);
  });

  it('are deterministic apart from times: two runs give the same bytes once stabilised', async () => {
    const a = await judge(brokenHandler, { suites: ['schema', 'auth', 'golden'], concurrency: 8 });
    const b = await judge(brokenHandler, { suites: ['schema', 'auth', 'golden'], concurrency: 3 });
    for (const [format, renderer] of Object.entries(RENDERERS)) {
      expect(renderer.render(stabilize(b)), format).toBe(renderer.render(stabilize(a)));
    }
  });
});

describe('waivers', () => {
  const today = '2026-11-26';

  it('a current waiver turns the failure into waived and the run passes; waivers cannot rot', async () => {
    const report = await judge(brokenHandler, {
      today,
      waivers: [
        { requirement: 'RESP-BODY', reason: 'CAP-1: ids are strings until release 25.1', expires: '2026-12-31' },
        { requirement: 'GOLDEN-MATCH', reason: 'same', expires: '2026-11-26' },
        { requirement: 'AUTH-REQUIRED', reason: 'fixed long ago', expires: '2027-01-01' },
        { requirement: 'RESP-GONE', reason: 'a requirement that no longer exists', expires: '2027-01-01' },
      ],
      suites: ['schema', 'auth', 'golden'],
    });
    expect(report.requirements.find((r) => r.id === 'RESP-BODY')!.status).toBe('waived');
    expect(report.requirements.find((r) => r.id === 'GOLDEN-MATCH')!.status).toBe('waived');
    expect(report.verdict).toBe('conformant');
    expect(report.waivers.applied.map((w) => w.requirement)).toEqual(['RESP-BODY', 'GOLDEN-MATCH']);
    expect(report.waivers.unused.map((w) => w.requirement)).toEqual(['AUTH-REQUIRED']);
    expect(report.waivers.unknown.map((w) => w.requirement)).toEqual(['RESP-GONE']);
  });

  it('an expired waiver is not applied, and is reported', async () => {
    const report = await judge(brokenHandler, {
      today,
      waivers: [{ requirement: 'RESP-BODY', reason: 'CAP-1', expires: '2026-11-25' }],
    });
    expect(report.requirements.find((r) => r.id === 'RESP-BODY')!.status).toBe('fail');
    expect(report.waivers.expired.map((w) => w.requirement)).toEqual(['RESP-BODY']);
    expect(report.verdict).toBe('non-conformant');
  });
});

describe('safe on a shared cluster', () => {
  /** Runs the catalog through a gateway at `/gateway` in front of the served reference; returns what it saw. */
  async function throughGateway(secrets: Parameters<typeof runSession>[0]['secrets'], ratePerSecond?: number) {
    const seen: string[] = [];
    const bodies: string[] = [];
    // A gateway in front of the reference: records every request, forwards it without the prefix.
    const upstream = await serveHandler(
      withTokenEndpoint(reference.handler, { identities: reference.identities, ttlSeconds: 1 }),
    );
    const gateway = createServer((req, res) => {
      seen.push(`${req.method} ${req.url!.split('?')[0]}`);
      req.on('data', (chunk: Buffer) => bodies.push(chunk.toString('utf8')));
      const forward = httpRequest(
        upstream.url + req.url!.replace(/^\/gateway/, ''),
        { method: req.method, headers: req.headers },
        (up) => {
          res.writeHead(up.statusCode!, up.headers);
          up.pipe(res);
        },
      );
      req.pipe(forward);
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', () => resolve()));
    try {
      const { report, target } = await runSession({
        spec,
        profile: builtInProfile(reference.profile),
        catalog,
        destination: { kind: 'http', baseUrl: `http://127.0.0.1:${(gateway.address() as { port: number }).port}/gateway` },
        secrets,
        seed: 9,
        fuzzRuns: 20,
        gatingLevel: 'MUST',
        ...(ratePerSecond !== undefined ? { ratePerSecond } : {}),
      });
      return { report, seen, bodies, tokenRequests: target.tokenRequests() };
    } finally {
      gateway.close();
      await upstream.close();
    }
  }

  it('only GET to the endpoint path leaves the process, even through a base-URL prefix', async () => {
    const { report, seen } = await throughGateway(referenceSecrets());
    expect(report.verdict).toBe('conformant');
    expect(seen.length).toBe(report.run.requests.total);
    expect(new Set(seen)).toEqual(new Set([`GET /gateway${spec.endpointPath}`]));
  });

  it('with OAuth client credentials, the one other request is the token POST, to the token URL only', async () => {
    // At most 500 requests a second: long enough for the one-second tokens to need renewing.
    const { report, seen, bodies, tokenRequests } = await throughGateway(
      { primary: { oauthClient: { key: 'demo-key', secret: 'demo-secret' } } },
      500,
    );
    expect(report.verdict).toBe('conformant');
    expect(tokenRequests).toBeGreaterThanOrEqual(2);
    // A request refused because its token expired on the way is sent again once, and counted as retried.
    expect(seen.length).toBe(report.run.requests.total + report.run.requests.retried + tokenRequests);
    expect(seen.filter((s) => s.startsWith('POST '))).toEqual(
      Array.from({ length: tokenRequests }, () => 'POST /gateway/v3/oauth/token/generate'),
    );
    expect(new Set(seen)).toEqual(new Set([`GET /gateway${spec.endpointPath}`, 'POST /gateway/v3/oauth/token/generate']));
    expect(bodies.map((b) => JSON.parse(b) as unknown)).toEqual(
      Array.from({ length: tokenRequests }, () => ({ key: 'demo-key', secret: 'demo-secret' })),
    );
  });

  it('a throttling target (429 with Retry-After) is waited for and retried, not failed', async () => {
    const answered = new Set<string>();
    const throttled: ReferenceHandler = (request) => {
      const key = `${request.rawQuery} ${JSON.stringify(request.headers)}`;
      if (!answered.has(key)) {
        answered.add(key);
        return {
          status: 429,
          headers: { 'retry-after': '0', 'content-type': 'application/json' },
          body: '{"errors":[{"code":429,"message":"slow down","status":false}]}',
        };
      }
      return reference.handler(request);
    };
    const report = await judge(throttled, { suites: ['schema', 'auth', 'golden'] });
    expect(report.verdict).toBe('conformant');
    expect(report.run.requests.retried).toBeGreaterThan(0);
  });
});
