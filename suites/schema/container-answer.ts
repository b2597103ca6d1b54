/**
 * An answer that the application behind the endpoint never wrote: a 4xx to a request whose query
 * the kit malformed on purpose (a `%` not followed by two hex digits). A servlet container, the
 * JDK's HTTP server or a front proxy refuses such a URL before the application sees it, with a
 * page of its own (the JDK answers `<h1>400 Bad Request</h1>URISyntaxException thrown`); the
 * sources document only the application's JSON envelope, so the media type and body of that answer
 * are not judged. Its status still is: a 4xx is what the sources let such a request get.
 */
import type { Answer } from '../../src/check/check.js';

const MALFORMED_PERCENT = /%(?![0-9A-Fa-f]{2})/;

export function isContainerAnswer(answer: Answer): boolean {
  if (answer.status < 400 || answer.status > 499) return false;
  const url = answer.exchange.request.url;
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  return MALFORMED_PERCENT.test(query);
}
