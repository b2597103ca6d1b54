/**
 * `--embedded`: the reference served on a free loopback port for as long as a command needs it,
 * and closed however the command ends.
 */
import type { ReferenceHandler } from '../core/handler.js';
import { serveHandler } from '../reference/server.js';

/** Runs `use` with the URL of `handler` served on 127.0.0.1, or with undefined when there is no handler to serve. */
export async function whileServing<T>(
  handler: ReferenceHandler | undefined,
  use: (url: string | undefined) => Promise<T>,
): Promise<T> {
  if (!handler) return use(undefined);
  const server = await serveHandler(handler, { host: '127.0.0.1', port: 0 });
  try {
    return await use(server.url);
  } finally {
    await server.close();
  }
}
