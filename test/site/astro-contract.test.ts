/**
 * What the site takes from Astro beyond its documented APIs (README, "What the site relies on in
 * Astro"), checked on the shared build so that an Astro release that changes it fails here, by
 * name, rather than as a subtly broken page:
 * - the content-image marker: the compiler marks local body images with `__ASTRO_IMAGE_` and the
 *   loader hands their paths to `store.set({ assetImports })`; `render()` must swap every marker
 *   for an optimised image.
 * The other two, the incremental build and the output folder updated in place, are held by
 * test/builds/rebuild.test.ts; the dev server sharing its process with the integration by
 * test/builds/dev-server.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { listFiles } from '../../src/lib/output-dir.ts';
import { SITE_DIST } from '../helpers.ts';

const read = (file: string) => readFileSync(join(SITE_DIST, file), 'utf8');

describe('the content-image marker', () => {
  it('is swapped for an optimised image on every page and in every feed', () => {
    const files = listFiles(SITE_DIST).filter((file) => /\.(html|xml|json)$/.test(file));
    expect(files.length).toBeGreaterThan(20);
    expect(files.filter((file) => read(file).includes('__ASTRO_IMAGE_'))).toEqual([]);
  });

  it('becomes an image Astro built, with its size, in the article that uses it', () => {
    const { document } = parseHTML(read('articles/components-fixture/index.html'));
    const img = document.querySelector('.prose figure.figure img')!;
    const src = img.getAttribute('src')!;
    expect(src).toMatch(/^\/_astro\/chart\.[\w-]+\.\w+$/);
    expect(listFiles(SITE_DIST)).toContain(src.slice(1));
    expect(Number(img.getAttribute('width'))).toBeGreaterThan(0);
    expect(Number(img.getAttribute('height'))).toBeGreaterThan(0);
  });
});
