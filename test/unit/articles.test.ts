import { describe, expect, it } from 'vitest';
import { parseContentDate } from '../../src/lib/dates.ts';
import { generateCorpus } from '../../scripts/lib/corpus.ts';
import {
  adjacentArticles,
  adjacentIndex,
  articlesWithOwnCard,
  allCorrections,
  byAuthor,
  byTopic,
  lastModified,
  pageWindow,
  paginate,
  publicationStatus,
  relatedArticles,
  relatedIndex,
  selectPublished,
  compareNewestFirst,
  type ArticleLike,
} from '../../src/lib/articles.ts';

function article(id: string, published: string, topics: string[], extra: Partial<ArticleLike['data']> = {}): ArticleLike {
  return {
    id,
    data: {
      published: new Date(published),
      draft: false,
      topics: topics.map((t) => ({ id: t })),
      authors: [{ id: 'ed' }],
      ...extra,
    },
  };
}

const a = article('a', '2019-03-01', ['ev', 'china']);
const b = article('b', '2019-03-05', ['ev']);
const c = article('c', '2019-03-03', ['china', 'ev'], { authors: [{ id: 'wz' }, { id: 'ed' }] });
const d = article('d', '2019-03-09', ['ev'], { draft: true });
const e = article('e', '2019-03-05', ['other']);

const NOW = new Date('2026-11-25T12:00:00Z');
const at = { now: NOW };

describe('selectPublished', () => {
  it('excludes drafts', () => {
    expect(selectPublished([a, b, c, d], at).map((x) => x.id)).not.toContain('d');
  });

  it('excludes articles dated after the build', () => {
    const future = article('f', '2026-11-26T00:00:00Z', ['ev']);
    expect(selectPublished([a, future], at).map((x) => x.id)).toEqual(['a']);
  });

  it('includes drafts and scheduled articles only when asked', () => {
    const future = article('f', '2027-01-01', ['ev']);
    expect(selectPublished([a, d, future], { ...at, includeUnpublished: true }).map((x) => x.id)).toEqual(['f', 'd', 'a']);
  });

  it('sorts newest first and breaks ties by id', () => {
    expect(selectPublished([a, e, c, b], at).map((x) => x.id)).toEqual(['b', 'e', 'c', 'a']);
  });

  it('does not reorder its input', () => {
    const input = [a, b];
    selectPublished(input, at);
    expect(input.map((x) => x.id)).toEqual(['a', 'b']);
  });
});

describe('publicationStatus', () => {
  const dated = (day: string) => {
    const published = parseContentDate(day, 'Europe/London');
    if (typeof published === 'string') throw new Error(published);
    return article('x', '2000-01-01', ['ev'], { published });
  };

  it('publishes a date-only article at midnight in the site time zone, not in UTC', () => {
    // 1 July 2026 begins at 23:00 UTC on 30 June in London (BST).
    expect(publicationStatus(dated('2026-07-01'), new Date('2026-06-30T22:59:00Z'))).toBe('scheduled');
    expect(publicationStatus(dated('2026-07-01'), new Date('2026-06-30T23:00:00Z'))).toBe('published');
    // In winter London is on UTC.
    expect(publicationStatus(dated('2026-12-01'), new Date('2026-11-30T23:59:00Z'))).toBe('scheduled');
    expect(publicationStatus(dated('2026-12-01'), new Date('2026-12-01T00:00:00Z'))).toBe('published');
  });

  it('calls a draft a draft whatever its date', () => {
    expect(publicationStatus(d, NOW)).toBe('draft');
    expect(publicationStatus({ ...d, data: { ...d.data, published: new Date('2030-01-01') } }, NOW)).toBe('draft');
  });
});

describe('relatedArticles', () => {
  const published = selectPublished([a, b, c, e], at);

  it('ranks by shared topics, then by date', () => {
    // c shares ev and china with a; b shares only ev.
    expect(relatedArticles(a, published).map((x) => x.id)).toEqual(['c', 'b']);
  });

  it('never returns the article itself or articles without a shared topic', () => {
    const ids = relatedArticles(b, published).map((x) => x.id);
    expect(ids).not.toContain('b');
    expect(ids).not.toContain('e');
  });

  it('respects the limit', () => {
    expect(relatedArticles(b, published, 1)).toHaveLength(1);
  });
});

describe('adjacentArticles', () => {
  const list = selectPublished([a, b, c], at);

  it('finds the newer and older neighbours', () => {
    const { newer, older } = adjacentArticles(c, list);
    expect(newer?.id).toBe('b');
    expect(older?.id).toBe('a');
  });

  it('has no newer neighbour for the newest article', () => {
    expect(adjacentArticles(b, list).newer).toBeUndefined();
  });
});

describe('byAuthor and byTopic', () => {
  it('filter on any position in the list', () => {
    // c lists wz first and ed second; a lists china second and c first.
    expect(byAuthor([a, b, c], 'wz').map((x) => x.id)).toEqual(['c']);
    expect(byAuthor([a, b, c], 'ed').map((x) => x.id)).toEqual(['a', 'b', 'c']);
    expect(byTopic([a, b, c], 'china').map((x) => x.id)).toEqual(['a', 'c']);
    expect(byTopic([a, b, c], 'other')).toEqual([]);
  });
});

describe('lastModified', () => {
  it('prefers updated over published', () => {
    const updated = article('u', '2019-03-01', ['ev'], { updated: new Date('2019-03-06') });
    expect(lastModified(updated).toISOString()).toBe('2019-03-06T00:00:00.000Z');
    expect(lastModified(a).toISOString()).toBe('2019-03-01T00:00:00.000Z');
  });
});

describe('paginate', () => {
  it('splits into full pages and a remainder', () => {
    const pages = paginate([1, 2, 3, 4, 5], 2);
    expect(pages.map((p) => p.items)).toEqual([[1, 2], [3, 4], [5]]);
    expect(pages.every((p) => p.lastNumber === 3 && p.total === 5)).toBe(true);
    expect(pages.map((p) => p.number)).toEqual([1, 2, 3]);
  });

  it('gives an empty list one empty page', () => {
    expect(paginate([], 10)).toEqual([{ number: 1, lastNumber: 1, items: [], total: 0 }]);
  });

  it('rejects a page size that is not a positive integer', () => {
    expect(() => paginate([1], 0)).toThrow(/positive integer/);
  });
});

describe('corrections', () => {
  const fixed = article('f', '2019-03-01', ['ev'], {
    updated: new Date('2019-03-02'),
    corrections: [{ date: new Date('2019-03-04'), text: 'Second' }],
  });
  const other = article('g', '2019-03-03', ['ev'], { corrections: [{ date: new Date('2019-03-05'), text: 'Third' }] });

  it('count as a modification of the article', () => {
    expect(lastModified(fixed).toISOString()).toBe('2019-03-04T00:00:00.000Z');
  });

  it('are listed across articles, newest first', () => {
    expect(allCorrections([fixed, other, a]).map((c) => [c.article.id, c.text])).toEqual([
      ['g', 'Third'],
      ['f', 'Second'],
    ]);
  });
});

describe('relatedIndex and adjacentIndex', () => {
  it('give every article of a generated corpus what relatedArticles and adjacentArticles give it', () => {
    const corpus = generateCorpus({ articles: 400, seed: 7 });
    const list = corpus.articles
      .map((a) => ({
        id: a.slug,
        data: { published: a.published, draft: false, topics: a.topics.map((id) => ({ id })), authors: a.authors.map((id) => ({ id })) },
      }))
      .sort(compareNewestFirst);
    for (const limit of [1, 3, 5]) {
      const related = relatedIndex(list, limit);
      for (const article of list) {
        expect(related.get(article.id)!.map((a) => a.id)).toEqual(relatedArticles(article, list, limit).map((a) => a.id));
      }
    }
    const adjacent = adjacentIndex(list);
    for (const article of list) expect(adjacent.get(article.id)).toEqual(adjacentArticles(article, list));
  });
});

describe('pageWindow', () => {
  it('lists every page of a short list', () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(3, 5)).toEqual([1, 2, 3, 4, 5]);
  });

  it('keeps the first, the last and two around the current page of a long list', () => {
    expect(pageWindow(1, 1000)).toEqual([1, 2, 3, undefined, 1000]);
    expect(pageWindow(500, 1000)).toEqual([1, undefined, 498, 499, 500, 501, 502, undefined, 1000]);
    expect(pageWindow(1000, 1000)).toEqual([1, undefined, 998, 999, 1000]);
    expect(pageWindow(4, 1000)).toEqual([1, 2, 3, 4, 5, 6, undefined, 1000]);
  });

  it('never shows more than 2 × around + 5 entries', () => {
    for (let last = 1; last <= 60; last++) {
      for (let current = 1; current <= last; current++) {
        const window = pageWindow(current, last);
        expect(window.length).toBeLessThanOrEqual(9);
        expect(window).toContain(current);
        expect(window[0]).toBe(1);
        expect(window.at(-1)).toBe(last);
      }
    }
  });

  it('refuses a page beyond the last', () => {
    expect(() => pageWindow(3, 2)).toThrow(/Invalid page/);
  });
});

describe('articlesWithOwnCard', () => {
  it('picks the newest articles without a hero image, up to the count', () => {
    const list = [
      { ...article('a', '2020-01-05', ['x']), data: { ...article('a', '2020-01-05', ['x']).data, image: {} } },
      article('b', '2020-01-04', ['x']),
      article('c', '2020-01-03', ['x']),
      article('d', '2020-01-02', ['x']),
    ];
    expect([...articlesWithOwnCard(list, 3)]).toEqual(['b', 'c']);
    expect([...articlesWithOwnCard(list, 0)]).toEqual([]);
    expect([...articlesWithOwnCard(list, 10)]).toEqual(['b', 'c', 'd']);
  });
});
