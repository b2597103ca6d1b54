/**
 * Progress of a run: on a terminal, one live line (requests, checks, passes, failures);
 * elsewhere, a plain line per finished check, which CI logs keep.
 */
import type { RunProgress } from '../engine/run.js';
import type { CliIo } from './io.js';

/** The live line is redrawn at most this often: progress comes per request, thousands a second in-process. */
const REDRAW_MS = 100;

export function createProgress(
  io: CliIo,
  now: () => number = Date.now,
): { update: (p: RunProgress) => void; preflight: (requests: number) => void; done: () => void } {
  let last: RunProgress | undefined;
  let drawnAt = -Infinity;
  const live = io.live;
  return {
    preflight(requests) {
      if (!live || now() - drawnAt < REDRAW_MS) return;
      drawnAt = now();
      live(`preflight: ${requests} requests`);
    },
    update(p) {
      last = p;
      if (live) {
        if (!p.finished && now() - drawnAt < REDRAW_MS) return;
        drawnAt = now();
        live(
          `requests ${p.requests} · checks ${p.checksDone}/${p.checksTotal} · pass ${p.passes} · fail ${p.failures} · error ${p.errors}`,
        );
      } else if (p.finished) {
        io.err(`${p.finished.status.padEnd(5)} ${p.finished.id}`);
      }
    },
    done() {
      if (live && last) {
        live('');
        io.err(
          `${last.requests} requests, ${last.checksDone} checks: ${last.passes} passed, ${last.failures} failed, ${last.errors} errors`,
        );
      }
    },
  };
}
