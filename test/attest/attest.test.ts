/**
 * `attest keygen`, `attest` and `verify` as a vendor and a customer use them: the attestation
 * of a run verifies against the signer's public key and the report it names; a byte changed in
 * the report or anywhere in the attestation, or another key, fails verification (exit 1); and a
 * third party can check the envelope with node:crypto alone, following the DSSE protocol.
 */
import { createPublicKey, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/cli/main.js';

const folder = mkdtempSync(join(tmpdir(), 'ledger-attest-'));
const reportFile = join(folder, 'reports', 'conformance.json');
const attestation = join(folder, 'attestation.intoto.json');
const IMAGE_DIGEST = `sha256:${'ab'.repeat(32)}`;

function io(): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { out: (l) => lines.push(l), err: (l) => errors.push(l), env: {}, color: false, lines, errors };
}

async function verifyWith(args: {
  attestation?: string;
  key?: string;
  report?: string;
}): Promise<{ code: number; cli: ReturnType<typeof io> }> {
  const cli = io();
  const code = await main(
    [
      'verify',
      '--attestation',
      args.attestation ?? attestation,
      '--key',
      args.key ?? join(folder, 'keys', 'attest-key.pub.pem'),
      '--report',
      args.report ?? reportFile,
    ],
    cli,
  );
  return { code, cli };
}

beforeAll(async () => {
  // A small real run: the auth suite of the embedded reference, without the preflight.
  const run = ['run', '--embedded', '--suite', 'auth', '--no-preflight', '--seed', '1', '--quiet', '--format', 'json'];
  expect(await main([...run, '--report-dir', join(folder, 'reports')], io())).toBe(0);
  expect(await main(['attest', 'keygen', '--dir', join(folder, 'keys')], io())).toBe(0);
  expect(await main(['attest', 'keygen', '--dir', join(folder, 'other-keys')], io())).toBe(0);
  const cli = io();
  const args = ['--implementation', 'acme-mock', '--implementation-version', '2.3.1', '--implementation-digest', IMAGE_DIGEST];
  const code = await main(
    ['attest', '--report', reportFile, '--key', join(folder, 'keys', 'attest-key.pem'), '--out', attestation, ...args],
    cli,
  );
  expect(code, cli.errors.join('\n')).toBe(0);
}, 60_000);

describe('attest and verify', () => {
  it('verifies an untouched attestation against the public key and the report, and says what it claims', async () => {
    const { code, cli } = await verifyWith({});
    expect(code, cli.errors.join('\n')).toBe(0);
    expect(cli.lines[0]).toMatch(/^Verified: signed by key [0-9a-f]{16}…, statement matches /);
    expect(cli.lines[1]).toMatch(/^Subject: {2}http:\/\/127\.0\.0\.1:\d+; acme-mock 2\.3\.1$/);
    expect(cli.lines[2]).toMatch(/^Claim: {4}CONFORMANT at MUST; \d+ of \d+ MUST requirements passed/);
  });

  it('is an in-toto Statement v1 in a DSSE envelope that node:crypto alone can check', () => {
    const envelope = JSON.parse(readFileSync(attestation, 'utf8')) as {
      payloadType: string;
      payload: string;
      signatures: { sig: string }[];
    };
    expect(envelope.payloadType).toBe('application/vnd.in-toto+json');
    const payload = Buffer.from(envelope.payload, 'base64');
    const pae = Buffer.concat([
      Buffer.from(`DSSEv1 ${envelope.payloadType.length} ${envelope.payloadType} ${payload.length} `),
      payload,
    ]);
    const key = createPublicKey(readFileSync(join(folder, 'keys', 'attest-key.pub.pem')));
    expect(verify(null, pae, key, Buffer.from(envelope.signatures[0]!.sig, 'base64'))).toBe(true);
    const statement = JSON.parse(payload.toString('utf8')) as {
      _type: string;
      subject: { name: string; digest: Record<string, string> }[];
      predicate: { verdict: string; requirements: unknown[]; report: { digest: { sha256: string } } };
    };
    expect(statement._type).toBe('https://in-toto.io/Statement/v1');
    expect(statement.subject[1]).toMatchObject({ name: 'acme-mock', digest: { sha256: 'ab'.repeat(32) } });
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { verdict: string; requirements: unknown[] };
    expect(statement.predicate.verdict).toBe(report.verdict);
    expect(statement.predicate.requirements).toHaveLength(report.requirements.length);
  });

  it('fails when one byte of the report changes', async () => {
    const bytes = readFileSync(reportFile);
    const positions = [0, Math.floor(bytes.length / 2), bytes.length - 2];
    for (const at of positions) {
      const changed = Buffer.from(bytes);
      changed[at] = changed[at] === 0x20 ? 0x09 : 0x20;
      const file = join(folder, `report-${at}.json`);
      writeFileSync(file, changed);
      const { code, cli } = await verifyWith({ report: file });
      expect(code, `byte ${at}: ${cli.errors.join(' ')}`).toBe(1);
    }
    const report = JSON.parse(bytes.toString('utf8')) as { verdict: string };
    const reworded = join(folder, 'report-reworded.json');
    writeFileSync(reworded, bytes.toString('utf8').replace(`"verdict": "${report.verdict}"`, '"verdict": "non-conformant"'));
    const { code, cli } = await verifyWith({ report: reworded });
    expect(code).toBe(1);
    expect(cli.errors.join('\n')).toMatch(/NOT VERIFIED: the report is not the one the statement names/);
  });

  it('fails when any byte of the attestation changes', async () => {
    const text = readFileSync(attestation, 'utf8');
    const reasons = new Set<string>();
    for (let at = 0; at < text.length; at += Math.max(1, Math.floor(text.length / 40))) {
      const ch = text[at]!;
      const swapped = ch === 'A' ? 'B' : ch === '\n' ? ' ' : 'A';
      const file = join(folder, 'tampered.json');
      writeFileSync(file, text.slice(0, at) + swapped + text.slice(at + 1));
      const { code, cli } = await verifyWith({ attestation: file });
      expect(code, `byte ${at} (${JSON.stringify(ch)} → ${swapped})`).toBe(1);
      reasons.add(
        cli.errors
          .join('')
          .replace(/^.*NOT VERIFIED: /s, '')
          .replace(/[:(].*$/s, ''),
      );
    }
    expect(reasons.size).toBeGreaterThan(1);
  });

  it('fails against another key, and a missing key file is a usage error', async () => {
    const other = await verifyWith({ key: join(folder, 'other-keys', 'attest-key.pub.pem') });
    expect(other.code).toBe(1);
    expect(other.cli.errors.join('\n')).toMatch(/NOT VERIFIED: no signature by this public key/);
    const missing = await verifyWith({ key: join(folder, 'no-such-key.pem') });
    expect(missing.code).toBe(2);
    expect(missing.cli.errors.join('\n')).toMatch(/--key: cannot read .*no-such-key\.pem/);
  });

  it('refuses to sign with a key that is not a private Ed25519 key, and never overwrites a key', async () => {
    const cli = io();
    const code = await main(
      ['attest', '--report', reportFile, '--key', join(folder, 'keys', 'attest-key.pub.pem'), '--out', join(folder, 'x.json')],
      cli,
    );
    expect(code).toBe(2);
    expect(cli.errors.join('\n')).toMatch(/--key: .* is not an Ed25519 private key in PEM/);
    const again = io();
    expect(await main(['attest', 'keygen', '--dir', join(folder, 'keys')], again)).toBe(2);
    expect(again.errors.join('\n')).toMatch(/exists: a key is never overwritten/);
  });
});
