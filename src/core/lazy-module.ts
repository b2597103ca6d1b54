import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A package loaded on first use rather than at start: a command that never parses YAML or
 * applies an overlay does not pay for loading the parser. The package is required through its
 * CommonJS entry, so that the call stays synchronous.
 */
export function lazyModule<T>(specifier: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(specifier) as T);
}
