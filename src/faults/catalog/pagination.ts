/**
 * Faults the pagination checks must catch. Reading offset as an item offset, serving an event
 * selected twice twice, and an error for a page past the end with code 11003 are not here:
 * public sources show each (x-ledger-dialects), so they are dialects, not mistakes.
 */
import { defineFault, type Fault } from '../fault.js';
import { rewriteJson, rewriteQuery } from '../wrappers.js';
import { firstValue, without } from '../../core/query.js';

export const faults: readonly Fault[] = [
  defineFault({
    id: 'pagination/limit-ignored',
    title: 'limit is not read: every page holds the default number of events',
    trips: ['PAGE-SIZE'],
    build: ({ reference }) => rewriteQuery(reference, (pairs) => without(pairs, 'limit')),
  }),
  defineFault({
    id: 'pagination/offset-ignored',
    title: 'offset is not read: every page is the first page',
    trips: ['PAGE-PARTITION', 'PAGE-PAST-END'],
    build: ({ reference }) => rewriteQuery(reference, (pairs) => without(pairs, 'offset')),
  }),
  defineFault({
    id: 'pagination/page-window-off-by-one',
    title: 'Pages are cut one event late (a one-based start), so the first event is never served',
    trips: ['PAGE-PARTITION'],
    build: ({ withHooks }) => withHooks({ pageWindow: (start, limit) => [start + 1, start + 1 + limit] }),
  }),
  defineFault({
    id: 'pagination/page-repeats-previous-last',
    title: 'Every page after the first starts with the last event of the page before',
    trips: ['PAGE-PARTITION'],
    build: ({ withHooks }) =>
      withHooks({ pageWindow: (start, limit) => (start > 0 ? [start - 1, start - 1 + limit] : [start, start + limit]) }),
  }),
  defineFault({
    id: 'pagination/page-drops-an-event',
    title: 'A page that is not the last loses its last event',
    trips: ['PAGE-PARTITION', 'PAGE-SIZE'],
    build: ({ withHooks }) =>
      withHooks({
        pageWindow: (start, limit, total) => (start + limit < total ? [start, start + limit - 1] : [start, start + limit]),
      }),
  }),
  defineFault({
    id: 'pagination/unstable-order',
    title: 'The order changes from one request to the next (e.g. a hash-map iteration order)',
    trips: ['PAGE-ORDER', 'PAGE-PARTITION'],
    build: ({ withHooks }) => {
      let requests = 0;
      return withHooks({
        reorder: (ids) => {
          requests += 1;
          const by = requests % Math.max(1, ids.length);
          return [...ids.slice(by), ...ids.slice(0, by)];
        },
      });
    },
  }),
  defineFault({
    id: 'pagination/order-reversed',
    title: 'Events come in the opposite order of the one documented',
    trips: ['PAGE-ORDER'],
    build: ({ withKnobs }) =>
      withKnobs((knobs) => ({
        ...knobs,
        pagination: {
          ...knobs.pagination,
          order: {
            ...knobs.pagination.order,
            direction: knobs.pagination.order.direction === 'ascending' ? 'descending' : 'ascending',
          },
        },
      })),
  }),
  defineFault({
    id: 'pagination/default-limit-wrong',
    title: 'Without limit, pages hold 5 events instead of the documented default',
    trips: ['PAGE-DEFAULTS'],
    build: ({ reference }) =>
      rewriteQuery(reference, (pairs) => (firstValue(pairs, 'limit') === undefined ? [...pairs, ['limit', '5']] : pairs)),
  }),
  defineFault({
    id: 'pagination/past-the-end-error',
    title: 'A page past the last event is answered 400 with 9021 (event not found) instead of what pastTheEnd says',
    trips: ['PAGE-PAST-END'],
    build: ({ reference, spec }) => {
      const pastTheEnd = spec.knobs.pagination.pastTheEnd;
      const wrong = {
        status: 400,
        body: { errors: [{ code: 9021, message: 'No events found for the given page', status: false }], warnings: [] },
      };
      return rewriteJson(reference, (body, { status }) => {
        const emptyPage = status === 200 && Array.isArray(body['events']) && body['events'].length === 0;
        const dialectError =
          pastTheEnd !== 'empty-page' &&
          status === pastTheEnd.status &&
          (body['errors'] as { code?: unknown }[] | undefined)?.[0]?.code === pastTheEnd.code;
        return emptyPage || dialectError ? wrong : body;
      });
    },
  }),
];
