/**
 * The Chromium that browser tests and `npm run audit` drive: `CHROME_PATH` when set (a locally
 * installed Chrome or Chromium), otherwise the one inside the @sparticuz/chromium package, which
 * `npm ci` installs with no download and which unpacks itself into the temp folder on first use.
 */

/** Command-line switches for a headless run on a machine without network or display. */
export const CHROMIUM_FLAGS = [
  // Tests run as root in CI containers, where Chromium's sandbox cannot start; only our own
  // pages on localhost are loaded.
  '--no-sandbox',
  '--disable-gpu',
  // No calls home: the machine has no network, and each refused connection is noise.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--font-render-hinting=none',
];

export async function chromiumPath(): Promise<string> {
  if (process.env.CHROME_PATH) return process.env.CHROME_PATH;
  const { default: chromium } = await import('@sparticuz/chromium');
  return chromium.executablePath();
}
