/**
 * An org's timezone as a profile gives it: an IANA name (`Asia/Kolkata`, what Capillary's org
 * settings hold, with its daylight-saving rules) or a fixed UTC offset (`+05:30`, what a tester
 * reads off an answer, and all the preflight can learn). Wall-clock times are read in it as
 * milliseconds since the epoch of a UTC clock showing the same digits.
 */

export type OrgTimezone =
  { readonly kind: 'offset'; readonly text: string; readonly minutes: number } | { readonly kind: 'iana'; readonly text: string };

const OFFSET = /^([+-])(\d{2}):(\d{2})$/;
/** Real offsets run from UTC-12:00 to UTC+14:00. */
const MAX_OFFSET_MINUTES = 14 * 60;
const MINUTE = 60_000;

/** The timezone a profile names, or why it names none. */
export function parseOrgTimezone(text: string): OrgTimezone | { readonly problem: string } {
  const offset = OFFSET.exec(text);
  if (offset) {
    const minutes = (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3]));
    if (Number(offset[3]) > 59 || Math.abs(minutes) > MAX_OFFSET_MINUTES)
      return { problem: `${text} is not a UTC offset from -12:00 to +14:00` };
    return { kind: 'offset', text, minutes };
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: text });
  } catch {
    return { problem: `${text} is neither an IANA timezone name (e.g. Asia/Kolkata) nor a UTC offset (e.g. +05:30)` };
  }
  return { kind: 'iana', text };
}

/** `+05:30` for 330 minutes, `-03:00` for -180, `+00:00` for 0. */
export function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The zone's offset from UTC, in minutes, at an instant. */
export function offsetAt(zone: OrgTimezone, instant: number): number {
  if (zone.kind === 'offset') return zone.minutes;
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone.text, timeZoneName: 'longOffset' })
    .formatToParts(instant)
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name ?? '');
  if (!match) return 0; // "GMT" alone: the zone is at UTC.
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3] ?? 0));
}

/**
 * The instants a wall-clock time names in the zone: one, or two in the hour a clock goes back,
 * or none in the hour it skips. `wall` is the time's digits read as UTC.
 */
export function instantsOf(zone: OrgTimezone, wall: number): number[] {
  const candidates = new Set([-1, 0, 1].map((day) => offsetAt(zone, wall + day * 86_400_000)));
  return [...candidates]
    .map((minutes) => wall - minutes * MINUTE)
    .filter((instant) => offsetAt(zone, instant) * MINUTE === wall - instant);
}
