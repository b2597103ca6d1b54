/**
 * A server started as a child process, as a user starts one: its first line on standard
 * output is its base URL. The tests stop what they start, by its own handle.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

export interface ChildServer {
  readonly url: string;
  readonly child: ChildProcess;
  /** SIGTERM, then the exit code (null when killed by a signal). */
  stop(): Promise<number | null>;
}

export async function startChildServer(args: readonly string[]): Promise<ChildServer> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    const [url] = (await Promise.race([
      once(createInterface({ input: child.stdout! }), 'line'),
      once(child, 'exit').then(() => {
        throw new Error(`${args.join(' ')} exited before printing its URL: ${stderr}`);
      }),
    ])) as [string];
    return {
      url,
      child,
      stop: async () => {
        if (child.exitCode !== null) return child.exitCode;
        const exited = once(child, 'exit') as Promise<[number | null]>;
        child.kill('SIGTERM');
        return (await exited)[0];
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}
