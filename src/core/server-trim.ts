/**
 * A value as a server that trims it reads it. Servers differ: Java's `String.trim` removes every
 * code point up to U+0020 (NUL, tabs, newlines, other controls, the space), Python's `strip`
 * and JavaScript's `trim` remove Unicode white space. The union is what some server may remove,
 * so a value this trims to something else may be read as that something else.
 */
const AROUND = /^[\u0000-\u0020\s]+|[\u0000-\u0020\s]+$/gu;

export function serverTrim(value: string): string {
  return value.replace(AROUND, '');
}

/** Whether a server that trims the value finds nothing there: empty, or blank. */
export const isBlank = (value: string): boolean => serverTrim(value) === '';
