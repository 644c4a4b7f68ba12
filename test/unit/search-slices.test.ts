import { describe, expect, it } from 'vitest';
import { slicesOf } from '../../src/integration/search-index.ts';

describe('slicesOf', () => {
  it('cuts the pages into slices of at most the size, in order, the last one shorter', () => {
    expect(slicesOf(['a', 'b', 'c', 'd', 'e'], 2)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(slicesOf(['a', 'b'], 2)).toEqual([['a', 'b']]);
  });

  it('gives one empty slice for no pages, so the first slice always exists', () => {
    expect(slicesOf([], 2000)).toEqual([[]]);
  });
});
