import { Option, type Command } from 'commander';
import { createReference, type Reference } from '../../reference/index.js';
import { buildFaults } from '../../faults/index.js';
import { faultContext } from '../../faults/fault.js';
import type { ReferenceHandler } from '../../core/handler.js';
import type { LoadedSpec } from '../../contract/load.js';
import { DEMO_IDENTITIES, identitiesWith, type ReferenceIdentity } from '../../reference/identities.js';
import { serveHandler } from '../../reference/server.js';
import { DEFAULT_TOKEN_TTL_SECONDS, withTokenEndpoint } from '../../reference/token-endpoint.js';
import { loadEffectiveSpec } from '../../contract/load.js';
import { datasetSource, type ServeDatasetFlags } from '../serve-dataset.js';
import { addDatasetOptions } from '../dataset-options.js';
import type { CliIo } from '../io.js';
import { integerOption, specSourceOf, withSpecOptions, type SpecFlags } from '../options.js';
import { UsageError } from '../../core/errors.js';

interface ServeFlags extends SpecFlags, ServeDatasetFlags {
  port: number;
  host: string;
  user?: string;
  token?: string;
  tokenTtl: number;
  fault?: string;
}

/**
 * `ledger-conformance serve`: the reference implementation over HTTP. The first line on
 * standard output is its base URL; SIGINT or SIGTERM stops it cleanly.
 */
export function registerServe(program: Command, io: CliIo): void {
  addDatasetOptions(withSpecOptions(program.command('serve')))
    .description('serve the reference implementation; the first stdout line is its base URL')
    .option('--port <n>', 'port to listen on (0: any free port)', integerOption('--port', 0, 65535), 0)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option(
      '--dataset <file>',
      'serve the dataset of this file (written by dataset export, maybe edited) instead of generating one',
    )
    // The names before --dataset-seed/--dataset-size; kept so that old scripts keep working.
    .addOption(new Option('--seed <n>').argParser(integerOption('--seed', 0, 4294967295)).hideHelp())
    .addOption(new Option('--size <n>').argParser(integerOption('--size', 4, 10000)).hideHelp())
    .option('--user <name>', 'Basic user of the primary identity (env LEDGER_REFERENCE_USER)')
    .option(
      '--token-ttl <seconds>',
      'lifetime of the tokens the OAuth token endpoint issues',
      integerOption('--token-ttl', 1, 86400),
      DEFAULT_TOKEN_TTL_SECONDS,
    )
    .option(
      '--fault <ids>',
      'plant faults of the self-test catalog (comma-separated ids, see kill-matrix.md): a broken target to practise triage on',
    )
    .addHelpText(
      'after',
      `
Demo identities (see README), Basic user / password / OAuth token / OAuth client key and secret:
${demoIdentityLines()}
POST {"key","secret"} to /v3/oauth/token/generate for a token that lives --token-ttl seconds.
The primary identity's secrets come from LEDGER_REFERENCE_PASSWORD, LEDGER_REFERENCE_TOKEN,
LEDGER_REFERENCE_OAUTH_KEY and LEDGER_REFERENCE_OAUTH_SECRET.
With --dataset, the identities are the file's. --seed and --size are older names of --dataset-seed and --dataset-size.`,
    )
    .action(async (flags: ServeFlags) => {
      const spec = loadEffectiveSpec(specSourceOf(flags));
      const env = io.env;
      const source = datasetSource(flags, spec);
      for (const notice of source.notices) io.err(`ledger-conformance: ${notice}`);
      const identities = identitiesWith(
        {
          ...((flags.user ?? env['LEDGER_REFERENCE_USER']) ? { basicUser: flags.user ?? env['LEDGER_REFERENCE_USER']! } : {}),
          ...(env['LEDGER_REFERENCE_PASSWORD'] ? { basicPassword: env['LEDGER_REFERENCE_PASSWORD'] } : {}),
          ...(env['LEDGER_REFERENCE_TOKEN'] ? { oauthToken: env['LEDGER_REFERENCE_TOKEN'] } : {}),
          ...(env['LEDGER_REFERENCE_OAUTH_KEY'] ? { oauthKey: env['LEDGER_REFERENCE_OAUTH_KEY'] } : {}),
          ...(env['LEDGER_REFERENCE_OAUTH_SECRET'] ? { oauthSecret: env['LEDGER_REFERENCE_OAUTH_SECRET'] } : {}),
        },
        source.identities,
      );
      const reference = createReference(spec, { ...source.config, identities });
      const planted = plantFaults(flags.fault, spec, reference);
      const handler = withTokenEndpoint(planted, { identities: reference.identities, ttlSeconds: flags.tokenTtl });
      const server = await serveHandler(handler, { port: flags.port, host: flags.host }).catch((error: NodeJS.ErrnoException) => {
        throw listenError(error, flags.port, flags.host);
      });
      io.out(server.url);
      io.err(
        `ledger-conformance: reference (${source.description}, ${reference.dataset.customers.length} customers, ${reference.dataset.events.size} events) serving ${spec.endpointPath}; Ctrl-C stops it`,
      );
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      await server.close();
      io.err('ledger-conformance: reference stopped');
    });
}

/** What each demo identity is for, as `serve --help` says it. */
const ROLE_NOTES: Readonly<Record<ReferenceIdentity['role'], string>> = {
  primary: 'full access',
  forbidden: '403, code 4000',
  'breakup-disabled': 'org without source-value capturing: 11019',
};

function demoIdentityLines(): string {
  const line = (i: ReferenceIdentity): string =>
    `${i.basicUser} / ${i.basicPassword} / ${i.oauthToken} / ${i.oauthKey}, ${i.oauthSecret} (${ROLE_NOTES[i.role]})`;
  return DEMO_IDENTITIES.map(line).join(',\n') + '.';
}

/** Why the server could not listen, as one line naming the option to change. */
function listenError(error: NodeJS.ErrnoException, port: number, host: string): Error {
  switch (error.code) {
    case 'EADDRINUSE':
      return new UsageError('--port', `${port} is already in use on ${host}: choose another port, or --port 0 for any free one`);
    case 'EACCES':
      return new UsageError('--port', `${port} on ${host} needs privileges this process lacks: choose a port above 1023`);
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new UsageError('--host', `cannot listen on ${host}: ${error.code}`);
    default:
      return error;
  }
}

/**
 * The reference with the named faults planted, each wrapping the one before (a fault that
 * rebuilds the reference from changed knobs replaces the earlier ones: name it first).
 */
function plantFaults(ids: string | undefined, spec: LoadedSpec, reference: Reference): ReferenceHandler {
  if (ids === undefined) return reference.handler;
  const faults = buildFaults(spec);
  let handler = reference.handler;
  for (const id of ids.split(',').map((s) => s.trim())) {
    const fault = faults.find((f) => f.id === id);
    if (!fault)
      throw new UsageError(
        '--fault',
        `no fault ${JSON.stringify(id)} in the catalog (ledger-conformance selftest lists them in kill-matrix.md)`,
      );
    handler = fault.build(faultContext(spec, reference.dataset, reference.identities, handler));
  }
  return handler;
}
