import { describe, expect, it } from 'vitest';
import { scanHtml } from '../../src/integration/html-scan.ts';
import { metaAttribute, pagefindMeta } from '../../src/lib/search.ts';

describe('pagefindMeta', () => {
  const meta = {
    date: '2019-02-28',
    topic: 'Research, development and testing',
    topics: 'Research, development and testing, China',
    authors: 'Lena Hartmann and Wei Zhang',
    image: '/_astro/thumb.webp',
    image_alt: 'A skyline at dusk, with a tower, above a river',
  };

  it('reads every value from an attribute of its own, so a comma in a value cannot split it', () => {
    const attributes = pagefindMeta(meta);
    expect(attributes['data-pagefind-meta']).toBe(
      'date[data-meta-date], topic[data-meta-topic], topics[data-meta-topics], authors[data-meta-authors], image[data-meta-image], image_alt[data-meta-image-alt]',
    );
    expect(attributes['data-meta-image-alt']).toBe(meta.image_alt);
    expect(attributes['data-meta-topic']).toBe(meta.topic);
  });

  it('keeps an empty value, which stands in for what Pagefind would pick by itself', () => {
    const attributes = pagefindMeta({ ...meta, image: '', image_alt: '' });
    expect(attributes['data-pagefind-meta']).toMatch(/, image\[data-meta-image\], image_alt\[data-meta-image-alt\]$/);
    expect(attributes['data-meta-image']).toBe('');
  });

  it('names the thumbnail so the link check counts it as an image a page uses, and an empty one not at all', () => {
    const { links } = scanHtml(`<article ${metaAttribute('image')}="/_astro/thumb.webp"><img src="/_astro/hero.webp" alt=""></article>`);
    expect(links).toEqual(['/_astro/thumb.webp', '/_astro/hero.webp']);
    expect(scanHtml(`<article ${metaAttribute('image')}=""><p>Text.</p></article>`).links).toEqual([]);
  });
});
