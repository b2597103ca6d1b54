/**
 * http/endpoint-url: where requests go, built once from the base URL and the endpoint path.
 */
import { UsageError } from '../errors.js';

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
 * Resolves a base URL (scheme, host, optional path prefix) and an endpoint path into one
 * location. Throws a UsageError for a base URL that could leak or mislead: user info, query,
 * fragment, or a scheme other than http(s).
 */
export function resolveEndpoint(baseUrl: string, endpointPath: string = DEFAULT_ENDPOINT_PATH): EndpointLocation {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new UsageError('baseUrl', `must be a URL, not ${JSON.stringify(baseUrl)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError('baseUrl', `must use http or https, not ${url.protocol}`);
  }
  if (url.username !== '' || url.password !== '') {
    // Recorded URLs go into reports; credentials belong in the credentials option.
    throw new UsageError('baseUrl', 'must not contain credentials; pass them as credentials instead');
  }
  if (url.search !== '' || url.hash !== '') {
    throw new UsageError('baseUrl', 'must not contain a query or fragment');
  }
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
