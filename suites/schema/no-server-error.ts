/** No request, valid or not, is answered with a 5xx status. */
import { defineObserver } from '../../src/check/check.js';

export default defineObserver({
  id: 'schema/no-server-error',
  requirement: 'RESP-NO-SERVER-ERROR',
  title: 'No request of the run is answered with a 5xx status',
  observe(answer) {
    if (answer.status < 500) return [];
    return [
      {
        title: `Request answered with ${answer.status}`,
        received: String(answer.status),
        documented: 'a 2xx or 4xx status for every request',
        key: String(answer.status),
      },
    ];
  },
});
