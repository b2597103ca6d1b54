/**
 * `discover` never turns a fault into a dialect: against the reference with any single fault of
 * the catalog, whatever overlay discover writes, the run judged under it still fails every
 * requirement the fault trips.
 */
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../suites/index.js';
import { faultContext } from '../../src/faults/fault.js';
import { buildFaults } from '../../src/faults/index.js';
import { suitesJudging } from '../../src/faults/selftest.js';
import {
  canonical,
  certifyUnder,
  discoverIn,
  effective,
  failed,
  overlayOf,
  pinned,
  referenceOf,
  writeOverlay,
} from './support.js';

const reference = referenceOf(canonical);
const faults = buildFaults(canonical);

describe('discover against every fault of the catalog', () => {
  it.each(faults.map((f) => [f.id, f] as const))('%s is not described away', async (_, fault) => {
    const handler = fault.build(faultContext(canonical, reference.dataset, reference.identities, reference.handler));
    const discovery = await discoverIn(canonical, handler, reference.profile).catch(() => undefined);
    // A fault that breaks even the probes' requests pins nothing: the run judges the canonical spec.
    const settings = discovery ? pinned(discovery) : [];
    if (settings.length === 0) return;
    const spec = effective([writeOverlay(`fault-${fault.id}`, overlayOf(settings, `discovered against ${fault.id}`))]);
    const report = await certifyUnder(spec, handler, reference.profile, {
      suites: suitesJudging(fault, false, buildCatalog(spec))!,
    });
    expect(
      fault.trips.filter((id) => !failed(report).includes(id)),
      `pinned ${JSON.stringify(settings)}`,
    ).toEqual([]);
  });
});
