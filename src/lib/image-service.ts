/**
 * The site's image service: Astro's sharp service, except that on a first build each variant starts
 * encoding as soon as a page asks for its URL, not after the last page is written.
 *
 * Astro renders pages on one thread and encodes every variant once they are all rendered. sharp
 * encodes on threads of its own, so a variant started while pages render uses the core the
 * rendering leaves idle; Astro's later `transform` call then takes the finished bytes. Those bytes
 * are the sharp service's own for the same file and options; anything without an early result (a
 * remote image, a file not found, an encoding that failed) is encoded as usual, and so reports its
 * own errors.
 *
 * The integration turns early encoding on for builds whose cache holds no images yet
 * (`startEarlyEncoding`): on a later build Astro copies most variants from its cache, and an early
 * encoding of a variant it has would be wasted work.
 */
import { availableParallelism } from 'node:os';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImageTransform, LocalImageService } from 'astro';
import sharpService from 'astro/assets/services/sharp';
import { LimitedQueue } from './limited-queue.ts';

type Transform = LocalImageService['transform'];
type Encoded = Awaited<ReturnType<Transform>>;

interface EarlyEncoding {
  /** The output folder, where Astro has put each original by the time pages render. */
  dir: string;
  basePath: string;
  /** Variants asked for and not yet taken by `transform`, in the order pages asked for them. */
  variants: Map<string, Variant>;
  /** Their encodings, started in that order (one taken before it started is skipped). */
  queue: LimitedQueue;
  started: number;
  used: number;
}

interface Variant {
  encode: () => Promise<Encoded | undefined>;
  /** Set once the encoding has started. */
  result?: Promise<Encoded | undefined>;
}

// Astro bundles this module into the pages' code and the integration loads it with the config:
// two module instances in one process, which share the state through this global slot.
const SLOT = Symbol.for('newsroom.image-service.early-encoding');
const global = globalThis as { [SLOT]?: EarlyEncoding };

/**
 * Turns early encoding on for a build writing into `dir`, `atOnce` variants at a time: by default
 * one core fewer than the machine has, since rendering keeps one busy.
 */
export function startEarlyEncoding(dir: string, basePath: string, atOnce = Math.max(1, availableParallelism() - 1)): void {
  global[SLOT] = { dir, basePath, variants: new Map(), queue: new LimitedQueue(atOnce), started: 0, used: 0 };
}

/** Turns it off, drops what was not taken, and says how many variants were started early and how many of them Astro took. */
export function endEarlyEncoding(): { started: number; used: number } {
  const early = global[SLOT];
  delete global[SLOT];
  return { started: early?.started ?? 0, used: early?.used ?? 0 };
}

/** What the encoding depends on (Astro's hash of a transform uses the same properties), as one string. */
export function variantKey(source: string, options: Record<string, unknown>): string {
  const { width, height, format, quality, fit, position, background } = options;
  return JSON.stringify([source, width, height, format, quality, fit, position, background]);
}

/** The path below the output folder of an original image Astro serves at `src`, or undefined when it is not a file of this site. */
export function originalPath(src: string, basePath: string): string | undefined {
  if (!src.startsWith(basePath) || src.includes('..')) return undefined;
  const path = src.slice(basePath.length);
  return path.startsWith('_astro/') ? path : undefined;
}

/** Queues the variant a page asks for, when early encoding is on (`getURL` calls it). */
export function encodeEarly(options: ImageTransform, config: Parameters<Transform>[2], logger: Parameters<Transform>[3]): void {
  const early = global[SLOT];
  if (!early) return;
  const { src } = options;
  if (typeof src !== 'object' || typeof src.src !== 'string') return;
  const path = originalPath(src.src, early.basePath);
  const key = variantKey(src.src, options);
  if (!path || early.variants.has(key)) return;
  // Astro calls `transform` with the original's bytes and the options, `src` as its URL.
  const encode = () =>
    readFile(join(early.dir, path))
      .then((original) => sharpService.transform(original, { ...options, src: src.src }, config, logger))
      .catch(() => undefined);
  early.variants.set(key, { encode });
  early.queue.add(() => {
    const variant = early.variants.get(key);
    if (!variant || variant.result) return undefined;
    early.started++;
    return (variant.result = variant.encode());
  });
}

/**
 * An image with a `srcset` asked for with widths or densities: Astro makes its default-size
 * variant only when the page uses the image's `src`, and many pages use the `srcset` alone, so
 * that variant is not started early. Each `srcset` entry Astro always makes.
 */
const withSrcSet = new WeakSet<object>();

const service: LocalImageService = {
  ...sharpService,
  async getSrcSet(options, config, logger) {
    const entries = (await sharpService.getSrcSet?.(options, config, logger)) ?? [];
    if (entries.length > 0) withSrcSet.add(options);
    return entries;
  },
  getURL(options, config, logger) {
    if (!withSrcSet.has(options)) encodeEarly(options, config, logger);
    return sharpService.getURL(options, config, logger);
  },
  async transform(inputBuffer, options, config, logger) {
    const early = global[SLOT];
    const key = typeof options.src === 'string' ? variantKey(options.src, options) : undefined;
    const variant = key === undefined ? undefined : early?.variants.get(key);
    if (early && variant) {
      early.variants.delete(key!);
      // Not started yet: Astro's own queue encodes it now, with every core free of rendering.
      const encoded = await variant.result;
      if (encoded) {
        early.used++;
        return encoded;
      }
    }
    return sharpService.transform(inputBuffer, options, config, logger);
  },
};

export default service;
