/** Faults the flags checks must catch. */
import type { QueryPair } from '../../core/query.js';
import type { LoadedSpec } from '../../contract/load.js';
import { defineFault, type Fault } from '../fault.js';
import { rewriteJson, rewriteQuery } from '../wrappers.js';
import { firstValue } from '../../core/query.js';

type Json = Record<string, unknown>;

const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const isOn = (pairs: readonly QueryPair[], flag: string): boolean => firstValue(pairs, flag) === 'true';
const setFlag = (pairs: readonly QueryPair[], flag: string, value: string | undefined): QueryPair[] => [
  ...pairs.filter(([n]) => n !== flag),
  ...(value !== undefined ? ([[flag, value]] as QueryPair[]) : []),
];

/** Applies `change` to every event of a 200 answer to a request with `flag=true`. */
const whenOn =
  (flag: string, change: (event: Json, events: Json[]) => void) =>
  (body: Json, context: { status: number; pairs: QueryPair[] }): Json => {
    if (context.status === 200 && isOn(context.pairs, flag) && Array.isArray(body['events'])) {
      const events = body['events'] as Json[];
      events.forEach((event) => change(event, events));
    }
    return body;
  };

/** For every flag that reveals something: the flag never read, and the flag always on. */
const perFlag = (spec: LoadedSpec): Fault[] =>
  Object.entries(spec.knobs.flags)
    .filter(([, knob]) => knob.reveals.length > 0)
    .flatMap(([flag, knob]) => [
      defineFault({
        id: `flags/${kebab(flag)}-ignored`,
        title: `${flag} is not read: what it reveals never shows`,
        trips: [knob.requirement],
        // Where an off flag may show empty lists, an ignored flag looks like data without such
        // fields: only golden mode, which knows the data, can tell.
        // A flag whose every path is optional (shown only where the data has something) looks,
        // ignored, like data with nothing to show.
        notApplicable: (s) =>
          s.knobs.flags[flag]?.whenOff === 'absent-or-empty'
            ? `${flag} may show empty lists when off: an ignored flag looks like data without them`
            : (s.knobs.flags[flag]?.reveals ?? []).every((r) => r.optional === true)
              ? `every path ${flag} reveals is optional: an ignored flag looks like data with nothing to show`
              : undefined,
        build: ({ reference }) => rewriteQuery(reference, (pairs) => setFlag(pairs, flag, undefined)),
      }),
      defineFault({
        id: `flags/${kebab(flag)}-always-on`,
        title: `${flag} is taken as true whatever its value`,
        trips: [knob.requirement],
        build: ({ reference }) => rewriteQuery(reference, (pairs) => setFlag(pairs, flag, 'true')),
      }),
    ]);

/** The flags faults: two per flag of the spec's x-ledger-flags, and hand-written ones. */
export const faults = (spec: LoadedSpec): Fault[] => [
  ...perFlag(spec),
  defineFault({
    id: 'flags/bill-details-bring-breakup',
    title: 'getBillDetails=true also shows the points earned breakup, whatever getPointsEarnedBreakup says',
    trips: ['FLAG-POINTS-BREAKUP'],
    build: ({ reference }) =>
      rewriteQuery(reference, (pairs) =>
        isOn(pairs, 'getBillDetails') ? setFlag(pairs, 'getPointsEarnedBreakup', 'true') : pairs,
      ),
  }),
  defineFault({
    id: 'flags/extended-fields-drop-slabs',
    title: 'getExtendedFields=true replaces pointInTimeSlabs instead of adding extendedFields beside it',
    trips: ['FLAG-EXTENDED-FIELDS'],
    build: ({ reference }) =>
      rewriteJson(
        reference,
        whenOn('getExtendedFields', (event) => {
          delete event['pointInTimeSlabs'];
        }),
      ),
  }),
  defineFault({
    id: 'flags/last-year-rejected',
    title: 'includeLastOneYearData=true is refused as an unsupported combination',
    trips: ['FLAG-LAST-YEAR'],
    build: ({ reference }) =>
      rewriteJson(reference, (body, { status, pairs }) =>
        status === 200 && isOn(pairs, 'includeLastOneYearData')
          ? {
              status: 400,
              body: {
                errors: [
                  {
                    code: 11001,
                    message: 'Combination of request parameters not supported : includeLastOneYearData',
                    status: false,
                  },
                ],
                warnings: [],
              },
            }
          : body,
      ),
  }),
  defineFault({
    id: 'flags/last-year-window',
    title: 'includeLastOneYearData=true drops events more than a year older than the newest one served',
    trips: ['FLAG-LAST-YEAR'],
    build: ({ reference }) =>
      rewriteJson(reference, (body, { status, pairs }) => {
        if (status !== 200 || !isOn(pairs, 'includeLastOneYearData') || !Array.isArray(body['events'])) return body;
        const events = body['events'] as Json[];
        const timeOf = (e: Json): number | undefined => {
          const time = (e['eventDetails'] as Json | undefined)?.['eventTime'];
          return typeof time === 'string' ? Date.parse(time.replace(' ', 'T') + 'Z') : undefined;
        };
        const newest = Math.max(...events.map((e) => timeOf(e) ?? -Infinity));
        return { ...body, events: events.filter((e) => (timeOf(e) ?? newest) >= newest - 365 * 86_400_000) };
      }),
  }),
  defineFault({
    id: 'flags/custom-fields-lost-with-extended',
    title: 'getCustomFields is dropped when getExtendedFields is also true (an if/else-if chain)',
    trips: ['FLAG-INDEPENDENT'],
    build: ({ reference }) =>
      rewriteQuery(reference, (pairs) =>
        isOn(pairs, 'getCustomFields') && isOn(pairs, 'getExtendedFields') ? setFlag(pairs, 'getCustomFields', undefined) : pairs,
      ),
  }),
];
