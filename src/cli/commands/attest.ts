/**
 * `ledger-conformance attest` and `verify`: a run's `conformance.json` as a signed claim anyone
 * can check without running the kit. `attest keygen` writes an Ed25519 key pair; `attest`
 * writes an in-toto Statement v1 in a DSSE envelope; `verify` checks the signature against a
 * public key and the statement against the report it names.
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { KeyObject } from 'node:crypto';
import { envelopeText, generateSigningKeys, IN_TOTO_PAYLOAD_TYPE, keyIdOf, readKey, signEnvelope } from '../../attest/dsse.js';
import { statementOf, type Implementation } from '../../attest/statement.js';
import { verifyAttestation } from '../../attest/verify.js';
import { UsageError } from '../../core/errors.js';
import { readReportFile } from '../../report/read.js';
import type { CliIo } from '../io.js';
import { writableFolder } from '../writable.js';

interface AttestFlags {
  report: string;
  key: string;
  out: string;
  implementation?: string;
  implementationVersion?: string;
  implementationDigest?: string;
}

interface VerifyFlags {
  attestation: string;
  key: string;
  report: string;
}

function readBytes(file: string, option: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new UsageError(option, `cannot read ${file}: ${(error as Error).message}`);
  }
}

function keyFrom(file: string, option: string, kind: 'private' | 'public'): KeyObject {
  const pem = readBytes(file, option).toString('utf8');
  try {
    return readKey(pem, kind);
  } catch (error) {
    throw new UsageError(
      option,
      `${file} is not an Ed25519 ${kind} key in PEM (attest keygen writes one): ${(error as Error).message}`,
    );
  }
}

function implementationOf(flags: AttestFlags): Implementation | undefined {
  const { implementation: name, implementationVersion: version, implementationDigest: digest } = flags;
  if (name === undefined) {
    for (const [option, value] of [
      ['--implementation-version', version],
      ['--implementation-digest', digest],
    ] as const)
      if (value !== undefined) throw new UsageError(option, 'describes an implementation: name it with --implementation too');
    return undefined;
  }
  if (digest !== undefined && !/^[a-z0-9-]+:[0-9a-f]{32,}$/.test(digest))
    throw new UsageError('--implementation-digest', `must be algorithm:hex, e.g. sha256:<64 hex digits>, not "${digest}"`);
  return { name, ...(version !== undefined ? { version } : {}), ...(digest !== undefined ? { digest } : {}) };
}

export function registerAttest(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  const attest = program
    .command('attest')
    .description("sign a run's conformance.json as an in-toto Statement v1 in a DSSE envelope (Ed25519)")
    .option('--report <file>', 'the conformance.json of the run', 'reports/conformance.json')
    .option('--key <file>', 'the Ed25519 private key (PEM, attest keygen writes it)')
    .option('--out <file>', 'where the attestation is written', 'attestation.intoto.json')
    .option('--implementation <name>', 'the implementation certified (a subject beside the target)')
    .option('--implementation-version <version>', "the implementation's version")
    .option('--implementation-digest <algorithm:hex>', 'the digest of what was deployed, e.g. sha256:… of the image')
    .addHelpText(
      'after',
      '\nExit codes: 0 written, 2 bad usage (a file that cannot be read, a key that is not Ed25519, a report that is not a conformance.json).',
    )
    .action(async (flags: AttestFlags) => {
      if (flags.key === undefined)
        throw new UsageError('--key', 'is required: the private key to sign with (ledger-conformance attest keygen writes one)');
      const bytes = readBytes(flags.report, '--report');
      const { report } = readReportFile(flags.report, '--report');
      const key = keyFrom(flags.key, '--key', 'private');
      const statement = statementOf(report, bytes, basename(flags.report), implementationOf(flags));
      const envelope = signEnvelope(Buffer.from(JSON.stringify(statement), 'utf8'), IN_TOTO_PAYLOAD_TYPE, key);
      const out = resolve(flags.out);
      await writableFolder('--out', dirname(out));
      await writeFile(out, envelopeText(envelope));
      io.out(out);
      io.err(
        `ledger-conformance attest: ${report.target.baseUrl} ${report.verdict}, signed by key ${envelope.signatures[0]!.keyid.slice(0, 16)}…; verify with: ledger-conformance verify --attestation ${flags.out} --report ${flags.report} --key <public key>`,
      );
      setExitCode(0);
    });

  registerKeygen(attest, io, setExitCode);
}

/** `attest keygen`: a key pair, the private key readable by its owner only and never overwritten. */
function registerKeygen(attest: Command, io: CliIo, setExitCode: (code: number) => void): void {
  attest
    .command('keygen')
    .description('write an Ed25519 key pair for attest: the private key (keep it secret) and the public key (publish it)')
    // Not --out: that is attest's own option, and commander would give it to attest.
    .option('--dir <dir>', 'folder to write attest-key.pem and attest-key.pub.pem into', '.')
    .action(async (flags: { dir: string }) => {
      const dir = await writableFolder('--dir', flags.dir);
      const { privatePem, publicPem } = generateSigningKeys();
      const files = { private: join(dir, 'attest-key.pem'), public: join(dir, 'attest-key.pub.pem') };
      await writeFile(files.private, privatePem, { mode: 0o600, flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
        throw new UsageError(
          '--out',
          error.code === 'EEXIST'
            ? `${files.private} exists: a key is never overwritten`
            : `cannot write ${files.private}: ${error.message}`,
        );
      });
      await writeFile(files.public, publicPem);
      io.out(files.private);
      io.out(files.public);
      io.err(`ledger-conformance attest keygen: key id ${keyIdOf(readKey(publicPem, 'public'))}`);
      setExitCode(0);
    });
}

/** `verify`: 0 verified, 1 not verified (with the reason), 2 a file that cannot be read. */
export function registerVerify(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('verify')
    .description('check an attestation: its signature against a public key, and its statement against the report it names')
    .requiredOption('--attestation <file>', 'the attestation (DSSE envelope) attest wrote')
    .requiredOption('--key <file>', "the signer's Ed25519 public key (PEM)")
    .requiredOption('--report <file>', 'the conformance.json the statement names')
    .addHelpText(
      'after',
      '\nExit codes: 0 verified, 1 not verified (the reason is printed), 2 bad usage (a file that cannot be read, a key that is not Ed25519).',
    )
    .action((flags: VerifyFlags) => {
      const text = readBytes(flags.attestation, '--attestation').toString('utf8');
      const key = keyFrom(flags.key, '--key', 'public');
      const bytes = readBytes(flags.report, '--report');
      const result = verifyAttestation(text, key, { bytes, read: () => readReportFile(flags.report, '--report').report });
      if (!result.ok) {
        io.err(`ledger-conformance verify: NOT VERIFIED: ${result.reason}`);
        setExitCode(1);
        return;
      }
      const { subject, predicate } = result.statement;
      const must = predicate.requirements.filter((r) => r.level === 'MUST');
      io.out(
        `Verified: signed by key ${keyIdOf(key).slice(0, 16)}…, statement matches ${flags.report} (sha256 ${predicate.report.digest.sha256.slice(0, 12)})`,
      );
      io.out(
        `Subject:  ${subject.map((s) => (s.annotations?.['version'] ? `${s.name} ${s.annotations['version']}` : s.name)).join('; ')}`,
      );
      io.out(
        `Claim:    ${predicate.verdict.toUpperCase()} at ${predicate.gatingLevel}; ${must.filter((r) => r.status === 'pass').length} of ${must.length} MUST requirements passed; coverage ${predicate.coverage.percent} %`,
      );
      io.out(
        `Run:      ${predicate.kit.name} ${predicate.kit.version}, spec ${predicate.spec.title} ${predicate.spec.version} (sha256 ${predicate.spec.sha256.slice(0, 12)}), ${predicate.spec.overlays.length} overlay(s), seed ${predicate.seed}, ${predicate.time}`,
      );
      setExitCode(0);
    });
}
