/**
 * Finds and starts the Chromium the browser tests drive. Nothing is downloaded at install or at
 * run time: the browser is one the environment names, a system Chromium or Chrome when there is
 * one, or else the build shipped inside the `@sparticuz/chromium` devDependency (a registry
 * package, so `npm ci && npm test` needs nothing installed by hand). Never a silent skip.
 */
import { existsSync } from 'node:fs';
import bundledChromium from '@sparticuz/chromium';
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

/** The `@sparticuz/chromium` build is Linux x64 only. */
const BUNDLED_PLATFORM = 'linux-x64';

export class NoBrowserError extends Error {}

/** Which browser to launch: a file on disk, or the one the npm package ships (unpacked on first use). */
export type BrowserChoice = { readonly kind: 'file'; readonly file: string } | { readonly kind: 'bundled' };

/** Chooses the browser; throws NoBrowserError saying how to get one when none can be had. */
export function chooseChromium(
  env: NodeJS.ProcessEnv = process.env,
  exists: (file: string) => boolean = existsSync,
  platform = `${process.platform}-${process.arch}`,
): BrowserChoice {
  const named = env[CHROMIUM_ENV];
  if (named !== undefined && named !== '') {
    if (exists(named)) return { kind: 'file', file: named };
    throw new NoBrowserError(
      `${CHROMIUM_ENV}=${named}, but no file is there. Point ${CHROMIUM_ENV} at a Chromium or Chrome executable.`,
    );
  }
  const found = USUAL_PATHS.find((file) => exists(file));
  if (found) return { kind: 'file', file: found };
  if (platform === BUNDLED_PLATFORM) return { kind: 'bundled' };
  throw new NoBrowserError(
    [
      `The browser tests of report.html need Chromium. The one @sparticuz/chromium ships runs on ${BUNDLED_PLATFORM} only,`,
      `this is ${platform}, and none was found at:`,
      ...USUAL_PATHS.map((file) => `  ${file}`),
      `Install Chromium or Chrome, or set ${CHROMIUM_ENV} to the path of a Chromium or Chrome executable.`,
    ].join('\n'),
  );
}

/** The executable to launch, unpacking the bundled build (into the system's temporary folder) when it is the one chosen. */
export async function findChromium(choice: BrowserChoice = chooseChromium()): Promise<string> {
  return choice.kind === 'file' ? choice.file : bundledChromium.executablePath();
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
  return chromium.launch({ executablePath: await findChromium(), headless: true, args: [...SWITCHES] });
}
