import { describe, expect, it } from 'vitest';
import { absolutizeHtml, rssItem } from '../../src/lib/feeds.ts';

const page = 'https://news.example.org/newsroom/articles/lab/';

describe('absolutizeHtml', () => {
  it('resolves root-relative, relative and fragment links against the page', () => {
    const html = '<a href="/newsroom/about/">a</a><a href="../other/">b</a><a href="#why">c</a>';
    expect(absolutizeHtml(html, page)).toBe(
      '<a href="https://news.example.org/newsroom/about/">a</a>' +
        '<a href="https://news.example.org/newsroom/articles/other/">b</a>' +
        '<a href="https://news.example.org/newsroom/articles/lab/#why">c</a>',
    );
  });

  it('rewrites every srcset candidate and keeps descriptors', () => {
    const html = '<source srcset="/_astro/a.avif 480w, /_astro/b.avif 800w">';
    expect(absolutizeHtml(html, page)).toBe(
      '<source srcset="https://news.example.org/_astro/a.avif 480w, https://news.example.org/_astro/b.avif 800w">',
    );
  });

  it('leaves absolute URLs and other schemes alone', () => {
    const html = '<a href="https://x.org/">x</a><a href="mailto:a@b.c">m</a><img src="data:image/png;base64,AA">';
    expect(absolutizeHtml(html, page)).toBe(html);
  });

  it('does not touch look-alike attributes', () => {
    const html = '<a data-href="/x/">x</a>';
    expect(absolutizeHtml(html, page)).toBe(html);
  });
});

describe('rssItem', () => {
  it('puts authors in dc:creator with XML escaping', () => {
    const item = rssItem({
      title: 'T',
      description: 'D',
      url: page,
      published: new Date('2019-02-28T00:00:00Z'),
      modified: new Date('2019-02-28T00:00:00Z'),
      content: '<p>x</p>',
      authors: [
        { name: 'Ann & Bo', url: 'https://n.example/authors/ann/' },
        { name: 'Cy', url: 'https://n.example/authors/cy/' },
      ],
      categories: ['China'],
    });
    expect(item.customData).toBe('<dc:creator>Ann &amp; Bo</dc:creator><dc:creator>Cy</dc:creator>');
    expect(item.link).toBe(page);
    expect(item.categories).toEqual(['China']);
  });
});
