import { describe, expect, it } from 'vitest';
import {
  GLOB_LIMIT,
  globsFor,
  inPool,
  MAX_SLICES,
  PAGES_AT_ONCE,
  sliceSizeFor,
  slicesAtOnce,
  slicesOf,
  staggerDelay,
} from '../../src/integration/search-index.ts';

describe('slicesOf', () => {
  it('cuts the pages into slices of the size, in order, the last one shorter', () => {
    expect(slicesOf(['a', 'b', 'c', 'd', 'e'], 2)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(slicesOf(['a', 'b'], 2)).toEqual([['a', 'b']]);
  });

  it('adds a last slice of less than a quarter of the size to the one before', () => {
    const pages = Array.from({ length: 2000 }, (_page, n) => n);
    expect(slicesOf(pages.slice(0, 1003), 500).map((slice) => slice.length)).toEqual([500, 503]);
    expect(slicesOf(pages.slice(0, 1124), 500).map((slice) => slice.length)).toEqual([500, 624]);
    expect(slicesOf(pages.slice(0, 1125), 500).map((slice) => slice.length)).toEqual([500, 500, 125]);
    expect(slicesOf(pages.slice(0, 10), 500)).toEqual([pages.slice(0, 10)]);
  });

  it('gives one empty slice for no pages, so the first slice always exists', () => {
    expect(slicesOf([], 2000)).toEqual([[]]);
  });
});

describe('sliceSizeFor', () => {
  it('keeps the base size while it needs at most MAX_SLICES slices', () => {
    expect(sliceSizeFor(1, 500)).toBe(500);
    expect(sliceSizeFor(500 * MAX_SLICES, 500)).toBe(500);
  });

  it('doubles the size as the archive doubles, so the slices stay few and stable in between', () => {
    expect(sliceSizeFor(500 * MAX_SLICES + 1, 500)).toBe(1000);
    expect(sliceSizeFor(10_003, 500)).toBe(1000);
    expect(sliceSizeFor(100_000, 500)).toBe(8000);
    for (const pages of [1, 999, 4001, 10_003, 65_000, 100_000])
      expect(Math.ceil(pages / sliceSizeFor(pages, 500))).toBeLessThanOrEqual(MAX_SLICES);
  });
});

describe('globsFor', () => {
  const files = Array.from({ length: 250 }, (_, i) => `articles/story-${String(i).padStart(4, '0')}-a-long-enough-slug/index.html`);

  it('lists every file in exactly one glob, each glob within the limit', () => {
    const globs = globsFor(files, 2_000);
    expect(globs.length).toBeGreaterThan(5);
    for (const glob of globs) expect(glob.length).toBeLessThanOrEqual(2_000);
    const listed = globs.flatMap((glob) => glob.slice(1, -1).split(','));
    expect(listed).toEqual(files);
  });

  it('makes one glob of a short list, and none of an empty one', () => {
    expect(globsFor(files.slice(0, 3))).toEqual([`{${files.slice(0, 3).join(',')}}`]);
    expect(globsFor([])).toEqual([]);
  });

  it('keeps well below the length Pagefind refuses', () => {
    expect(GLOB_LIMIT).toBeLessThanOrEqual(200_000);
  });
});

describe('slicesAtOnce', () => {
  it('indexes one slice a core while the slices together stay within PAGES_AT_ONCE pages', () => {
    // 10,000 articles: slices of 1,000 pages; 100,000: slices of 8,000, one at a time.
    expect(slicesAtOnce(sliceSizeFor(10_000, 500), 10, 2)).toBe(2);
    expect(slicesAtOnce(sliceSizeFor(50_000, 500), 13, 2)).toBe(2);
    expect(slicesAtOnce(sliceSizeFor(100_000, 500), 13, 2)).toBe(1);
    expect(slicesAtOnce(PAGES_AT_ONCE / 4, 16, 8)).toBe(4);
  });

  it('indexes two slices of the largest archives at once when the link check has left its memory to them', () => {
    expect(slicesAtOnce(sliceSizeFor(100_000, 500), 13, 2, 2 * PAGES_AT_ONCE)).toBe(2);
    expect(slicesAtOnce(sliceSizeFor(100_000, 500), 13, 4, 2 * PAGES_AT_ONCE)).toBe(2);
    // 150,000 articles: slices of 16,000 pages, one at a time even then.
    expect(slicesAtOnce(sliceSizeFor(150_000, 500), 10, 2, 2 * PAGES_AT_ONCE)).toBe(1);
  });

  it('never starts more than there are slices to index, nor fewer than one', () => {
    expect(slicesAtOnce(1_000, 1, 2)).toBe(1);
    expect(slicesAtOnce(1_000, 0, 2)).toBe(1);
    expect(slicesAtOnce(1_000, 5, 1)).toBe(1);
    expect(slicesAtOnce(PAGES_AT_ONCE * 2, 5, 4)).toBe(1);
  });
});

describe('inPool', () => {
  /** Runs eight items that each take 20 ms, `size` at once, and says how many ran when each started. */
  async function run(size: number, later?: { size: number; after: Promise<unknown> }, onStart?: (item: number) => void) {
    let running = 0;
    const atStart = new Map<number, number>();
    await inPool([0, 1, 2, 3, 4, 5, 6, 7], size, later, async (_index, item) => {
      atStart.set(item, ++running);
      onStart?.(item);
      await new Promise((resolve) => setTimeout(resolve, 20));
      running--;
    });
    return atStart;
  }

  it('runs `size` at once, then `later.size` at once from when `later.after` settles', async () => {
    let settle!: () => void;
    const after = new Promise<void>((resolve) => (settle = resolve));
    const atStart = await run(2, { size: 3, after }, (item) => item === 3 && settle());
    expect([...atStart.keys()].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(Math.max(...[0, 1, 2, 3].map((item) => atStart.get(item)!))).toBe(2);
    expect(Math.max(...atStart.values())).toBe(3);
  });

  it('starts an added place half an item out of step with the first', async () => {
    let settle!: () => void;
    const after = new Promise<void>((resolve) => (settle = resolve));
    const startedAt = new Map<number, number>();
    const atStart = await run(1, { size: 2, after }, (item) => {
      startedAt.set(item, performance.now());
      if (item === 2) settle();
    });
    // Items 0 and 1 took 20 ms each, so the added place starts item 3 about 10 ms into item 2.
    expect(atStart.get(3)).toBe(2);
    expect(startedAt.get(3)! - startedAt.get(2)!).toBeGreaterThanOrEqual(5);
  });

  it('adds places when `later.after` fails too, and runs every item when it never settles', async () => {
    const failed = await run(1, { size: 2, after: Promise.reject(new Error('links broken')) });
    expect(Math.max(...failed.values())).toBe(2);
    const never = await run(1, { size: 2, after: new Promise(() => undefined) });
    expect([...never.keys()].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(Math.max(...never.values())).toBe(1);
  });
});

describe('staggerDelay', () => {
  it('waits until the running item is half done, or the next one if that moment has passed', () => {
    expect(staggerDelay(0, 10_000)).toBe(5_000);
    expect(staggerDelay(2_000, 10_000)).toBe(3_000);
    expect(staggerDelay(5_000, 10_000)).toBe(0);
    expect(staggerDelay(9_000, 10_000)).toBe(6_000);
    // An item running longer than the last one took: half of one more.
    expect(staggerDelay(12_000, 10_000)).toBe(3_000);
  });

  it('does not wait while no item has ended', () => {
    expect(staggerDelay(3_000, 0)).toBe(0);
  });
});
