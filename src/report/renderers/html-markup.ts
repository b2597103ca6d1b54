/**
 * Markup for `report.html`: every interpolated value is escaped unless it is already SafeHtml,
 * so forgetting to escape is impossible rather than merely unlikely. Response bodies and headers
 * are written by the target, which may be hostile.
 */
import escapeHtml from 'escape-html';
import { replaceControlCharacters } from './plain-text.js';

export class SafeHtml {
  constructor(readonly value: string) {}
}

export type HtmlValue = SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

/** A template tag: escapes each value unless it is SafeHtml; arrays are joined. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += toHtml(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(out);
}

function toHtml(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(toHtml).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(replaceControlCharacters(String(value)));
}

/** Only for constant markup (the style sheet, the script, fixed attributes), never for model text. */
export function raw(trusted: string): SafeHtml {
  return new SafeHtml(trusted);
}

/** "1 request", "3 requests". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
