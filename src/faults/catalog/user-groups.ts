/** Faults the user-groups checks must catch. */
import type { Fault } from '../fault.js';

export const faults: readonly Fault[] = [];
