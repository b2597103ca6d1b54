/**
 * Finds and starts the Chromium the browser tests drive. Nothing is downloaded: the browser is
 * Debian's `chromium` package (what `.ci/run` installs), or one named by the environment.
 * When none is found the tests fail with the way to install one; they are never skipped.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Names the browser executable to use, overriding the usual paths. */
export const CHROMIUM_ENV = 'LEDGER_CONFORMANCE_CHROMIUM';

/** Where Debian, Ubuntu, Fedora and macOS put Chromium or Chrome. */
const USUAL_PATHS: readonly string[] = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

export class NoBrowserError extends Error {}

/** The executable to launch; throws NoBrowserError saying how to get one. */
export function findChromium(env: NodeJS.ProcessEnv = process.env, exists: (file: string) => boolean = existsSync): string {
  const named = env[CHROMIUM_ENV];
  if (named !== undefined && named !== '') {
    if (exists(named)) return named;
    throw new NoBrowserError(
      `${CHROMIUM_ENV}=${named}, but no file is there. Point ${CHROMIUM_ENV} at a Chromium or Chrome executable.`,
    );
  }
  const found = USUAL_PATHS.find((file) => exists(file));
  if (found) return found;
  throw new NoBrowserError(
    [
      'The browser tests of report.html need Chromium, and none was found at:',
      ...USUAL_PATHS.map((file) => `  ${file}`),
      'Install it (Debian/Ubuntu: `sudo apt-get install chromium`; `.ci/run` does this in CI),',
      `or set ${CHROMIUM_ENV} to the path of a Chromium or Chrome executable.`,
    ].join('\n'),
  );
}

/**
 * Headless, and quiet on the network: without the background-networking switches Chromium
 * reaches out for updates and components at start, which a closed network refuses.
 */
const SWITCHES: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--font-render-hinting=none',
];

/** Launches headless Chromium with a fresh, empty profile (Playwright makes one per launch). */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), headless: true, args: [...SWITCHES] });
}
