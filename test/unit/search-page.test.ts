import { describe, expect, it } from 'vitest';
import { scanHtml } from '../../src/integration/html-scan.ts';
import { formatDate, isoDay } from '../../src/lib/dates.ts';
import { formatDay, MAX_QUERY, metaAttribute, pagefindMeta, readSearch, searchQuery, searchSummary } from '../../src/lib/search.ts';

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

describe('a search in the URL', () => {
  it('reads the words, topic and author of a link, trimmed, and nothing else', () => {
    expect(readSearch('?q=%20Shanghai%20lab%20&topic=china&author=wei-zhang&page=3')).toEqual({
      q: 'Shanghai lab',
      topic: 'china',
      author: 'wei-zhang',
    });
    expect(readSearch('')).toEqual({ q: '', topic: '', author: '' });
    expect(readSearch(`?q=${'a'.repeat(500)}`).q).toHaveLength(MAX_QUERY);
  });

  it('writes a search back as a query string that reads the same, empty values left out', () => {
    const state = { q: 'robo-taxi & "ride hailing"', topic: 'mobility-services', author: '' };
    const query = searchQuery(state);
    expect(query).toBe('?q=robo-taxi+%26+%22ride+hailing%22&topic=mobility-services');
    expect(readSearch(query)).toEqual(state);
    expect(searchQuery({ q: ' ', topic: '', author: '' })).toBe('');
  });
});

describe('formatDay', () => {
  it('shows the day of the index as the pages show the date it came from, in any time zone', () => {
    const instants = ['2019-02-28T00:00:00Z', '2019-02-28T23:30:00Z', '2021-03-28T00:30:00Z', '2024-12-31T11:00:00Z'].map(
      (t) => new Date(t),
    );
    for (const zone of ['Europe/London', 'Pacific/Auckland', 'America/Los_Angeles', 'Asia/Shanghai']) {
      for (const instant of instants) {
        for (const locale of ['en-GB', 'fr-FR', 'ja-JP']) {
          expect(formatDay(isoDay(instant, zone), locale), `${instant.toISOString()} ${zone} ${locale}`).toBe(
            formatDate(instant, locale, zone),
          );
        }
      }
    }
  });

  it('gives back a value that is not a day as it is', () => {
    expect(formatDay('soon', 'en-GB')).toBe('soon');
  });
});

describe('searchSummary', () => {
  it('counts articles and pages, in the singular where there is one', () => {
    expect(searchSummary('lab', 4, 1, false)).toBe('4 articles and 1 page for “lab”.');
    expect(searchSummary('lab', 1, 0, false)).toBe('1 article for “lab”.');
    expect(searchSummary('lab', 0, 2, false)).toBe('2 pages for “lab”.');
  });

  it('says when nothing was found, and that the topic or author chosen may be why', () => {
    expect(searchSummary('xyz', 0, 0, false)).toBe('No results for “xyz”.');
    expect(searchSummary('xyz', 0, 0, true)).toBe('No articles for “xyz” with the topic or author chosen.');
  });
});
