/**
 * The archive by date. A list's first page shows its newest articles; everything older is reached
 * by year (a topic's or an author's articles) or by month (the whole site), in the site's time zone.
 *
 * Page numbers would make every page of every list change each time an article is published (each
 * article moves one place down), so a rebuild and a deploy would rewrite them all; a month or a
 * year keeps its articles once the period is over. And a reader looking for a story from March
 * 2019 finds it by its date, not on page 2,857.
 */
import { isoDay } from './dates.ts';
import type { ArticleLike } from './articles.ts';

/** The articles of one year, or of one month of a year (`month` 1–12). */
export interface Period<T> {
  year: number;
  month?: number | undefined;
  /** Newest first, as given. */
  items: T[];
}

/** A year, or a month of a year. */
export interface PeriodName {
  year: number;
  month?: number | undefined;
}

/** A period with its neighbours in time: the next newer and the next older periods that have articles. */
export interface PeriodPage<T> extends Period<T> {
  newer?: PeriodName | undefined;
  older?: PeriodName | undefined;
}

function yearMonth(date: Date, timeZone: string): [number, number] {
  const [year, month] = isoDay(date, timeZone).split('-').map(Number);
  return [year!, month!];
}

/** Groups a newest-first list into periods, newest first; each period's articles stay in the list's order. */
function groupBy<T extends ArticleLike>(newestFirst: readonly T[], timeZone: string, byMonth: boolean): PeriodPage<T>[] {
  const periods: PeriodPage<T>[] = [];
  for (const article of newestFirst) {
    const [year, month] = yearMonth(article.data.published, timeZone);
    const last = periods.at(-1);
    if (last && last.year === year && (!byMonth || last.month === month)) last.items.push(article);
    else periods.push({ year, ...(byMonth ? { month } : {}), items: [article] });
  }
  const name = (period: Period<T> | undefined): PeriodName | undefined => period && { year: period.year, month: period.month };
  periods.forEach((period, i) => {
    period.newer = name(periods[i - 1]);
    period.older = name(periods[i + 1]);
  });
  return periods;
}

/** The years that have articles, newest first, each with its articles and its neighbours. */
export function byYear<T extends ArticleLike>(newestFirst: readonly T[], timeZone: string): PeriodPage<T>[] {
  return groupBy(newestFirst, timeZone, false);
}

/** The months that have articles, newest first, each with its articles and its neighbours. */
export function byMonth<T extends ArticleLike>(newestFirst: readonly T[], timeZone: string): PeriodPage<T>[] {
  return groupBy(newestFirst, timeZone, true);
}

/** The index of an archive by month: each year, newest first, with its months (newest first) and how many articles each has. */
export function monthIndex<T extends ArticleLike>(
  newestFirst: readonly T[],
  timeZone: string,
): { year: number; months: { month: number; count: number }[] }[] {
  const years: { year: number; months: { month: number; count: number }[] }[] = [];
  for (const { year, month, items } of byMonth(newestFirst, timeZone)) {
    const last = years.at(-1);
    const entry = { month: month!, count: items.length };
    if (last?.year === year) last.months.push(entry);
    else years.push({ year, months: [entry] });
  }
  return years;
}

/** "March 2026", "2026": a period's name in the site's language. */
export function periodName(period: PeriodName, locale: string): string {
  if (period.month === undefined) return String(period.year);
  // Noon UTC on the 15th is in the same month in every time zone.
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(period.year, period.month - 1, 15, 12)),
  );
}

/** A page of a topic's or an author's list: its newest articles with the index of years, or all the articles of one year. */
export interface ListPage<T> {
  /** The year this page lists; none for the list's own page. */
  period?: PeriodPage<T> | undefined;
  items: T[];
  /** On the list's own page, each year that has articles and how many. */
  years: { year: number; count: number }[];
  /** What the page shows besides its items' content, for the incremental build's key. */
  key: unknown;
}

/** The pages of a newest-first list: its own page with the newest `pageSize` articles, then one page per year. */
export function listPages<T extends ArticleLike>(
  newestFirst: readonly T[],
  { pageSize, timeZone }: { pageSize: number; timeZone: string },
): ListPage<T>[] {
  const periods = byYear(newestFirst, timeZone);
  const years = periods.map((period) => ({ year: period.year, count: period.items.length }));
  return [
    { items: newestFirst.slice(0, pageSize), years, key: ['newest', years] },
    ...periods.map((period) => ({ period, items: period.items, years: [], key: [period.year, period.newer, period.older] })),
  ];
}
