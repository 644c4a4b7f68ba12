import { describe, expect, it } from 'vitest';
import { buildToc } from '../../src/lib/toc.ts';

const h = (depth: number, slug: string) => ({ depth, slug, text: slug });

describe('buildToc', () => {
  it('nests h3 under the preceding h2 and ignores other levels', () => {
    expect(buildToc([h(2, 'a'), h(3, 'a1'), h(4, 'deep'), h(2, 'b')])).toEqual([
      { ...h(2, 'a'), children: [h(3, 'a1')] },
      { ...h(2, 'b'), children: [] },
    ]);
  });

  it('returns null for short pages', () => {
    expect(buildToc([h(2, 'a'), h(2, 'b')])).toBeNull();
  });

  it('drops an h3 that comes before any h2', () => {
    expect(buildToc([h(3, 'orphan'), h(2, 'a'), h(2, 'b'), h(2, 'c')])?.map((e) => e.slug)).toEqual(['a', 'b', 'c']);
  });
});
