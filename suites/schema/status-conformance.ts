/** Every response carries a status code that the operation documents. */
import { defineObserver } from '../../src/check/check.js';

export default defineObserver({
  id: 'schema/status-conformance',
  requirement: 'RESP-STATUS',
  title: 'Every response status is one the operation documents',
  observe(answer, { spec }) {
    if (spec.responses.has(answer.status)) return [];
    return [
      {
        title: `Response status ${answer.status} is not documented`,
        received: String(answer.status),
        documented: [...spec.responses.keys()].join(', '),
        key: String(answer.status),
      },
    ];
  },
});
