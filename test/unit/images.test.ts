import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { IMAGE_LIMITS, imageProblem } from '../../src/lib/check/images.ts';
import { TMP } from '../helpers.ts';

const DIR = join(TMP, 'unit-images');
const file = (name: string, bytes: Uint8Array | string) => {
  writeFileSync(join(DIR, name), bytes);
  return join(DIR, name);
};
const problemOf = (name: string, bytes: Uint8Array | string) => imageProblem(file(name, bytes), `./${name}`);

const photo = () => sharp({ create: { width: 640, height: 360, channels: 3, background: '#3366aa' } });

/** A PNG header that claims the given size: enough for the check, which reads only the header. */
function pngHeader(width: number, height: number): Uint8Array {
  const bytes = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes, 0);
  bytes.writeUInt32BE(13, 8);
  bytes.write('IHDR', 12, 'ascii');
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  return bytes;
}

/** A JPEG with `count` metadata segments of 60 KiB each before its frame header. */
async function jpegWithMetadata(count: number): Promise<Uint8Array> {
  const jpeg = await photo().jpeg().toBuffer();
  const segment = Buffer.alloc(4 + 60 * 1024 - 2, 0x41);
  segment.writeUInt16BE(0xffe1, 0);
  segment.writeUInt16BE(segment.length - 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), ...Array.from({ length: count }, () => segment), jpeg.subarray(2)]);
}

beforeAll(() => {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
});

describe('imageProblem', () => {
  it('accepts JPEG, PNG, WebP (lossy, lossless, with alpha), AVIF and GIF named for their format', async () => {
    const images: [string, Uint8Array][] = [
      ['photo.jpg', await photo().jpeg().toBuffer()],
      ['photo.jpeg', await photo().jpeg().toBuffer()],
      ['chart.png', await photo().png().toBuffer()],
      ['lossy.webp', await photo().webp().toBuffer()],
      ['lossless.webp', await photo().webp({ lossless: true }).toBuffer()],
      [
        'alpha.webp',
        await sharp({ create: { width: 640, height: 360, channels: 4, background: '#3366aa80' } })
          .webp()
          .toBuffer(),
      ],
      ['photo.avif', await photo().avif().toBuffer()],
      ['anim.gif', await photo().gif().toBuffer()],
      ['PHOTO.JPG', await photo().jpeg().toBuffer()],
    ];
    for (const [name, bytes] of images) expect(problemOf(name, bytes), name).toBeUndefined();
  });

  it('reads the size of a JPEG past megabytes of metadata without reading the metadata', async () => {
    expect(problemOf('exif.jpg', await jpegWithMetadata(40))).toBeUndefined();
  });

  it('refuses SVG, whatever it is named, with the fix', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    for (const [name, text] of [
      ['chart.svg', svg],
      ['chart.png', svg],
      ['chart.jpg', `<?xml version="1.0"?>\n<!-- drawn by hand -->\n${svg}`],
      ['bom.png', `\uFEFF  ${svg}`],
    ] as const) {
      const found = problemOf(name, text);
      expect(found?.problem, name).toContain('is an SVG document, not a JPEG, PNG, WebP, AVIF or GIF image');
      expect(found?.hint).toMatch(/SVG is not accepted, save it as PNG/);
    }
  });

  it('refuses text, HTML, PDF, TIFF, HEIC and unknown bytes under an image name, saying what they are', () => {
    const cases: [string, Uint8Array | string, string][] = [
      ['notes.jpg', 'These are not pixels.\n', 'is text'],
      ['page.png', '<!DOCTYPE html><html><body>hi</body></html>', 'is an HTML document'],
      ['scan.jpg', '%PDF-1.7\n%\xe2\xe3', 'is a PDF document'],
      ['scan.png', Buffer.from('49492a0008000000', 'hex'), 'is a TIFF image'],
      ['phone.jpg', Buffer.concat([Buffer.from('0000001866747970686569630000', 'hex'), Buffer.alloc(16)]), 'is a HEIC image'],
      ['noise.png', Buffer.from([0x00, 0x01, 0x02, 0x03, 0xfe]), 'is not an image format the site knows'],
      // A JPEG's first bytes and then nothing: no frame header to read a size from.
      ['cut.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00]), 'is not an image format'],
    ];
    for (const [name, bytes, said] of cases) expect(problemOf(name, bytes)?.problem, name).toContain(said);
  });

  it('refuses an empty file', () => {
    expect(problemOf('empty.jpg', '')).toEqual({
      problem: '"./empty.jpg" is an empty file',
      hint: 'add the image itself; the file has 0 bytes',
    });
  });

  it('refuses an image whose name says another format, naming the right extension', async () => {
    expect(problemOf('chart.jpg', await photo().png().toBuffer())).toEqual({
      problem: '"./chart.jpg" is a PNG image named .jpg',
      hint: 'rename it to end in .png',
    });
    expect(problemOf('photo', await photo().jpeg().toBuffer())?.problem).toBe('"./photo" is a JPEG image named without an extension');
  });

  it('refuses images over the pixel limits, and files over the byte limit, with the limits', async () => {
    for (const [width, height] of [
      [30_000, 30_000],
      [IMAGE_LIMITS.side + 1, 100],
      [100, IMAGE_LIMITS.side + 1],
      [10_000, 10_000],
    ]) {
      const found = problemOf('huge.png', pngHeader(width!, height!));
      expect(found?.problem, `${width}×${height}`).toContain(`is ${width}×${height} pixels`);
      expect(found?.problem).toContain('the limits are 12,000 pixels a side, 50 megapixels and 20 MiB');
    }
    expect(problemOf('edge.png', pngHeader(IMAGE_LIMITS.side, 4000))).toBeUndefined();
    expect(problemOf('zero.png', pngHeader(0, 10))?.problem).toBe('"./zero.png" has no pixels (0×10)');
    const big = Buffer.concat([await photo().png().toBuffer(), Buffer.alloc(IMAGE_LIMITS.bytes)]);
    expect(problemOf('big.png', big)?.problem).toMatch(/is 640×360 pixels and 20\.0 MiB/);
  });
});
