/** The pagination suite: offset and limit as the `offset`/`limit` schemas and x-ledger-pagination say. */
import { defineSuite } from '../../src/check/check.js';
import defaults from './defaults.js';
import order from './order.js';
import pageSize from './page-size.js';
import partition from './partition.js';
import pastTheEnd from './past-the-end.js';

export default defineSuite({ name: 'pagination', checks: () => [partition, pageSize, pastTheEnd, defaults, order] });
