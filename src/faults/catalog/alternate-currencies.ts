/** Faults the alternate-currencies checks must catch. */
import type { QueryPair } from '../../core/query.js';
import { valuesAt } from '../../contract/reveal-paths.js';
import type { LoadedSpec } from '../../contract/load.js';
import { defineFault, type Fault } from '../fault.js';
import { rewriteJson, rewriteQuery } from '../wrappers.js';
import { firstValue } from '../../core/query.js';

type Json = Record<string, unknown>;

const INCLUDE = 'includeAlternateCurrencies';
const NAMES = 'alternateCurrencyNames';
const isOn = (pairs: readonly QueryPair[], name: string): boolean => firstValue(pairs, name) === 'true';

/** Rewrites the warnings of a 200 answer. */
const onWarnings =
  (change: (warnings: Json[], pairs: QueryPair[]) => Json[] | { status: number; body: unknown }) =>
  (body: Json, context: { status: number; pairs: QueryPair[] }) => {
    if (context.status !== 200 || !Array.isArray(body['warnings'])) return body;
    const out = change(body['warnings'] as Json[], context.pairs);
    return Array.isArray(out) ? { ...body, warnings: out } : out;
  };

/** The currency faults; what an unknown name trips follows x-ledger-alternate-currencies.unknownName. */
export const faults = (spec: LoadedSpec): Fault[] => [
  defineFault({
    id: 'alternate-currencies/filter-ignored',
    title: 'alternateCurrencyNames is read as "include every currency"',
    trips: ['AC-FILTER'],
    build: ({ reference }) =>
      rewriteQuery(reference, (pairs) =>
        firstValue(pairs, NAMES) !== undefined
          ? [...pairs.filter(([n]) => n !== NAMES && n !== INCLUDE), [INCLUDE, 'true']]
          : pairs,
      ),
  }),
  defineFault({
    id: 'alternate-currencies/blocks-always-present',
    title: 'Every currency block is served even when no currency is asked for',
    trips: ['AC-INCLUDE'],
    build: ({ reference }) =>
      rewriteQuery(reference, (pairs) =>
        firstValue(pairs, NAMES) === undefined && !isOn(pairs, INCLUDE)
          ? [...pairs.filter(([n]) => n !== INCLUDE), [INCLUDE, 'true']]
          : pairs,
      ),
  }),
  defineFault({
    id: 'alternate-currencies/include-all-misses-one',
    title: "includeAlternateCurrencies=true leaves out the last of the customer's currencies",
    trips: ['AC-INCLUDE'],
    build: ({ reference, spec }) =>
      rewriteJson(reference, (body, { status, pairs }) => {
        if (status !== 200 || !isOn(pairs, INCLUDE) || !Array.isArray(body['events'])) return body;
        for (const event of body['events'] as Json[]) {
          for (const block of spec.knobs.alternateCurrencies.blocks) {
            for (const list of valuesAt(event, block.path)) if (Array.isArray(list) && list.length > 1) list.pop();
          }
        }
        return body;
      }),
  }),
  defineFault({
    id: 'alternate-currencies/include-does-not-override',
    title: 'With includeAlternateCurrencies=true, alternateCurrencyNames still decides (the opposite includeOverridesNames)',
    trips: ['AC-INCLUDE-OVERRIDES'],
    build: ({ withKnobs }) =>
      withKnobs((knobs) => ({
        ...knobs,
        alternateCurrencies: {
          ...knobs.alternateCurrencies,
          includeOverridesNames: !knobs.alternateCurrencies.includeOverridesNames,
        },
      })),
  }),
  defineFault({
    id: 'alternate-currencies/warnings-dropped',
    title: 'Warnings are never sent',
    // Where an unknown name is an error, the only warning left to drop is the no-currency one.
    trips: spec.knobs.alternateCurrencies.unknownName === 'warning' ? ['AC-UNKNOWN-WARNING', 'AC-NONE'] : ['AC-NONE'],
    build: ({ reference }) =>
      rewriteJson(
        reference,
        onWarnings(() => []),
      ),
  }),
  defineFault({
    id: 'alternate-currencies/warning-as-error',
    title: 'The no-currency warning is sent as an error: 400 with the warning in errors',
    // (An unknown currency name answered with error 9018 is not a fault: it is an evidenced
    // dialect, x-ledger-alternate-currencies.unknownName.)
    trips: ['AC-NONE'],
    build: ({ reference, spec }) => {
      const rule = spec.knobs.warnings.find((w) => w.trigger.kind === 'no-alternate-currencies')!;
      return rewriteJson(
        reference,
        onWarnings((warnings) =>
          warnings.some((w) => w['message'] === rule.message)
            ? { status: 400, body: { errors: warnings, warnings: [] } }
            : warnings,
        ),
      );
    },
  }),
  defineFault({
    id: 'alternate-currencies/unknown-name-warning-code',
    notApplicable: (s) =>
      s.knobs.alternateCurrencies.unknownName === 'warning'
        ? undefined
        : 'an unknown name is an error in this dialect: there is no warning to misnumber',
    title: 'The unknown-currency warning carries the error code of an invalid name (9005)',
    trips: ['AC-UNKNOWN-WARNING'],
    build: ({ reference }) =>
      rewriteJson(
        reference,
        onWarnings((warnings, pairs) =>
          firstValue(pairs, NAMES) !== undefined ? warnings.map((w) => ({ ...w, code: 9005 })) : warnings,
        ),
      ),
  }),
  defineFault({
    id: 'alternate-currencies/no-currencies-warning-missing',
    title: 'A customer without currencies asked for all of them gets no warning',
    trips: ['AC-NONE'],
    build: ({ reference, spec }) => {
      const rule = spec.knobs.warnings.find((w) => w.trigger.kind === 'no-alternate-currencies')!;
      return rewriteJson(
        reference,
        onWarnings((warnings) => warnings.filter((w) => w['message'] !== rule.message)),
      );
    },
  }),
];
