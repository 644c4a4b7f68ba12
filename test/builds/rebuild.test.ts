/**
 * A rebuild updates the output folder in place (src/lib/output-dir.ts): pages that did not change
 * are left as they are, pages whose images changed are rendered again, and whatever the earlier
 * build wrote for content that is gone is removed, so the folder ends up exactly as a build into
 * an empty folder, with no cache, would leave it.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { listFiles } from '../../src/lib/output-dir.ts';
import { cacheDirFor } from '../../src/integration/options.ts';
import { makeContent, ROOT, runBuild, TMP } from '../helpers.ts';

const CONTENT = join(TMP, 'rebuild-content');
const IN_PLACE = join(TMP, 'rebuild-dist');
const FRESH = join(TMP, 'rebuild-fresh-dist');
/** A copy of the content as it is for the rebuild: another folder has a cache of its own, so its build is cold. */
const FRESH_CONTENT = join(TMP, 'rebuild-fresh-content');
/** An article with a hero image of its own, deleted before the rebuild. */
const REMOVED = 'articles/removed-fixture';
/** Images replaced under the same file name before the rebuild: a hero image and one in a body. */
const HERO = 'articles/alliance-innovation-lab-shanghai/shanghai-skyline.jpg';
const HERO_PAGE = 'articles/alliance-innovation-lab-shanghai/index.html';
const BODY_IMAGE = 'articles/components-fixture/chart.png';
const BODY_PAGE = 'articles/components-fixture/index.html';
// A social card depends on its own article only.
const UNCHANGED = 'og/china-largest-market-2018.png';
// Small slices of the search index, so that there are several to update in place.
const ENV = { SEARCH_SLICE_SIZE: '4' };

const REMOVED_ARTICLE = `---
title: An article that is deleted again
description: It exists for the first build only.
published: 2024-03-01
authors: [lena-hartmann]
topics: [alliances]
image:
  src: ./square.png
  alt: A grey square
---

A short body.
`;

let first: {
  files: string[];
  unchanged: { ino: number; mtimeMs: number };
  heroPage: string;
  bodyPage: string;
  /** Every file's bytes (hashed) and modification time. */
  times: Map<string, { hash: string; mtimeMs: number }>;
};
const hashFile = (dir: string, file: string) =>
  createHash('sha1')
    .update(readFileSync(join(dir, file)))
    .digest('hex');
let rebuild: { status: number | null; output: string };
let fresh: { status: number | null; output: string };
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
/** The optimised image files a page uses. */
const imagesOf = (html: string) => [...new Set(html.match(/\/_astro\/[\w.-]+\.(?:webp|avif|jpe?g|png)/g) ?? [])].sort();

/** Replaces an image with a visibly different one of the same format, under the same name. */
async function replaceImage(file: string) {
  const changed = await sharp(file).rotate(180).negate({ alpha: false }).toBuffer();
  writeFileSync(`${file}.new`, changed);
  renameSync(`${file}.new`, file);
}

beforeAll(async () => {
  rmSync(IN_PLACE, { recursive: true, force: true });
  rmSync(FRESH, { recursive: true, force: true });
  makeContent(CONTENT, { 'articles/components-fixture': 'test/fixtures/site/components-fixture' });
  mkdirSync(join(CONTENT, REMOVED));
  writeFileSync(join(CONTENT, REMOVED, 'index.mdx'), REMOVED_ARTICLE);
  await sharp({ create: { width: 800, height: 450, channels: 3, background: '#777777' } })
    .png()
    .toFile(join(CONTENT, REMOVED, 'square.png'));
  const build = runBuild(CONTENT, IN_PLACE, ENV);
  if (build.status !== 0) throw new Error(`The first build failed:\n${build.output}`);
  const { ino, mtimeMs } = statSync(join(IN_PLACE, UNCHANGED));
  first = {
    files: listFiles(IN_PLACE),
    unchanged: { ino, mtimeMs },
    heroPage: read(IN_PLACE, HERO_PAGE),
    bodyPage: read(IN_PLACE, BODY_PAGE),
    times: new Map(
      listFiles(IN_PLACE).map((file) => [file, { hash: hashFile(IN_PLACE, file), mtimeMs: statSync(join(IN_PLACE, file)).mtimeMs }]),
    ),
  };

  rmSync(join(CONTENT, REMOVED), { recursive: true });
  await replaceImage(join(CONTENT, HERO));
  await replaceImage(join(CONTENT, BODY_IMAGE));
  rebuild = runBuild(CONTENT, IN_PLACE, ENV);
  rmSync(FRESH_CONTENT, { recursive: true, force: true });
  cpSync(CONTENT, FRESH_CONTENT, { recursive: true });
  rmSync(cacheDirFor(FRESH_CONTENT, ROOT), { recursive: true, force: true });
  fresh = runBuild(FRESH_CONTENT, FRESH, ENV);
  if (fresh.status !== 0) throw new Error(`The build into an empty folder failed:\n${fresh.output}`);
}, 180_000);

describe('a rebuild into the folder of an earlier build', () => {
  it('succeeds and says how many files it removed', () => {
    expect(rebuild.status).toBe(0);
    expect(rebuild.output).toMatch(/Removed \d+ file\(s\) left from an earlier build/);
  });

  it('removes the page, the images and the search entry of an article that is gone', () => {
    const now = listFiles(IN_PLACE);
    const gone = first.files.filter((file) => !now.includes(file));
    expect(gone).toContain(`${REMOVED}/index.html`);
    expect(gone.filter((file) => /^_astro\/square\./.test(file)).length).toBeGreaterThanOrEqual(4);
    expect(now.filter((file) => file.includes('square'))).toEqual([]);
    expect(gone.some((file) => file.startsWith('pagefind/fragment/'))).toBe(true);
  });

  it('renders again the pages whose hero or body image was replaced under the same name', () => {
    for (const [page, before, name] of [
      [HERO_PAGE, first.heroPage, 'shanghai-skyline'],
      [BODY_PAGE, first.bodyPage, 'chart'],
    ] as const) {
      const ofImage = (html: string) => imagesOf(html).filter((image) => image.startsWith(`/_astro/${name}.`));
      const after = ofImage(read(IN_PLACE, page));
      expect(after.length).toBeGreaterThan(0);
      // Every image name carries a hash of the original file: none of the old ones may remain.
      expect(after.filter((image) => ofImage(before).includes(image))).toEqual([]);
      for (const image of after) expect(statSync(join(IN_PLACE, image)).isFile()).toBe(true);
    }
  });

  it('ends with exactly the files, and the bytes, of a cold build into an empty folder', () => {
    const files = listFiles(IN_PLACE);
    expect(files).toEqual(listFiles(FRESH));
    // The pages' edit links name the content folder, which differs; nothing else may.
    const bytes = (dir: string, file: string) =>
      readFileSync(join(dir, file), 'latin1').replaceAll(relative(ROOT, FRESH_CONTENT), relative(ROOT, CONTENT));
    const differing = files.filter((file) => bytes(IN_PLACE, file) !== bytes(FRESH, file));
    expect(differing).toEqual([]);
  });

  it('encodes image variants while pages render on a cold build only, with the same bytes (the test above)', () => {
    const early = /Encoded (\d+) of (\d+) image variants while pages rendered/.exec(fresh.output);
    expect(early).not.toBeNull();
    // Every variant started early is one Astro then asked for: none is encoded for nothing.
    expect(Number(early![1])).toBeGreaterThan(10);
    expect(early![1]).toBe(early![2]);
    // The rebuild finds the earlier build's variants in the cache, and encodes only the replaced images.
    expect(rebuild.output).not.toMatch(/image variants while pages rendered/);
  });

  it('leaves a file whose page did not change as it was: same file, same modification time', () => {
    const { ino, mtimeMs } = statSync(join(IN_PLACE, UNCHANGED));
    expect({ ino, mtimeMs }).toEqual(first.unchanged);
  });

  it('keeps the modification time of every file with the same bytes, whichever step wrote it again', () => {
    const same = listFiles(IN_PLACE).filter((file) => first.times.get(file)?.hash === hashFile(IN_PLACE, file));
    // Astro copies image variants, public files and pages without a cache key again on every build.
    expect(same.filter((file) => file.startsWith('_astro/')).length).toBeGreaterThan(10);
    expect(same).toEqual(expect.arrayContaining(['favicon.svg', 'robots.txt', 'about/index.html', 'search/index.html']));
    const moved = same.filter((file) => statSync(join(IN_PLACE, file)).mtimeMs !== first.times.get(file)!.mtimeMs);
    expect(moved).toEqual([]);
    // Times are whole seconds, so that a time put back is exactly the one a sync tool saw.
    expect(listFiles(IN_PLACE).filter((file) => statSync(join(IN_PLACE, file)).mtimeMs % 1000 !== 0)).toEqual([]);
  });

  it('leaves no marker of a build in progress', () => {
    expect(listFiles(IN_PLACE).filter((file) => file.startsWith('.'))).toEqual([]);
  });
});
