import { describe, expect, it } from 'vitest';
import { breadcrumbLd, fediverseHandle, jsonLd, newsArticleLd } from '../../src/lib/structured-data.ts';
import { countWords, readingMinutes } from '../../src/lib/reading.ts';

const person = { name: 'Ann Lee', jobTitle: 'Editor', url: 'https://n.example/authors/ann/', sameAs: [] };
const publisher = { name: 'Desk', url: 'https://n.example', logo: 'https://n.example/logo.png' };

describe('newsArticleLd', () => {
  const base = {
    url: 'https://n.example/articles/x/',
    headline: 'H',
    description: 'D',
    published: new Date('2019-03-01T00:00:00Z'),
    modified: new Date('2019-03-02T00:00:00Z'),
    images: [],
    authors: [person],
    publisher,
    section: 'Electric',
    keywords: ['Electric', 'China'],
    language: 'en-GB',
  };

  it('describes the article, its authors and publisher with absolute URLs and ISO dates', () => {
    const ld = newsArticleLd(base) as Record<string, any>;
    expect(ld['@type']).toBe('NewsArticle');
    expect(ld.mainEntityOfPage['@id']).toBe(base.url);
    expect(ld.datePublished).toBe('2019-03-01T00:00:00.000Z');
    expect(ld.author[0]).toMatchObject({ '@type': 'Person', name: 'Ann Lee', jobTitle: 'Editor', url: person.url });
    expect(ld.author[0].sameAs).toBeUndefined();
    expect(ld.publisher.logo.url).toBe('https://n.example/logo.png');
    expect(ld.keywords).toBe('Electric, China');
    expect(ld.image).toBeUndefined();
    expect(ld.dateline).toBeUndefined();
  });

  it('adds the dateline as text and as the place the story was made', () => {
    const ld = newsArticleLd({ ...base, location: 'Shanghai' }) as Record<string, any>;
    expect(ld.dateline).toBe('Shanghai');
    expect(ld.locationCreated).toEqual({ '@type': 'Place', name: 'Shanghai' });
  });
});

describe('jsonLd', () => {
  it('cannot close its script element early', () => {
    const text = jsonLd([breadcrumbLd([{ name: '</script><script>alert(1)</script>', url: 'https://n.example/' }])]);
    expect(text).not.toContain('</script>');
    expect(JSON.parse(text)['@graph'][0].itemListElement[0]).toEqual({
      '@type': 'ListItem',
      position: 1,
      name: '</script><script>alert(1)</script>',
      item: 'https://n.example/',
    });
  });
});

describe('fediverseHandle', () => {
  it('reads @user@host from a Mastodon-style profile URL only', () => {
    expect(fediverseHandle('https://mastodon.social/@wei')).toBe('@wei@mastodon.social');
    expect(fediverseHandle('https://github.com/wei')).toBeUndefined();
    expect(fediverseHandle('not a url')).toBeUndefined();
  });
});

describe('reading time', () => {
  it('counts the words a reader reads, not frontmatter, tags or link targets', () => {
    const source = '---\ntitle: Ten words here\n---\n\nOne two [three](/articles/four-five/) <PullQuote cite="x">six</PullQuote> seven.';
    expect(countWords(source)).toBe(5);
  });

  it('rounds to whole minutes and never says zero', () => {
    expect(readingMinutes(countWords('word '.repeat(10)))).toBe(1);
    expect(readingMinutes(countWords('word '.repeat(230 * 4)))).toBe(4);
  });
});
