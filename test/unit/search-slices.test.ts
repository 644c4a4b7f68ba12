import { describe, expect, it } from 'vitest';
import { MAX_SLICES, sliceSizeFor, slicesOf } from '../../src/integration/search-index.ts';

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
