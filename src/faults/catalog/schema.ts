/** Faults the schema checks must catch. */
import type { Fault } from '../fault.js';

export const faults: readonly Fault[] = [];
