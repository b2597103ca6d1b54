/**
 * http/endpoint-url: where requests go, built once from the base URL and the endpoint path.
 */
import { UsageError } from '../core/errors.js';

/** The default endpoint path; callers normally pass the one from the spec. */
export const DEFAULT_ENDPOINT_PATH = '/v2/pointsLedger/getLedgerExplodeInfo';

/** The fixed part of every request URL. */
export interface EndpointLocation {
  /** `scheme://host[:port]`, what a dispatcher connects to. */
  readonly origin: string;
  /** Base-URL prefix plus endpoint path, e.g. `/gateway/v2/pointsLedger/getLedgerExplodeInfo`. */
  readonly path: string;
}

/**
 * The rules of every URL the tool is given to send to (a base URL, a token URL): absolute http
 * or https, without user info (recorded URLs go into reports; credentials have their own
 * variables), query or fragment. Throws a UsageError naming `option`.
 */
export function parseHttpUrl(value: string, option: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(option, `must be an absolute http or https URL, not "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(option, `must use http or https, not ${url.protocol}`);
  if (url.username || url.password)
    throw new UsageError(
      option,
      'must not carry credentials; use LEDGER_CONFORMANCE_USER, _PASSWORD, _TOKEN or _OAUTH_KEY and _OAUTH_SECRET',
    );
  if (url.search || url.hash) throw new UsageError(option, 'must not carry a query or a fragment');
  return url;
}

/**
 * Resolves a base URL (scheme, host, optional path prefix) and an endpoint path into one
 * location. Throws a UsageError for a base URL that could leak or mislead (`parseHttpUrl`).
 */
export function resolveEndpoint(baseUrl: string, endpointPath: string = DEFAULT_ENDPOINT_PATH): EndpointLocation {
  const url = parseHttpUrl(baseUrl, 'baseUrl');
  const prefix = url.pathname.replace(/\/+$/u, '');
  const endpoint = `/${endpointPath.replace(/^\/+/u, '')}`;
  return { origin: url.origin, path: `${prefix}${endpoint}` };
}

/** The request-target (path and query) and the full URL for one request. */
export function requestTarget(location: EndpointLocation, wireQuery: string): { path: string; url: string } {
  // Built by concatenation, not `new URL`, so the query reaches the wire exactly as given.
  const path = wireQuery === '' ? location.path : `${location.path}?${wireQuery}`;
  return { path, url: `${location.origin}${path}` };
}
