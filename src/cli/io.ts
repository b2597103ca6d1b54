/** What the command line reads and writes; tests pass their own. */
export interface CliIo {
  /** A line to standard output (results). */
  out(line: string): void;
  /** A line to standard error (progress, notices, errors). */
  err(line: string): void;
  /** Rewrites the live progress line (terminals only); undefined when not a terminal. */
  readonly live?: (line: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether to colour the summary. */
  readonly color: boolean;
}

export function processIo(): CliIo {
  const tty = process.stderr.isTTY === true;
  // A reader that stops early (`list | head`) closes the pipe: say so once and write no more,
  // while a run goes on to write its reports.
  let stdoutOpen = true;
  let liveShown = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (!stdoutOpen) return;
    stdoutOpen = false;
    process.stderr.write(
      `ledger-conformance: standard output was closed (${error.code ?? error.message}); nothing more is printed there\n`,
    );
  });
  return {
    out: (line) => {
      if (stdoutOpen) process.stdout.write(line + '\n');
    },
    err: (line) => {
      // A message never lands at the end of a live progress line.
      if (liveShown) process.stderr.write('\r\u001b[2K');
      liveShown = false;
      process.stderr.write(line + '\n');
    },
    ...(tty
      ? {
          live: (line: string) => {
            process.stderr.write(`\r\u001b[2K${line}`);
            liveShown = line !== '';
          },
        }
      : {}),
    env: process.env,
    color: process.stdout.isTTY === true && process.env['NO_COLOR'] === undefined,
  };
}
