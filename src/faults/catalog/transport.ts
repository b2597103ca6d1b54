/** Faults of the wire: content types, server errors. */
import { defineFault, type Fault } from '../fault.js';
import { rewriteResponse } from '../wrappers.js';

export const faults: readonly Fault[] = [
  defineFault({
    id: 'transport/text-plain-body',
    title: 'JSON answers are sent as text/plain',
    trips: ['RESP-CONTENT-TYPE'],
    build: ({ reference }) =>
      rewriteResponse(reference, (r) =>
        r.headers['content-type'] === 'application/json'
          ? { ...r, headers: { ...r.headers, 'content-type': 'text/plain;charset=UTF-8' } }
          : r,
      ),
  }),
  defineFault({
    id: 'transport/html-error-page',
    title: 'request errors are answered with an HTML error page of the gateway',
    trips: ['RESP-CONTENT-TYPE', 'RESP-BODY'],
    build: ({ reference }) =>
      rewriteResponse(reference, (r) =>
        r.status === 400
          ? { status: 400, headers: { 'content-type': 'text/html' }, body: '<html><body><h1>400 Bad Request</h1></body></html>' }
          : r,
      ),
  }),
  defineFault({
    id: 'transport/500-on-unknown-parameter',
    title: 'an undeclared query parameter makes the server fail with 500',
    trips: ['RESP-NO-SERVER-ERROR', 'PARAM-UNKNOWN-IGNORED'],
    build: ({ reference, spec }) => {
      const declared = new Set(spec.parameters.map((p) => p.name));
      return (request) =>
        [...new URLSearchParams(request.rawQuery).keys()].some((name) => !declared.has(name))
          ? {
              status: 500,
              headers: { 'content-type': 'application/json' },
              body: '{"errors":[{"code":500,"message":"Internal Server Error","status":false}]}',
            }
          : reference(request);
    },
  }),
];
