/** Every response whose status documents a body is sent as application/json. */
import { defineObserver } from '../../src/check/check.js';
import { isContainerAnswer } from './container-answer.js';

/** The media type without parameters, lower-cased (`application/json; charset=utf-8` → `application/json`). */
function essence(contentType: string | undefined): string | undefined {
  return contentType?.split(';')[0]!.trim().toLowerCase() || undefined;
}

export default defineObserver({
  id: 'schema/content-type-conformance',
  requirement: 'RESP-CONTENT-TYPE',
  title: 'Every documented body is sent with a documented media type',
  observe(answer, { spec }) {
    const documented = spec.responses.get(answer.status)?.mediaTypes ?? [];
    if (documented.length === 0 || isContainerAnswer(answer)) return [];
    const received = essence(answer.headers['content-type']);
    if (received !== undefined && documented.includes(received)) return [];
    return [
      {
        title: `Response content type of ${answer.status} is not ${documented.join(' or ')}`,
        received: answer.headers['content-type'] ?? '(no Content-Type header)',
        documented: documented.join(', '),
        key: `${answer.status} ${received ?? 'none'}`,
      },
    ];
  },
});
