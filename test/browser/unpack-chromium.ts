/**
 * Vitest's global setup: unpacks the bundled Chromium once, before any worker starts, so that two
 * test files launching a browser at once never write the same unpacked file together. Costs nothing
 * when a system Chromium (or LEDGER_CONFORMANCE_CHROMIUM) is chosen, or once it has been unpacked.
 * When no browser can be had it does nothing: the browser tests then fail saying why.
 */
import { chooseChromium, findChromium, NoBrowserError } from './chromium.js';

export default async function setup(): Promise<void> {
  try {
    const choice = chooseChromium();
    if (choice.kind === 'bundled') await findChromium(choice);
  } catch (error) {
    if (!(error instanceof NoBrowserError)) throw error;
  }
}
