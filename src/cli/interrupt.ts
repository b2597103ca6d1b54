/**
 * Ctrl-C during a long command: the first one asks the command to finish early (its signal is
 * aborted, so what is in flight ends and the results are still written); a second one, with
 * this handler gone, kills the process as usual.
 */
import type { CliIo } from './io.js';

export interface Interrupt {
  readonly signal: AbortSignal;
  /** Removes the handler: call it when the command's work is over, however it ended. */
  release(): void;
}

export function interruptOnSigint(io: CliIo, message: string): Interrupt {
  const controller = new AbortController();
  const onInterrupt = (): void => {
    io.err(message);
    controller.abort();
    process.off('SIGINT', onInterrupt);
  };
  process.on('SIGINT', onInterrupt);
  return { signal: controller.signal, release: () => process.off('SIGINT', onInterrupt) };
}
