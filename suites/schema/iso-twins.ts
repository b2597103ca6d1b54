/**
 * Every ISO-8601 twin names the same wall-clock time as its legacy field, and the twins of one
 * response share one UTC offset (except those x-ledger-timestamps lets keep a stored offset).
 */
import { defineObserver, type Observation } from '../../src/check/check.js';

const LEGACY = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(\.\d{1,3})?$/;
/** Bodies seen before need no second walk: observations depend on the body alone. */
const judged = new Map<string, readonly Observation[]>();
const ISO = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export default defineObserver({
  id: 'schema/iso-twins',
  requirement: 'RESP-ISO-TWIN',
  title: 'ISO twins match their legacy fields and share one offset',
  observe(answer, { spec }) {
    if (answer.status !== 200 || answer.json === undefined) return [];
    const cached = judged.get(answer.bodyText);
    if (cached) return cached;
    const stored = new Set(spec.knobs.timestamps.storedOffsetTwins);
    const legacyOf = new Map(spec.isoTwins.map(({ legacy, iso }) => [iso, legacy]));
    const observations: Observation[] = [];
    const offsets = new Map<string, string>();
    const walk = (node: unknown, path: string): void => {
      if (Array.isArray(node)) return node.forEach((item, i) => walk(item, `${path}/${i}`));
      if (node === null || typeof node !== 'object') return;
      const record = node as Record<string, unknown>;
      for (const iso in record) {
        const legacy = legacyOf.get(iso);
        const l = legacy === undefined ? undefined : record[legacy];
        const i = record[iso];
        if (typeof l !== 'string' || typeof i !== 'string') continue;
        const lm = LEGACY.exec(l);
        const im = ISO.exec(i);
        // A malformed value is RESP-BODY's finding (the schema's pattern and format).
        if (!lm || !im) continue;
        if (lm[1] !== im[1] || lm[2] !== im[2]) {
          observations.push({
            title: `${iso} does not name the wall-clock time of ${legacy}`,
            received: `${path}/${legacy} = ${l}, ${path}/${iso} = ${i}`,
            documented: `the same date and time in both (${spec.operationPointer}/x-ledger-timestamps)`,
            key: `wall-clock ${iso}`,
          });
        }
        if (!stored.has(iso) && !offsets.has(im[4]!)) offsets.set(im[4]!, `${path}/${iso}`);
      }
      for (const key in record) walk(record[key], `${path}/${key}`);
    };
    walk(answer.json, '');
    if (offsets.size > 1) {
      observations.push({
        title: 'ISO twins of one response carry different UTC offsets',
        received: [...offsets].map(([offset, at]) => `${offset} at ${at}`).join('; '),
        documented: `one server offset for every twin (${spec.operationPointer}/x-ledger-timestamps)`,
        key: 'offsets',
      });
    }
    if (judged.size >= 5_000) judged.clear();
    judged.set(answer.bodyText, observations);
    return observations;
  },
});
