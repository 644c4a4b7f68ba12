import { describe, expect, it } from 'vitest';
import { compareNewestFirst, type ArticleLike } from '../../src/lib/articles.ts';
import { byMonth, byYear, listPages, monthIndex, periodName } from '../../src/lib/periods.ts';

const article = (id: string, published: string): ArticleLike => ({
  id,
  data: { published: new Date(published), draft: false, topics: [], authors: [] },
});

// Newest first, across a year's end in London and a month's end in New York.
const articles = [
  article('e', '2026-03-01T03:00:00Z'), // 1 March in London, still 28 February in New York
  article('d', '2026-01-01T00:30:00Z'),
  article('c', '2025-12-31T23:30:00Z'),
  article('b', '2025-12-02T10:00:00Z'),
  article('a', '2023-06-15T10:00:00Z'),
].sort(compareNewestFirst);

const ids = (items: readonly ArticleLike[]) => items.map((item) => item.id);

describe('the archive by date', () => {
  it('groups by month in the site time zone, newest first, each with its neighbours that have articles', () => {
    const months = byMonth(articles, 'Europe/London');
    expect(months.map(({ year, month, items }) => [year, month, ids(items)])).toEqual([
      [2026, 3, ['e']],
      [2026, 1, ['d']],
      [2025, 12, ['c', 'b']],
      [2023, 6, ['a']],
    ]);
    expect(months[1]).toMatchObject({ newer: { year: 2026, month: 3 }, older: { year: 2025, month: 12 } });
    expect(months[0]!.newer).toBeUndefined();
    expect(months[3]!.older).toBeUndefined();
    const newYork = byMonth(articles, 'America/New_York');
    expect(newYork.map(({ year, month, items }) => [year, month, ids(items)])).toEqual([
      [2026, 2, ['e']],
      [2025, 12, ['d', 'c', 'b']],
      [2023, 6, ['a']],
    ]);
  });

  it('groups by year, skipping the years without articles', () => {
    const years = byYear(articles, 'Europe/London');
    expect(years.map(({ year, items }) => [year, ids(items)])).toEqual([
      [2026, ['e', 'd']],
      [2025, ['c', 'b']],
      [2023, ['a']],
    ]);
    expect(years[1]).toMatchObject({ newer: { year: 2026 }, older: { year: 2023 } });
  });

  it('indexes the months of each year with their counts', () => {
    expect(monthIndex(articles, 'Europe/London')).toEqual([
      {
        year: 2026,
        months: [
          { month: 3, count: 1 },
          { month: 1, count: 1 },
        ],
      },
      { year: 2025, months: [{ month: 12, count: 2 }] },
      { year: 2023, months: [{ month: 6, count: 1 }] },
    ]);
    expect(monthIndex([], 'UTC')).toEqual([]);
  });

  it("pages a topic's or an author's list: the newest, then every article once, by year", () => {
    const pages = listPages(articles, { pageSize: 2, timeZone: 'Europe/London' });
    expect(pages.map((page) => [page.period?.year, ids(page.items)])).toEqual([
      [undefined, ['e', 'd']],
      [2026, ['e', 'd']],
      [2025, ['c', 'b']],
      [2023, ['a']],
    ]);
    expect(pages[0]!.years).toEqual([
      { year: 2026, count: 2 },
      { year: 2025, count: 2 },
      { year: 2023, count: 1 },
    ]);
    expect(pages.slice(1).flatMap((page) => ids(page.items))).toEqual(ids(articles));
    expect(listPages([], { pageSize: 10, timeZone: 'UTC' })).toEqual([{ items: [], years: [], key: ['newest', []] }]);
  });

  it("changes no older year's page when an article is published", () => {
    const before = listPages(articles.slice(1), { pageSize: 2, timeZone: 'Europe/London' });
    const after = listPages(articles, { pageSize: 2, timeZone: 'Europe/London' });
    const older = (pages: typeof after) =>
      pages.filter((page) => page.period && page.period.year < 2026).map((page) => [page.key, ids(page.items)]);
    expect(older(after)).toEqual(older(before));
  });

  it('names periods in the site language', () => {
    expect(periodName({ year: 2026, month: 3 }, 'en-GB')).toBe('March 2026');
    expect(periodName({ year: 2026, month: 12 }, 'de')).toBe('Dezember 2026');
    expect(periodName({ year: 2019 }, 'en-GB')).toBe('2019');
  });
});
