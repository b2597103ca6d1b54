import { describe, expect, it } from 'vitest';
import { CHROMIUM_ENV, findChromium, NoBrowserError } from './chromium.js';

describe('findChromium', () => {
  const nothing = (): boolean => false;

  it('should fail, saying how to install a browser, when none is found (never a silent skip)', () => {
    expect(() => findChromium({}, nothing)).toThrow(NoBrowserError);
    expect(() => findChromium({}, nothing)).toThrow(/apt-get install chromium/);
    expect(() => findChromium({}, nothing)).toThrow(new RegExp(CHROMIUM_ENV));
  });

  it('should take the browser the environment names, and name the variable when its file is missing', () => {
    expect(findChromium({ [CHROMIUM_ENV]: '/opt/chrome/chrome' }, (file) => file === '/opt/chrome/chrome')).toBe(
      '/opt/chrome/chrome',
    );
    expect(() => findChromium({ [CHROMIUM_ENV]: '/opt/none' }, (file) => file === '/usr/bin/chromium')).toThrow(
      `${CHROMIUM_ENV}=/opt/none, but no file is there`,
    );
  });

  it('should fall back to the usual paths, Debian’s first', () => {
    expect(findChromium({}, (file) => file === '/usr/bin/chromium' || file === '/usr/bin/google-chrome')).toBe(
      '/usr/bin/chromium',
    );
    expect(findChromium({ [CHROMIUM_ENV]: '' }, (file) => file === '/usr/bin/google-chrome')).toBe('/usr/bin/google-chrome');
  });
});
