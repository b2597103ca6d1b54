/**
 * How `discover` assembles its findings (src/discover/discover.ts), in-process: one finding per
 * knob of the spec, in the spec's order; the requests it sent and those that got no answer; the
 * curl lines of the answers that showed each observation, credentials as placeholders; a probe
 * that cannot finish, or is not known, leaves its knobs skipped with the reason; a profile as
 * QA declares it is completed by the preflight first; and `deviationsOf`, the findings the
 * overlay must pin. faults.test.ts and discover-alternatives.test.ts judge what it observes.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deviationsOf, discover, type Discovery, type KnobFinding } from '../../src/discover/discover.js';
import type { Observation, Probe } from '../../src/discover/probe.js';
import type { Answer } from '../../src/check/check.js';
import { PROBES } from '../../src/discover/probes/index.js';
import { builtInProfile } from '../../src/profile/load.js';
import { normaliseProfile } from '../../src/profile/declared.js';
import { referenceSecrets } from '../../src/reference/identities.js';
import type { ReferenceHandler, ReferenceRequest } from '../../src/core/handler.js';
import type { DialectKnob } from '../../src/contract/knobs.js';
import type { LoadedSpec } from '../../src/contract/load.js';
import { minimalProfileOf } from '../support/minimal-profile.js';
import { canonical, discoverIn, referenceOf } from './support.js';

const reference = referenceOf(canonical);
const kinds = (discovery: Discovery) => discovery.findings.map((f) => f.observation.kind);
const everyKnob = canonical.knobs.dialects.map((k) => k.pointer);

/** The reference, counting the requests it receives. */
function counted(): { handler: ReferenceHandler; seen: ReferenceRequest[] } {
  const seen: ReferenceRequest[] = [];
  return {
    seen,
    handler: (request) => {
      seen.push(request);
      return reference.handler(request);
    },
  };
}

/** The canonical spec with its knobs replaced (discover reads nothing else of the spec's knobs). */
const withKnobs = (dialects: DialectKnob[]): LoadedSpec => ({ ...canonical, knobs: { ...canonical.knobs, dialects } });

const testProbes = PROBES as Record<string, Probe>;
afterEach(() => {
  delete testProbes['test-probe'];
});

describe('discover', () => {
  it('has one finding per knob of the spec, in its order, and counts the requests it sent', async () => {
    const { handler, seen } = counted();
    const discovery = await discoverIn(canonical, handler, reference.profile);
    expect(discovery.findings.map((f) => f.knob.pointer)).toEqual(everyKnob);
    expect(discovery.findings.map((f) => f.knob)).toEqual(canonical.knobs.dialects);
    expect(kinds(discovery).every((k) => k === 'matched')).toBe(true);
    expect(seen.length).toBeGreaterThan(canonical.knobs.dialects.length / 2);
    expect(discovery.requests).toBe(seen.length);
    expect(discovery.transportErrors).toBe(0);
    expect(discovery.baseUrl).toBe('http://in-process.invalid');
    expect(seen.every((r) => r.method === 'GET' && r.path === canonical.endpointPath)).toBe(true);
  });

  it('gives each observation the curl lines of the answers that showed it, credentials as placeholders', async () => {
    const discovery = await discoverIn(canonical, reference.handler, reference.profile);
    const password = referenceSecrets().primary.basic!.password;
    for (const finding of discovery.findings) {
      const { observation } = finding;
      if (observation.kind === 'skipped') throw new Error(`${finding.knob.knob} skipped against the reference`);
      expect(observation.shownBy.length).toBeGreaterThan(0);
      expect(finding.curl).toHaveLength(observation.shownBy.length);
      for (const [i, line] of finding.curl.entries()) {
        expect(line).toMatch(/^curl /);
        expect(line).toContain(observation.shownBy[i]!.exchange.request.url.split('?')[1]!.slice(0, 20));
        expect(line).toContain('$LEDGER_CONFORMANCE_USER');
        expect(line).not.toContain(password);
        expect(line).not.toContain('--insecure');
      }
    }
    // Each exchange is named for discover and numbered as sent: transcripts tell its requests apart.
    const ids = discovery.findings.flatMap((f) =>
      f.observation.kind === 'skipped' ? [] : f.observation.shownBy.map((a) => a.exchange.id),
    );
    expect(ids.every((id) => /^discover#[1-9][0-9]*$/.test(id))).toBe(true);
    expect(Math.max(...ids.map((id) => Number(id.slice('discover#'.length))))).toBeLessThanOrEqual(discovery.requests);
    expect(new Set(ids).size).toBe(
      new Set(discovery.findings.flatMap((f) => (f.observation.kind === 'skipped' ? [] : f.observation.shownBy))).size,
    );
  });

  it('adds --insecure to the curl lines only when the run skips TLS verification', async () => {
    const discovery = await discover({
      spec: canonical,
      profile: reference.profile,
      destination: { kind: 'in-process', handler: reference.handler },
      secrets: referenceSecrets(),
      insecure: true,
    });
    const lines = discovery.findings.flatMap((f) => f.curl);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.includes('--insecure'))).toBe(true);
  });

  it('leaves the knobs of a probe whose requests get no answer skipped, saying why, and counts those requests', async () => {
    const failing: ReferenceHandler = () => {
      throw new Error('connection reset');
    };
    const discovery = await discoverIn(canonical, failing, reference.profile);
    expect(discovery.findings.map((f) => f.knob.pointer)).toEqual(everyKnob);
    expect(discovery.transportErrors).toBeGreaterThan(0);
    expect(discovery.transportErrors).toBe(discovery.requests);
    for (const finding of discovery.findings) {
      // The transport's code and message (a target that keeps failing is stopped, saying so).
      expect(finding.observation).toEqual({
        kind: 'skipped',
        reason: expect.stringMatching(/^the probe could not finish: no response: CT_[A-Z_]+ .*handler failed: connection reset/),
      });
      expect(finding.curl).toEqual([]);
    }
  });

  it('leaves the knobs of a probe it does not know skipped, naming the probe', async () => {
    const [first, second, ...rest] = canonical.knobs.dialects;
    const spec = withKnobs([{ ...first!, probe: 'no-such-probe' }, { ...second!, probe: 'no-such-probe' }, ...rest]);
    const discovery = await discoverIn(spec, reference.handler, reference.profile);
    expect(discovery.findings.slice(0, 2).map((f) => [f.observation, f.curl])).toEqual([
      [{ kind: 'skipped', reason: 'no probe named no-such-probe (x-ledger-dialects names it)' }, []],
      [{ kind: 'skipped', reason: 'no probe named no-such-probe (x-ledger-dialects names it)' }, []],
    ]);
    expect(
      kinds(discovery)
        .slice(2)
        .every((k) => k === 'matched'),
    ).toBe(true);
  });

  it('calls each probe once with every knob that names it, and says "not probed" of a knob it did not answer for', async () => {
    const calls: string[][] = [];
    let foreign: Answer | undefined;
    testProbes['test-probe'] = async (ctx, knobs) => {
      calls.push(knobs.map((k) => k.knob));
      const sent = await ctx.send([['limit', '1']]);
      foreign = { ...sent };
      // An answer discover did not send itself has no curl line: only what discover sent is shown.
      return new Map<string, Observation>([[knobs[0]!.pointer, { kind: 'unmatched', shownBy: [sent, foreign], note: 'n' }]]);
    };
    const [first, second, third, ...rest] = canonical.knobs.dialects;
    const spec = withKnobs([{ ...first!, probe: 'test-probe' }, second!, { ...third!, probe: 'test-probe' }, ...rest]);
    const discovery = await discoverIn(spec, reference.handler, reference.profile);
    expect(calls).toEqual([[first!.knob, third!.knob]]);
    expect(discovery.findings[0]!.observation).toMatchObject({ kind: 'unmatched', note: 'n' });
    expect(discovery.findings[0]!.curl).toEqual([expect.stringMatching(/^curl .*limit=1/)]);
    expect(discovery.findings[2]!.observation).toEqual({ kind: 'skipped', reason: 'not probed' });
    expect(discovery.findings[1]!.observation.kind).toBe('matched');
  });

  it('leaves the knobs of a probe that throws skipped, with its message', async () => {
    testProbes['test-probe'] = () => Promise.reject(new Error('the probe broke'));
    const [first, ...rest] = canonical.knobs.dialects;
    const discovery = await discoverIn(
      withKnobs([{ ...first!, probe: 'test-probe' }, ...rest]),
      reference.handler,
      reference.profile,
    );
    expect(discovery.findings[0]!.observation).toEqual({
      kind: 'skipped',
      reason: 'the probe could not finish: the probe broke',
    });
    expect(discovery.transportErrors).toBe(0);
  });

  it('takes the profile of a loaded profile file as it is', async () => {
    const discovery = await discover({
      spec: canonical,
      profile: builtInProfile(reference.profile),
      destination: { kind: 'in-process', handler: reference.handler },
      secrets: referenceSecrets(),
    });
    expect(kinds(discovery).every((k) => k === 'matched')).toBe(true);
    expect(deviationsOf(discovery)).toEqual([]);
  });

  it('names where the credentials came from when the target refuses them while the profile is completed', async () => {
    const declared = normaliseProfile(minimalProfileOf(reference.dataset), 'minimal');
    const wrong = { primary: { basic: { user: 'nobody', password: 'wrong' } } };
    const attempt = (credentialSource?: string) =>
      discover({
        spec: canonical,
        profile: { declared, name: 'minimal.yaml', sha256: '0'.repeat(64) },
        destination: { kind: 'in-process', handler: reference.handler },
        secrets: wrong,
        ...(credentialSource !== undefined ? { credentialSource } : {}),
      });
    await expect(attempt('LEDGER_CONFORMANCE_USER and LEDGER_CONFORMANCE_PASSWORD')).rejects.toThrow(
      /credentials rejected by the target .*: check LEDGER_CONFORMANCE_USER and LEDGER_CONFORMANCE_PASSWORD$/,
    );
    await expect(attempt()).rejects.toThrow(/: check the main credentials$/);
  });

  it('completes a profile as QA declares it (a lookup, a few event ids) through the preflight first', async () => {
    const declared = normaliseProfile(minimalProfileOf(reference.dataset), 'minimal');
    const { handler, seen } = counted();
    const discovery = await discover({
      spec: canonical,
      profile: { declared, name: 'minimal.yaml', sha256: '0'.repeat(64) },
      destination: { kind: 'in-process', handler },
      secrets: referenceSecrets(),
    });
    expect(kinds(discovery).filter((k) => k === 'skipped')).toEqual([]);
    expect(deviationsOf(discovery)).toEqual([]);
    // The preflight's requests went through the same transport, but are not discover's own.
    expect(seen.length).toBeGreaterThan(discovery.requests);
  });
});

describe('discover over HTTP', () => {
  it('closes its connections to the target when it is done', async () => {
    const open = new Set<Socket>();
    const server = createServer((request, response) => {
      const [path = '', ...rest] = (request.url ?? '').split('?');
      const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)]));
      const answer = reference.handler({ method: request.method ?? '', path, rawQuery: rest.join('?'), headers });
      response.writeHead(answer.status, answer.headers);
      response.end(answer.body);
    });
    server.on('connection', (socket: Socket) => {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const { port } = server.address() as AddressInfo;
      const discovery = await discover({
        spec: canonical,
        profile: reference.profile,
        destination: { kind: 'http', baseUrl: `http://127.0.0.1:${port}` },
        secrets: referenceSecrets(),
      });
      expect(discovery.requests).toBeGreaterThan(0);
      expect(discovery.transportErrors).toBe(0);
      // Kept alive, they would stay open for seconds (the server's keep-alive timeout is 5 s).
      await vi.waitFor(() => expect(open.size).toBe(0), { timeout: 2_000 });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('deviationsOf', () => {
  const knob = (name: string) => canonical.knobs.dialects.find((k) => k.knob === name)!;
  const finding = (k: DialectKnob, observation: Observation): KnobFinding => ({ knob: k, observation, curl: [] });
  const matchedAt = (k: DialectKnob, value: unknown) =>
    finding(k, {
      kind: 'matched',
      alternative: k.alternatives.find((a) => JSON.stringify(a.value) === JSON.stringify(value))!,
      shownBy: [],
      note: '',
    });
  const of = (findings: KnobFinding[]): Discovery => ({ baseUrl: 'x', findings, requests: 0, transportErrors: 0 });

  it("lists the matched findings whose value is not the spec's, in order, and nothing else", () => {
    const booleans = knob('x-ledger-parsing.booleans');
    const limit = knob('limit maximum');
    const spring = matchedAt(booleans, 'spring');
    const hundred = matchedAt(limit, 100);
    const findings = [
      matchedAt(knob('x-ledger-pagination.duplicates'), 'collapse'),
      hundred,
      finding(knob('x-ledger-parsing.emptyValues'), { kind: 'unmatched', shownBy: [], note: '' }),
      finding(knob('x-ledger-pagination.offsetMeaning'), { kind: 'skipped', reason: '' }),
      spring,
    ];
    expect(deviationsOf(of(findings))).toEqual([hundred, spring]);
  });

  it('compares values as JSON: an object alternative equal in content to the spec is no deviation', () => {
    const pastTheEnd = knob('x-ledger-pagination.pastTheEnd');
    const error = pastTheEnd.alternatives.find((a) => typeof a.value === 'object')!;
    const pinnedToError: DialectKnob = { ...pastTheEnd, current: { ...error, value: structuredClone(error.value) } };
    expect(deviationsOf(of([matchedAt(pinnedToError, error.value)]))).toEqual([]);
    expect(deviationsOf(of([matchedAt(pastTheEnd, error.value)]))).toHaveLength(1);
  });
});
