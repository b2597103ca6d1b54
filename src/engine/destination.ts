/**
 * Where the engine sends requests: a base URL over HTTP(S), or a handler called in-process
 * (the reference, a fault, a test's stand-in; it may answer later, as a slow target does).
 */
import type { ReferenceHandler, ReferenceResponse } from '../core/handler.js';

export type Destination =
  | { readonly kind: 'http'; readonly baseUrl: string }
  | {
      readonly kind: 'in-process';
      readonly handler: ReferenceHandler<ReferenceResponse | Promise<ReferenceResponse>>;
      readonly baseUrl?: string;
    };
