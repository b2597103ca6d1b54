/**
 * The kit's own requests keep the limits the sources document for list parameters (the schema's
 * `maxItems`: S6's ten eventIds, the seed's ten eventReferenceIds), unless the check exists to
 * send invalid requests (the errors and fuzz suites). A request over a limit would be refused by
 * a cluster that enforces it, and the refusal would be blamed on the target: a false failure.
 * So such a request is never sent, and the check ends `error`, naming its own mistake.
 */
import type { QueryPair } from '../core/query.js';
import type { LoadedSpec } from '../contract/load.js';

/** Check id prefixes of the suites whose checks send requests that break rules on purpose. */
const SENDS_INVALID_ON_PURPOSE = ['errors/', 'fuzz/'];

export function overDocumentedLimit(spec: LoadedSpec, checkId: string, query: readonly QueryPair[]): string | undefined {
  if (SENDS_INVALID_ON_PURPOSE.some((prefix) => checkId.startsWith(prefix))) return undefined;
  for (const [name, value] of query) {
    const parameter = spec.parameters.find((p) => p.name === name);
    const maxItems = parameter?.schema['maxItems'];
    if (typeof maxItems !== 'number') continue;
    const items = value.split(',').length;
    if (items > maxItems)
      return `the kit's own request (check ${checkId}) carries ${items} ${name}, more than the documented maximum of ${maxItems} (${parameter!.pointer}/schema/maxItems): a mistake of the check, not of the target; it was not sent`;
  }
  return undefined;
}
