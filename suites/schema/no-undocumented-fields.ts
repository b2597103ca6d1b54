/** Response objects carry no property that their schema does not document. */
import { defineObserver } from '../../src/check/check.js';

export default defineObserver({
  id: 'schema/no-undocumented-fields',
  requirement: 'RESP-NO-UNDOCUMENTED-FIELDS',
  title: 'No response object carries a property its schema does not document',
  observe(answer, { spec }) {
    const judge = spec.responses.get(answer.status)?.judge;
    // A body that breaks the open schema is RESP-BODY's finding; only valid bodies are judged here.
    if (!judge || answer.json === undefined) return [];
    return judge(answer.json, answer.bodyText)
      .closed.filter((issue) => issue.keyword === 'additionalProperties')
      .map((issue) => ({
        title: `Response carries an undocumented property at ${issue.instancePath || '/'}`,
        received: `${issue.instancePath || '/'} ${issue.message}`,
        documented: `only the properties of ${issue.specPointer.replace(/\/additionalProperties$/, '')}`,
        key: `${issue.specPointer} ${issue.message}`,
        pointer: issue.specPointer,
      }));
  },
});
