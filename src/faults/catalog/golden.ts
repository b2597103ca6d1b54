/** Faults only an exact comparison with the reference can see: well-formed, but different data. */
import { defineFault, type Fault } from '../fault.js';
import { rewriteEvents } from '../wrappers.js';

export const faults: readonly Fault[] = [
  defineFault({
    id: 'golden/program-names-upper-case',
    title: 'a vendor mock writes program names in upper case',
    trips: ['GOLDEN-MATCH'],
    build: ({ reference }) =>
      rewriteEvents(reference, (event) => {
        const walk = (node: unknown): void => {
          if (Array.isArray(node)) return node.forEach(walk);
          if (node === null || typeof node !== 'object') return;
          const record = node as Record<string, unknown>;
          if (typeof record['programName'] === 'string') record['programName'] = (record['programName'] as string).toUpperCase();
          Object.values(record).forEach(walk);
        };
        walk(event);
      }),
  }),
];
