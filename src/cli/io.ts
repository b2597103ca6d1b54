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
  return {
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
    ...(tty ? { live: (line: string) => process.stderr.write(`\r\u001b[2K${line}`) } : {}),
    env: process.env,
    color: process.stdout.isTTY === true && process.env['NO_COLOR'] === undefined,
  };
}
