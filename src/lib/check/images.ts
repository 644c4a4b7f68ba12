/**
 * What an image file a contributor adds must be: one of the formats the site publishes, known by
 * its bytes rather than its name, named with that format's extension, and within the limits of
 * size and pixels. SVG is refused: it is a document that can carry scripts, and a host that
 * ignores `_headers` would serve it as one from the site's origin.
 *
 * Only the header is read (the dimensions of a JPEG come after its metadata segments, which are
 * skipped, not read), so the check stays cheap on large photos.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { extname } from 'node:path';

export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'avif' | 'gif';

/** Bigger files or images are refused: no page shows an image wider than 1,200 px. */
export const IMAGE_LIMITS = { bytes: 20 * 2 ** 20, side: 12_000, megapixels: 50 } as const;

const EXTENSIONS: Record<ImageFormat, readonly string[]> = {
  jpeg: ['.jpg', '.jpeg'],
  png: ['.png'],
  webp: ['.webp'],
  avif: ['.avif'],
  gif: ['.gif'],
};

export interface ImageHeader {
  format: ImageFormat;
  width: number;
  height: number;
}

/** Reads `length` bytes at `position` (fewer at the end of the file). */
type Reader = (position: number, length: number) => Uint8Array;

const ascii = (bytes: Uint8Array, start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end));
const u16be = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;
const u32be = (b: Uint8Array, i: number) => ((b[i]! << 24) >>> 0) + (b[i + 1]! << 16) + (b[i + 2]! << 8) + b[i + 3]!;
const u16le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8);
const u24le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16);

/** What a file's first bytes say it is, for the message when it is not an accepted image. */
export function describeBytes(head: Uint8Array): string {
  const text = new TextDecoder('utf-8', { fatal: false })
    .decode(head.subarray(0, 512))
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (/^(?:<\?xml[\s\S]*?)?<svg[\s>]/i.test(text) || /<svg[\s>]/i.test(text)) return 'an SVG document';
  if (/^<(?:!doctype|html)/i.test(text)) return 'an HTML document';
  if (ascii(head, 4, 8) === 'ftyp' && /^(?:heic|heix|hevc|mif1|msf1)$/.test(ascii(head, 8, 12))) return 'a HEIC image';
  if (ascii(head, 0, 4) === 'II*\0' || ascii(head, 0, 4) === 'MM\0*') return 'a TIFF image';
  if (ascii(head, 0, 4) === '%PDF') return 'a PDF document';
  if (head.length > 0 && head.every((byte) => byte === 9 || byte === 10 || byte === 13 || (byte >= 32 && byte !== 127) || byte >= 128)) {
    return 'text';
  }
  return 'not an image format the site knows';
}

/** The format and dimensions of a JPEG, PNG, WebP, AVIF or GIF, from its header; undefined for anything else. */
export function readImageHeader(read: Reader): ImageHeader | undefined {
  const head = read(0, 64);
  if (head[0] === 0x89 && ascii(head, 1, 4) === 'PNG' && ascii(head, 12, 16) === 'IHDR') {
    return { format: 'png', width: u32be(head, 16), height: u32be(head, 20) };
  }
  if (/^GIF8[79]a$/.test(ascii(head, 0, 6))) return { format: 'gif', width: u16le(head, 6), height: u16le(head, 8) };
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return webpHeader(head);
  if (ascii(head, 4, 8) === 'ftyp' && /^avi[fs]$/.test(ascii(head, 8, 12))) return avifHeader(read(0, 64 * 1024));
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return jpegHeader(read);
  return undefined;
}

function webpHeader(b: Uint8Array): ImageHeader | undefined {
  const chunk = ascii(b, 12, 16);
  if (chunk === 'VP8 ') return { format: 'webp', width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  if (chunk === 'VP8L') {
    const bits = b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24);
    return { format: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') return { format: 'webp', width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  return undefined;
}

/** The largest `ispe` (image spatial extents) box: the primary image, or the grid it is tiled from. */
function avifHeader(b: Uint8Array): ImageHeader | undefined {
  let best: ImageHeader | undefined;
  for (let i = 4; i + 16 <= b.length; i++) {
    if (b[i] !== 0x69 || ascii(b, i, i + 4) !== 'ispe') continue;
    const width = u32be(b, i + 8);
    const height = u32be(b, i + 12);
    if (!best || width * height > best.width * best.height) best = { format: 'avif', width, height };
  }
  return best;
}

/** Walks the JPEG's segments to its frame header (SOFn), jumping over metadata without reading it. */
function jpegHeader(read: Reader): ImageHeader | undefined {
  let position = 2;
  for (let segments = 0; segments < 10_000; segments++) {
    const marker = read(position, 9);
    if (marker.length < 4 || marker[0] !== 0xff) return undefined;
    const type = marker[1]!;
    if (type === 0xff) {
      position += 1; // Fill byte.
      continue;
    }
    const isFrame = type >= 0xc0 && type <= 0xcf && type !== 0xc4 && type !== 0xc8 && type !== 0xcc;
    if (isFrame) return marker.length < 9 ? undefined : { format: 'jpeg', height: u16be(marker, 5), width: u16be(marker, 7) };
    if (type === 0xd9 || type === 0xda) return undefined; // End of image or scan data before any frame.
    position += 2 + u16be(marker, 2);
  }
  return undefined;
}

/** Why an image file cannot be published, with what to do; undefined when it can. `written` is its name as the content gives it. */
export function imageProblem(path: string, written: string): { problem: string; hint: string } | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return { problem: `"${written}" cannot be read`, hint: 'check the file and its permissions' };
  }
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return { problem: `"${written}" is an empty file`, hint: 'add the image itself; the file has 0 bytes' };
    const read: Reader = (position, length) => {
      const buffer = new Uint8Array(Math.max(0, Math.min(length, size - position)));
      const got = buffer.length > 0 ? readSync(fd, buffer, 0, buffer.length, position) : 0;
      return buffer.subarray(0, got);
    };
    const header = readImageHeader(read);
    if (!header) {
      return {
        problem: `"${written}" is ${describeBytes(read(0, 512))}, not a JPEG, PNG, WebP, AVIF or GIF image`,
        hint: 'export it as JPEG (photos) or PNG (charts, screenshots); SVG is not accepted, save it as PNG',
      };
    }
    const extension = extname(written).toLowerCase();
    if (!EXTENSIONS[header.format].includes(extension)) {
      return {
        problem: `"${written}" is a ${header.format.toUpperCase()} image named ${extension || 'without an extension'}`,
        hint: `rename it to end in ${EXTENSIONS[header.format][0]}`,
      };
    }
    const { width, height } = header;
    const megapixels = (width * height) / 1e6;
    if (width === 0 || height === 0) return { problem: `"${written}" has no pixels (${width}×${height})`, hint: 'export the image again' };
    if (size > IMAGE_LIMITS.bytes || width > IMAGE_LIMITS.side || height > IMAGE_LIMITS.side || megapixels > IMAGE_LIMITS.megapixels) {
      return {
        problem: `"${written}" is ${width}×${height} pixels and ${(size / 2 ** 20).toFixed(1)} MiB; the limits are ${IMAGE_LIMITS.side.toLocaleString('en')} pixels a side, ${IMAGE_LIMITS.megapixels} megapixels and ${IMAGE_LIMITS.bytes / 2 ** 20} MiB`,
        hint: 'export it at most 2,400 pixels wide: the site serves images at most 1,200 pixels wide',
      };
    }
    return undefined;
  } finally {
    closeSync(fd);
  }
}
