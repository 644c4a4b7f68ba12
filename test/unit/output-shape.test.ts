import { describe, expect, it } from 'vitest';
import { formatShape, kindOf, outputShape } from '../../scripts/lib/output-shape.ts';

describe('kindOf', () => {
  it('sorts output files into pages, images, search, feeds and the rest', () => {
    expect(kindOf('articles/a/index.html')).toBe('pages');
    expect(kindOf('404.html')).toBe('pages');
    expect(kindOf('_astro/photo.Ab12Cd34_Z1x.webp')).toBe('images');
    expect(kindOf('og/a.png')).toBe('images');
    expect(kindOf('pagefind/fragment/en_1a2b.pf_fragment')).toBe('search');
    expect(kindOf('pagefind/index.html')).toBe('search');
    expect(kindOf('rss.xml')).toBe('feeds');
    expect(kindOf('topics/china/atom.xml')).toBe('feeds');
    expect(kindOf('authors/a/feed.json')).toBe('feeds');
    expect(kindOf('sitemap-0.xml')).toBe('other');
    expect(kindOf('_astro/page.Ab12Cd34.css')).toBe('other');
  });
});

describe('outputShape', () => {
  it('adds up files and bytes by kind, and prints them per article', () => {
    const shape = outputShape([
      { path: 'articles/a/index.html', size: 2048 },
      { path: 'articles/b/index.html', size: 1024 },
      { path: '_astro/a.webp', size: 4096 },
      { path: 'rss.xml', size: 512 },
    ]);
    expect(shape.pages).toEqual({ files: 2, bytes: 3072 });
    expect(shape.images).toEqual({ files: 1, bytes: 4096 });
    expect(shape.search).toEqual({ files: 0, bytes: 0 });
    const lines = formatShape(shape, 2).split('\n');
    expect(lines[0]).toMatch(/^output\s+files\s+KiB\s+files\/article\s+KiB\/article$/);
    expect(lines[1]).toMatch(/^pages\s+2\s+3\s+1\.00\s+1\.5$/);
  });
});
