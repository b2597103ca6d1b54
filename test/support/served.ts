/**
 * Two targets served over HTTP for the command-line tests: the reference, and the reference
 * with one schema fault planted (RESP-BODY fails on it: `eventLogId` sent as a string).
 */
import { afterAll, beforeAll } from 'vitest';
import { faultContext } from '../../src/faults/fault.js';
import { faults as schemaFaults } from '../../src/faults/catalog/schema.js';
import type { Reference } from '../../src/reference/index.js';
import { serveHandler, type RunningServer } from '../../src/reference/server.js';
import { spec } from './harness.js';

/** The requirement the broken target fails and the plain one passes. */
export const BROKEN_REQUIREMENT = 'RESP-BODY';

/** Serves both for the tests of the calling file (started before them, closed after). */
export function servedTargets(reference: Reference): { plain: RunningServer; broken: RunningServer } {
  const served = {} as { plain: RunningServer; broken: RunningServer };
  beforeAll(async () => {
    served.plain = await serveHandler(reference.handler);
    const fault = schemaFaults.find((f) => f.id === 'schema/event-log-id-as-string')!;
    served.broken = await serveHandler(
      fault.build(faultContext(spec, reference.dataset, reference.identities, reference.handler)),
    );
  });
  afterAll(async () => {
    await served.plain.close();
    await served.broken.close();
  });
  return served;
}
