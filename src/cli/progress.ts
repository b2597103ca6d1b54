/**
 * Progress of a run: on a terminal, one live line (requests, checks, passes, failures);
 * elsewhere, a plain line per finished check, which CI logs keep.
 */
import type { RunProgress } from '../engine/run.js';
import type { CliIo } from './io.js';

export function createProgress(io: CliIo): { update: (p: RunProgress) => void; done: () => void } {
  let last: RunProgress | undefined;
  const live = io.live;
  return {
    update(p) {
      last = p;
      if (live) {
        live(`requests ${p.requests} · checks ${p.checksDone}/${p.checksTotal} · pass ${p.passes} · fail ${p.failures} · error ${p.errors}`);
      } else if (p.finished) {
        io.err(`${p.finished.status.padEnd(5)} ${p.finished.id}`);
      }
    },
    done() {
      if (live && last) {
        live('');
        io.err(`${last.requests} requests, ${last.checksDone} checks: ${last.passes} passed, ${last.failures} failed, ${last.errors} errors`);
      }
    },
  };
}
