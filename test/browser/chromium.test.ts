import { describe, expect, it } from 'vitest';
import { chooseChromium, CHROMIUM_ENV, NoBrowserError } from './chromium.js';

describe('chooseChromium', () => {
  const nothing = (): boolean => false;

  it('should take the Chromium the npm package ships when no system browser is there (Linux x64)', () => {
    expect(chooseChromium({}, nothing, 'linux-x64')).toEqual({ kind: 'bundled' });
  });

  it('should fail, saying how to get a browser, where the shipped one cannot run and none is found (never a silent skip)', () => {
    expect(() => chooseChromium({}, nothing, 'darwin-arm64')).toThrow(NoBrowserError);
    expect(() => chooseChromium({}, nothing, 'darwin-arm64')).toThrow(/runs on linux-x64 only,\nthis is darwin-arm64/);
    expect(() => chooseChromium({}, nothing, 'darwin-arm64')).toThrow(new RegExp(CHROMIUM_ENV));
  });

  it('should take the browser the environment names, and name the variable when its file is missing', () => {
    expect(
      chooseChromium({ [CHROMIUM_ENV]: '/opt/chrome/chrome' }, (file) => file === '/opt/chrome/chrome', 'linux-x64'),
    ).toEqual({
      kind: 'file',
      file: '/opt/chrome/chrome',
    });
    expect(() => chooseChromium({ [CHROMIUM_ENV]: '/opt/none' }, (file) => file === '/usr/bin/chromium', 'linux-x64')).toThrow(
      `${CHROMIUM_ENV}=/opt/none, but no file is there`,
    );
  });

  it('should prefer a system browser to the shipped one, Debian’s first', () => {
    expect(chooseChromium({}, (file) => file === '/usr/bin/chromium' || file === '/usr/bin/google-chrome', 'linux-x64')).toEqual({
      kind: 'file',
      file: '/usr/bin/chromium',
    });
    expect(chooseChromium({ [CHROMIUM_ENV]: '' }, (file) => file === '/usr/bin/google-chrome', 'linux-x64')).toEqual({
      kind: 'file',
      file: '/usr/bin/google-chrome',
    });
  });
});
