import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { structuredDataImages } from '../../src/integration/html-scan.ts';
import { unusedImages } from '../../src/integration/unused-images.ts';
import { TMP } from '../helpers.ts';

describe('structuredDataImages', () => {
  it('gives the image, logo and thumbnail URLs of a JSON-LD block, nested or in lists', () => {
    const json = JSON.stringify({
      '@type': 'NewsArticle',
      url: 'https://site.test/articles/a/',
      image: ['https://site.test/_astro/a.1.jpg'],
      author: [{ '@type': 'Person', url: 'https://site.test/authors/b/', image: 'https://site.test/_astro/b.2.jpeg' }],
      publisher: { logo: { '@type': 'ImageObject', url: 'https://site.test/logo.png' } },
      video: { thumbnailUrl: 'https://site.test/_astro/t.3.webp' },
    });
    expect(structuredDataImages(json).sort()).toEqual(
      [
        'https://site.test/_astro/a.1.jpg',
        'https://site.test/_astro/b.2.jpeg',
        'https://site.test/_astro/t.3.webp',
        'https://site.test/logo.png',
      ].sort(),
    );
  });

  it('gives nothing for JSON that does not parse', () => {
    expect(structuredDataImages('{"image": ')).toEqual([]);
  });
});

describe('unusedImages', () => {
  const dir = join(TMP, 'unit-unused-images');
  const files: Record<string, string> = {
    '_astro/photo.AbCdEf12.jpg': 'original',
    '_astro/photo.AbCdEf12_Z1x2.webp': 'resized, linked',
    '_astro/chart.Xy12Ab34.png': 'original named in the stylesheet',
    '_astro/draft.Qq11Ww22.jpg': "a draft article's image",
    '_astro/site.Aa11Bb22.css': '.hero { background: url(/_astro/chart.Xy12Ab34.png) }',
    '_astro/font.Cc33Dd44.woff2': 'not an image',
    'feed.json': '{"items": []}',
    'index.html': '<img src="/_astro/photo.AbCdEf12_Z1x2.webp">',
  };
  rmSync(dir, { recursive: true, force: true });
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }

  it('are the images nothing links to or names: originals and the images of unpublished articles', () => {
    const linked = new Set(['_astro/photo.AbCdEf12_Z1x2.webp', 'index.html']);
    expect(unusedImages(dir, Object.keys(files), linked).sort()).toEqual(['_astro/draft.Qq11Ww22.jpg', '_astro/photo.AbCdEf12.jpg']);
  });

  it('keeps an image a JSON file names', () => {
    writeFileSync(join(dir, 'feed.json'), '{"items": [{"image": "https://site.test/_astro/draft.Qq11Ww22.jpg"}]}');
    expect(unusedImages(dir, Object.keys(files), new Set())).toEqual(['_astro/photo.AbCdEf12.jpg', '_astro/photo.AbCdEf12_Z1x2.webp']);
  });
});
