/** Golden mode: exact comparison with the reference, for targets serving its canonical dataset. */
import { defineSuite } from '../../src/check/check.js';
import goldenMatch from './golden-match.js';

export default defineSuite({ name: 'golden', checks: () => [], observers: () => [goldenMatch] });
