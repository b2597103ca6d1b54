/** Faults the schema checks must catch: fields retyped, renamed, dropped, nulled, mis-formatted. */
import { defineFault, type Fault } from '../fault.js';
import { rewriteEvents, rewriteJson } from '../wrappers.js';

let counter = 0;

export const faults: readonly Fault[] = [
  defineFault({
    id: 'schema/event-log-id-as-string',
    title: 'eventLogId is serialised as a string',
    trips: ['RESP-BODY', 'GOLDEN-MATCH'],
    build: ({ reference }) => rewriteEvents(reference, (e) => void (e['eventLogId'] = String(e['eventLogId']))),
  }),
  defineFault({
    id: 'schema/bill-number-renamed',
    title: 'billDetails.billNumber is renamed billNo',
    trips: ['RESP-BODY'],
    build: ({ reference }) =>
      rewriteEvents(reference, (e) => {
        const bill = e['billDetails'] as Record<string, unknown> | undefined;
        if (bill && 'billNumber' in bill) {
          bill['billNo'] = bill['billNumber'];
          delete bill['billNumber'];
        }
      }),
  }),
  defineFault({
    id: 'schema/note-renamed',
    title: 'billDetails.note is renamed notes (the open schema still passes: note is optional)',
    trips: ['RESP-NO-UNDOCUMENTED-FIELDS'],
    build: ({ reference }) =>
      rewriteEvents(reference, (e) => {
        const bill = e['billDetails'] as Record<string, unknown> | undefined;
        if (bill && 'note' in bill) {
          bill['notes'] = bill['note'];
          delete bill['note'];
        }
      }),
  }),
  defineFault({
    id: 'schema/points-earned-dropped',
    title: 'pointsEarned is left out of registration events',
    trips: ['RESP-BODY'],
    build: ({ reference }) =>
      rewriteEvents(reference, (e) => void (e['eventName'] === 'CustomerRegistration' && delete e['pointsEarned'])),
  }),
  defineFault({
    id: 'schema/reference-id-null',
    title: 'eventReferenceId is null instead of a string',
    trips: ['RESP-BODY'],
    build: ({ reference }) => rewriteEvents(reference, (e) => void ('eventReferenceId' in e && (e['eventReferenceId'] = null))),
  }),
  defineFault({
    id: 'schema/line-items-object',
    title: 'lineItems is an object keyed by item id instead of an array',
    trips: ['RESP-BODY'],
    build: ({ reference }) =>
      rewriteEvents(reference, (e) => {
        const bill = e['billDetails'] as Record<string, unknown> | undefined;
        if (bill && Array.isArray(bill['lineItems']))
          bill['lineItems'] = Object.fromEntries((bill['lineItems'] as { id: number }[]).map((i) => [String(i.id), i]));
      }),
  }),
  defineFault({
    id: 'schema/warnings-missing',
    title: 'the warnings list is left out when empty',
    trips: ['RESP-BODY'],
    build: ({ reference }) =>
      rewriteJson(reference, (body, { status }) => {
        if (status === 200 && Array.isArray(body['warnings']) && (body['warnings'] as unknown[]).length === 0)
          delete body['warnings'];
        return body;
      }),
  }),
  defineFault({
    id: 'schema/legacy-time-in-iso-format',
    title: 'eventTime is written in ISO format, like its twin',
    trips: ['RESP-BODY'],
    build: ({ reference }) =>
      rewriteEvents(reference, (e) => {
        const details = e['eventDetails'] as Record<string, unknown>;
        if (typeof details['eventTime'] === 'string')
          details['eventTime'] = (details['eventTime'] as string).replace(' ', 'T').replace(/\.0$/, '');
      }),
  }),
  defineFault({
    id: 'schema/iso-twin-naive-utc',
    title: 'eventTimeISO is the legacy time converted to UTC, so its wall clock is shifted',
    trips: ['RESP-ISO-TWIN', 'GOLDEN-MATCH'],
    build: ({ reference }) =>
      rewriteEvents(reference, (e) => {
        const details = e['eventDetails'] as Record<string, unknown>;
        const iso = details['eventTimeISO'];
        if (typeof iso === 'string') details['eventTimeISO'] = new Date(iso).toISOString().replace(/\.000Z$/, 'Z');
      }),
  }),
  defineFault({
    id: 'schema/iso-twin-mixed-offsets',
    title: 'billDateISO carries UTC while the other twins carry the server offset',
    trips: ['RESP-ISO-TWIN'],
    build: ({ reference }) =>
      rewriteEvents(reference, (e) => {
        const bill = e['billDetails'] as Record<string, unknown> | undefined;
        if (bill && typeof bill['billDateISO'] === 'string')
          bill['billDateISO'] = (bill['billDateISO'] as string).replace(/[+-]\d\d:\d\d$/, 'Z');
      }),
  }),
  defineFault({
    id: 'schema/v21-org-id-leaks',
    title: 'every event carries orgId, a field of the v2.1 connected-org API',
    trips: ['RESP-NO-UNDOCUMENTED-FIELDS'],
    build: ({ reference, dataset }) => rewriteEvents(reference, (e) => void (e['orgId'] = dataset.orgId)),
  }),
  defineFault({
    id: 'schema/fully-expanded-order-varies',
    title:
      'a request that asks for every section at once (every flag and the alternate currencies) is assembled in parallel, so its events come back in another order every other call',
    trips: ['RESP-DETERMINISTIC'],
    build: ({ reference, spec }) => {
      // Only the fully expanded answer takes the parallel path: a generated request rarely asks for all of it.
      const expanding = [...Object.keys(spec.knobs.flags), spec.knobs.alternateCurrencies.includeParameter];
      const seen = new Map<string, number>();
      return rewriteJson(reference, (body, { status, request, pairs }) => {
        const events = body['events'];
        const everySection = expanding.every((flag) => pairs.some(([n, v]) => n === flag && v === 'true'));
        if (status !== 200 || !everySection || !Array.isArray(events) || events.length < 2) return body;
        const times = (seen.get(request.rawQuery) ?? 0) + 1;
        seen.set(request.rawQuery, times);
        return times % 2 === 0 ? { ...body, events: [...events].reverse() } : body;
      });
    },
  }),
  defineFault({
    id: 'schema/unique-id-per-request',
    title: 'uniqueId is generated anew on every request',
    trips: ['RESP-DETERMINISTIC'],
    build: ({ reference }) => rewriteEvents(reference, (e) => void ('uniqueId' in e && (e['uniqueId'] = `u${++counter}`))),
  }),
];
