import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { basicAuthHeader } from '../../src/http/redact.js';
import type { QueryPair } from '../../src/core/query.js';
import { PACKAGE_ROOT } from '../../src/core/files.js';
import { queryOf, reference, spec } from './helpers.js';
import { lookupPairs } from '../../src/profile/lookup-pairs.js';

// The built command line (npm test builds first), as a user runs it.
const CLI = join(PACKAGE_ROOT, 'dist', 'src', 'cli', 'main.js');

describe('ledger-conformance serve', () => {
  it('prints its base URL first, serves spec-valid JSON with the demo credentials, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [CLI, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      // A child that dies before printing fails the test at once, with what it said.
      const [first] = (await Promise.race([
        once(createInterface({ input: child.stdout }), 'line'),
        once(child, 'exit').then(() => {
          throw new Error(`serve exited before printing its URL: ${stderr}`);
        }),
      ])) as [string];
      expect(first).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const primary = reference.identities.find((i) => i.role === 'primary')!;
      const customer = reference.profile.customers[0]!;
      const group = reference.profile.groups[0]!;
      const get = async (
        pairs: readonly QueryPair[],
        headers: Record<string, string> = { authorization: basicAuthHeader(primary.basicUser, primary.basicPassword) },
      ) => {
        const response = await fetch(`${first}${spec.endpointPath}?${queryOf(pairs)}`, { headers });
        return {
          status: response.status,
          type: response.headers.get('content-type'),
          json: (await response.json().catch(() => undefined)) as unknown,
        };
      };
      const flags = Object.keys(spec.knobs.flags).map((f): QueryPair => [f, 'true']);
      const valid = [
        await get([
          ...lookupPairs(customer.lookups[0]!),
          // At most S6's ten ids: the reference refuses more (ERR-11014-CAP).
          [
            'eventIds',
            customer.events
              .slice(0, 10)
              .map((e) => e.eventLogId)
              .join(','),
          ],
          ...flags,
          ['includeAlternateCurrencies', 'true'],
        ]),
        await get([...lookupPairs(group.lookups[0]!), ['type', 'USERGROUP2'], ['eventIds', group.events[0]!.eventLogId]]),
        await get([...lookupPairs(customer.lookups[0]!), ['eventIds', customer.events[0]!.eventLogId]], {
          'x-cap-api-oauth-token': primary.oauthToken,
        }),
      ];
      for (const answer of valid) {
        expect(answer.status).toBe(200);
        expect(answer.type).toBe('application/json');
        expect(spec.responses.get(200)!.validate!(answer.json, { closed: true })).toEqual([]);
      }
      const error = await get([...lookupPairs(customer.lookups[0]!)]);
      expect(error.status).toBe(400);
      expect(spec.responses.get(400)!.validate!(error.json, { closed: true })).toEqual([]);
      expect((await get([...lookupPairs(customer.lookups[0]!)], {})).status).toBe(401);
      child.kill('SIGTERM');
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('refuses a bad port with exit code 2, naming the option', async () => {
    const child = spawn(process.execPath, [CLI, 'serve', '--port', '70000'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(2);
    expect(stderr).toMatch(/--port: must be from 0 to 65535/);
  });
});
