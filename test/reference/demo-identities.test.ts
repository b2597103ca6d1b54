/**
 * The demo identities are written once, in src/reference/identities.ts; `serve --help` prints
 * them from there, and the table of docs/reference-implementation.md (prose cannot import code) is checked against them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/cli/main.js';
import { DEMO_IDENTITIES } from '../../src/reference/identities.js';

describe('the demo identities', () => {
  it('are the table of the reference implementation guide, row by row', () => {
    const readme = readFileSync(new URL('../../docs/reference-implementation.md', import.meta.url), 'utf8');
    const rows = readme.split('\n').filter((line) => /^\| (primary|forbidden|breakup-disabled) \|/.test(line));
    expect(
      rows.map((row) =>
        row
          .split('|')
          .slice(1, 5)
          .map((cell) => cell.trim()),
      ),
    ).toEqual(
      DEMO_IDENTITIES.map((i) => [
        i.role,
        `\`${i.basicUser}\` / \`${i.basicPassword}\``,
        `\`${i.oauthToken}\``,
        `\`${i.oauthKey}\` / \`${i.oauthSecret}\``,
      ]),
    );
  });

  it('are listed by serve --help', async () => {
    const out: string[] = [];
    const io: CliIo = { out: (line) => out.push(line), err: () => {}, env: {}, color: false };
    expect(await main(['serve', '--help'], io)).toBe(0);
    for (const i of DEMO_IDENTITIES)
      expect(out.join('\n')).toContain(
        `${i.basicUser} / ${i.basicPassword} / ${i.oauthToken} / ${i.oauthKey}, ${i.oauthSecret} (`,
      );
  });
});
