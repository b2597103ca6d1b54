/** Checks on every response: status, content type, body, twins, 5xx, determinism. */
import { defineSuite } from '../../src/check/check.js';
import bodyConformance from './body-conformance.js';
import contentTypeConformance from './content-type-conformance.js';
import determinism from './determinism.js';
import everyEventType from './every-event-type.js';
import isoTwins from './iso-twins.js';
import noServerError from './no-server-error.js';
import noUndocumentedFields from './no-undocumented-fields.js';
import statusConformance from './status-conformance.js';

export default defineSuite({
  name: 'schema',
  checks: () => [everyEventType, determinism],
  observers: () => [statusConformance, contentTypeConformance, bodyConformance, noUndocumentedFields, isoTwins, noServerError],
});
