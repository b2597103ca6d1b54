/**
 * http/retry-after: reading a `Retry-After` header (RFC 9110 §10.2.3).
 */

const DELTA_SECONDS = /^\d+$/u;
const IMF_FIXDATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/u;
const RFC_850 = /^[A-Z][a-z]+, \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT$/u;
const ASCTIME = /^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/u;

function parseHttpDate(value: string): number | undefined {
  let text: string;
  if (IMF_FIXDATE.test(value)) {
    text = value;
  } else if (RFC_850.test(value)) {
    // Two-digit years: RFC 9110 says a date that looks more than 50 years ahead is in the past.
    const [, day, month, year, rest] = /^[A-Za-z]+, (\d{2})-([A-Za-z]{3})-(\d{2}) (.*)$/u.exec(value) ?? [];
    if (year === undefined) return undefined;
    const thisYear = new Date().getUTCFullYear();
    let fullYear = Math.floor(thisYear / 100) * 100 + Number(year);
    if (fullYear > thisYear + 50) fullYear -= 100;
    text = `${day} ${month} ${fullYear} ${rest}`;
  } else if (ASCTIME.test(value)) {
    // asctime carries no zone, and HTTP dates are always GMT; without the suffix JS reads local time.
    text = `${value} GMT`;
  } else {
    return undefined;
  }
  const epochMs = Date.parse(text);
  return Number.isNaN(epochMs) ? undefined : epochMs;
}

/**
 * How long to wait, in ms, per a `Retry-After` value: delta-seconds or an HTTP-date (a date in
 * the past means 0). Undefined when the value is absent or malformed, which the scheduler treats
 * as "no Retry-After".
 */
export function parseRetryAfter(value: string | undefined, nowMs: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (DELTA_SECONDS.test(trimmed)) return Number(trimmed) * 1000;
  const at = parseHttpDate(trimmed);
  return at === undefined ? undefined : Math.max(0, at - nowMs);
}
