/**
 * Screenshots of built pages in the project's own Chromium (scripts/lib/browser.ts), and a
 * before-and-after picture with the pixels that differ, for the pull-request preview.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import sharp from 'sharp';
import { chromiumPath, CHROMIUM_FLAGS } from './browser.ts';

export interface View {
  width: 390 | 1280;
  scheme: 'light' | 'dark';
}

/** A phone and a desktop, each in both colour schemes: what readers see. */
export const ALL_VIEWS: View[] = [
  { width: 390, scheme: 'light' },
  { width: 390, scheme: 'dark' },
  { width: 1280, scheme: 'light' },
  { width: 1280, scheme: 'dark' },
];

export const viewName = (view: View) => `${view.width}-${view.scheme}`;

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: await chromiumPath(), args: CHROMIUM_FLAGS, headless: true });
}

/** A full-page PNG of `url` as a reader in `view` sees it, once its fonts and images have loaded. */
export async function screenshot(browser: Browser, url: string, view: View, file: string): Promise<void> {
  const context = await browser.newContext({
    viewport: { width: view.width, height: 900 },
    colorScheme: view.scheme,
    deviceScaleFactor: 1,
  });
  try {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'networkidle' });
    await page.evaluate(() => document.fonts.ready);
    mkdirSync(dirname(file), { recursive: true });
    await page.screenshot({ path: file, fullPage: true });
  } finally {
    await context.close();
  }
}

/** A channel differing by more than this counts as a changed pixel: anti-aliasing noise stays below it. */
const TOLERANCE = 24;
const GAP = 16;

/**
 * Writes `before | after | difference` side by side to `out` (the difference panel is the after
 * picture faded, with every changed pixel in red) and returns the share of pixels that changed,
 * counting the extra length of a page that grew or shrank as changed.
 */
export async function compareScreenshots(before: string, after: string, out: string): Promise<number> {
  const [a, b] = await Promise.all([before, after].map((file) => sharp(file).ensureAlpha().raw().toBuffer({ resolveWithObject: true })));
  const width = Math.max(a!.info.width, b!.info.width);
  const height = Math.max(a!.info.height, b!.info.height);
  const diff = Buffer.alloc(width * height * 4);
  let changed = 0;
  const at = (image: typeof a, x: number, y: number) =>
    x < image!.info.width && y < image!.info.height ? (y * image!.info.width + x) * 4 : -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = at(a, x, y);
      const j = at(b, x, y);
      const o = (y * width + x) * 4;
      let differs = i < 0 || j < 0;
      if (!differs) {
        for (let c = 0; c < 3; c++) if (Math.abs(a!.data[i + c]! - b!.data[j + c]!) > TOLERANCE) differs = true;
      }
      if (differs) {
        changed++;
        diff.set([220, 0, 0, 255], o);
      } else {
        // The after picture, faded towards white, so the red stands out on any page.
        for (let c = 0; c < 3; c++) diff[o + c] = 255 - Math.round((255 - b!.data[j + c]!) * 0.25);
        diff[o + 3] = 255;
      }
    }
  }
  const panel = (input: Buffer, w: number, h: number, left: number) => ({
    input,
    raw: { width: w, height: h, channels: 4 as const },
    left,
    top: 0,
  });
  mkdirSync(dirname(out), { recursive: true });
  await sharp({ create: { width: width * 3 + GAP * 2, height, channels: 4, background: '#808080' } })
    .composite([
      panel(a!.data, a!.info.width, a!.info.height, 0),
      panel(b!.data, b!.info.width, b!.info.height, width + GAP),
      panel(diff, width, height, (width + GAP) * 2),
    ])
    .png()
    .toFile(out);
  return changed / (width * height);
}
