/** src/http/abort-fanout.ts: every request of a run stops when the run ends, through one listener on the run's signal. */
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { whenAborted } from '../../src/http/abort-fanout.js';

describe('whenAborted', () => {
  it('calls every callback still registered when the signal aborts, once, through one listener', () => {
    const run = new AbortController();
    const called: number[] = [];
    const stops = Array.from({ length: 1000 }, (_, i) => whenAborted(run.signal, () => called.push(i)));
    expect(getEventListeners(run.signal, 'abort')).toHaveLength(1);
    stops[1]!();
    stops[998]!();
    run.abort();
    run.abort();
    expect(called).toHaveLength(998);
    expect(called).not.toContain(1);
    expect(called).not.toContain(998);
  });

  it('calls at once for a signal that has aborted already', () => {
    const run = new AbortController();
    run.abort();
    let called = 0;
    whenAborted(run.signal, () => (called += 1));
    expect(called).toBe(1);
  });

  it('keeps the signals apart', () => {
    const [a, b] = [new AbortController(), new AbortController()];
    const called: string[] = [];
    whenAborted(a.signal, () => called.push('a'));
    whenAborted(b.signal, () => called.push('b'));
    b.abort();
    expect(called).toEqual(['b']);
  });
});
