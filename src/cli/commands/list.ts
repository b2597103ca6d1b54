import type { Command } from 'commander';
import { loadEffectiveSpec } from '../../contract/load.js';
import { specSourceOf, withSpecOptions, type SpecFlags } from '../options.js';

/** `ledger-conformance list`: the requirement catalog, one line each, in catalog order. */
export function registerList(program: Command, io: { out: (line: string) => void }): void {
  withSpecOptions(program.command('list'))
    .description('print the requirement catalog of the spec (id, level, basis, suite, title)')
    .option('--json', 'print the catalog as JSON')
    .action((options: SpecFlags & { json?: boolean }) => {
      const spec = loadEffectiveSpec(specSourceOf(options));
      if (options.json) {
        io.out(
          JSON.stringify(
            spec.requirements.map(({ id, level, basis, sources, suite, title, governs }) => ({
              id,
              level,
              basis,
              sources,
              suite,
              title,
              governs,
            })),
            null,
            2,
          ),
        );
        return;
      }
      const width = Math.max(...spec.requirements.map((r) => r.id.length));
      for (const r of spec.requirements)
        io.out(`${r.id.padEnd(width)}  ${r.level.padEnd(6)}  ${r.basis.padEnd(10)}  ${r.suite.padEnd(20)}  ${r.title}`);
      io.out(`${spec.requirements.length} requirements from ${spec.displayPath} (${spec.title} ${spec.version})`);
    });
}
