import { Option, type Command } from 'commander';
import { createReference } from '../../reference/index.js';
import { identitiesWith } from '../../reference/identities.js';
import { serveHandler } from '../../reference/server.js';
import { loadEffectiveSpec } from '../../spec/load.js';
import { datasetSource, type ServeDatasetFlags } from '../serve-dataset.js';
import { addDatasetOptions } from '../dataset-options.js';
import type { CliIo } from '../io.js';
import { integerOption, specSourceOf, withSpecOptions, type SpecFlags } from '../options.js';

interface ServeFlags extends SpecFlags, ServeDatasetFlags {
  port: number;
  host: string;
  user?: string;
  token?: string;
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
    .option('--dataset <file>', 'serve the dataset of this file (written by dataset export, maybe edited) instead of generating one')
    // The names before --dataset-seed/--dataset-size; kept so that old scripts keep working.
    .addOption(new Option('--seed <n>').argParser(integerOption('--seed', 0, 4294967295)).hideHelp())
    .addOption(new Option('--size <n>').argParser(integerOption('--size', 4, 10000)).hideHelp())
    .option('--user <name>', 'Basic user of the primary identity (env LEDGER_REFERENCE_USER)')
    .addHelpText(
      'after',
      `
Demo identities (see README): demo.till / demo-password / demo-oauth-token (full access),
noaccess.till / noaccess-password / noaccess-oauth-token (403, code 4000),
legacy.till / legacy-password / legacy-oauth-token (org without source-value capturing: 11019).
The primary identity's password and token come from LEDGER_REFERENCE_PASSWORD and LEDGER_REFERENCE_TOKEN.
With --dataset, the identities are the file's. --seed and --size are older names of --dataset-seed and --dataset-size.`,
    )
    .action(async (flags: ServeFlags) => {
      const spec = loadEffectiveSpec(specSourceOf(flags));
      const env = io.env;
      const source = datasetSource(flags, spec);
      const identities = identitiesWith(
        {
          ...(flags.user ?? env['LEDGER_REFERENCE_USER'] ? { basicUser: flags.user ?? env['LEDGER_REFERENCE_USER']! } : {}),
          ...(env['LEDGER_REFERENCE_PASSWORD'] ? { basicPassword: env['LEDGER_REFERENCE_PASSWORD'] } : {}),
          ...(env['LEDGER_REFERENCE_TOKEN'] ? { oauthToken: env['LEDGER_REFERENCE_TOKEN'] } : {}),
        },
        source.identities,
      );
      const reference = createReference(spec, { ...source.config, identities });
      const server = await serveHandler(reference.handler, { port: flags.port, host: flags.host });
      io.out(server.url);
      io.err(`ledger-conformance: reference (${source.description}, ${reference.dataset.customers.length} customers, ${reference.dataset.events.size} events) serving ${spec.endpointPath}; Ctrl-C stops it`);
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
