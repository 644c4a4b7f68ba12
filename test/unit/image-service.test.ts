/**
 * The image service (src/lib/image-service.ts): a variant started when a page asks for its URL
 * (`getURL` calls `encodeEarly`; the builds check the whole path) is the one Astro's `transform` hands back, byte for byte what the sharp service makes; without an
 * early result, `transform` encodes as usual.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import sharpService from 'astro/assets/services/sharp';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import service, { encodeEarly, endEarlyEncoding, originalPath, startEarlyEncoding } from '../../src/lib/image-service.ts';
import { TMP } from '../helpers.ts';

const DIR = join(TMP, 'image-service');
const SRC = '/news/_astro/photo.Ab12.jpg';
const config = { service: { entrypoint: './src/lib/image-service.ts', config: { avif: { effort: 1 }, webp: { effort: 2 } } } } as never;
const logger = { warn: () => {}, info: () => {}, error: () => {}, debug: () => {} } as never;
let original: Buffer;

/** The options a page's getImage() hands the service, `src` being the image's metadata. */
const options = (width: number, format: 'avif' | 'webp') => ({
  src: { src: SRC, width: 1600, height: 900, format: 'jpg' as const },
  width,
  height: Math.round((width * 9) / 16),
  format,
});
/** The same options as Astro's image stage gives them to `transform`: `src` as the original's URL. */
const astroTransform = (width: number, format: 'avif' | 'webp') => ({ ...options(width, format), src: SRC });

beforeAll(async () => {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(join(DIR, '_astro'), { recursive: true });
  original = await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#1d3557' } })
    .jpeg()
    .toBuffer();
  writeFileSync(join(DIR, '_astro/photo.Ab12.jpg'), original);
});

afterEach(() => endEarlyEncoding());

describe('the image service', () => {
  it('hands Astro the variant it started when the page asked for its URL, the bytes the sharp service makes', async () => {
    startEarlyEncoding(DIR, '/news/', 1);
    encodeEarly(options(480, 'avif') as never, config, logger);
    encodeEarly(options(800, 'webp') as never, config, logger);
    const early = await service.transform(Buffer.from('not read: the early result is used'), astroTransform(480, 'avif'), config, logger);
    const usual = await sharpService.transform(original, astroTransform(480, 'avif'), config, logger);
    expect(Buffer.from(early.data).equals(Buffer.from(usual.data))).toBe(true);
    expect(early.format).toBe(usual.format);
    await service.transform(original, astroTransform(800, 'webp'), config, logger);
    expect(endEarlyEncoding()).toEqual({ started: 2, used: 2 });
  });

  it('encodes as usual what was not started early: another size, or any variant when early encoding is off', async () => {
    startEarlyEncoding(DIR, '/news/');
    encodeEarly(options(480, 'avif') as never, config, logger);
    const other = await service.transform(original, astroTransform(1200, 'webp'), config, logger);
    expect((await sharp(Buffer.from(other.data)).metadata()).width).toBe(1200);
    expect(endEarlyEncoding()).toEqual({ started: 1, used: 0 });
    // Off: nothing starts, and transform encodes the bytes it is given.
    encodeEarly(options(480, 'avif') as never, config, logger);
    const off = await service.transform(original, astroTransform(480, 'webp'), config, logger);
    expect((await sharp(Buffer.from(off.data)).metadata()).format).toBe('webp');
    expect(endEarlyEncoding()).toEqual({ started: 0, used: 0 });
  });

  it('does not wait for a variant that has not started when Astro asks for it: Astro encodes it with every core free', async () => {
    startEarlyEncoding(DIR, '/news/', 1);
    for (const width of [480, 800, 1200]) encodeEarly(options(width, 'webp') as never, config, logger);
    // The first is encoding, the others wait; the last is asked for first.
    const last = await service.transform(original, astroTransform(1200, 'webp'), config, logger);
    expect((await sharp(Buffer.from(last.data)).metadata()).width).toBe(1200);
    await service.transform(original, astroTransform(480, 'webp'), config, logger);
    expect(endEarlyEncoding()).toEqual({ started: 2, used: 1 });
  });

  it('falls back to the usual encoding when the original is not in the output folder', async () => {
    startEarlyEncoding(join(DIR, 'elsewhere'), '/news/');
    encodeEarly(options(480, 'webp') as never, config, logger);
    const result = await service.transform(original, astroTransform(480, 'webp'), config, logger);
    expect((await sharp(Buffer.from(result.data)).metadata()).width).toBe(480);
    expect(endEarlyEncoding()).toEqual({ started: 1, used: 0 });
  });

  it("reads only the site's own optimised originals, below the base path", () => {
    expect(originalPath('/news/_astro/photo.Ab12.jpg', '/news/')).toBe('_astro/photo.Ab12.jpg');
    expect(originalPath('/_astro/photo.jpg', '/')).toBe('_astro/photo.jpg');
    expect(originalPath('/_astro/photo.jpg', '/news/')).toBeUndefined();
    expect(originalPath('/news/_astro/../../etc/passwd', '/news/')).toBeUndefined();
    expect(originalPath('/news/images/photo.jpg', '/news/')).toBeUndefined();
    expect(originalPath('https://cdn.example.org/_astro/photo.jpg', '/')).toBeUndefined();
  });
});
