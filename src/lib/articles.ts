/**
 * Pure functions over articles: which are public, in what order, how they relate.
 * They take plain data (not Astro collections) so they are unit-tested without a build.
 */

export interface ArticleLike {
  id: string;
  data: {
    published: Date;
    updated?: Date | undefined;
    corrections?: readonly { date: Date; text: string }[] | undefined;
    draft: boolean;
    topics: readonly { id: string }[];
    authors: readonly { id: string }[];
  };
}

/** Newest first; ties broken by id so every list and feed has the same, stable order. */
export function compareNewestFirst(a: ArticleLike, b: ArticleLike): number {
  return b.data.published.getTime() - a.data.published.getTime() || a.id.localeCompare(b.id);
}

export type PublicationStatus = 'published' | 'draft' | 'scheduled';

/**
 * A draft is marked `draft: true`; a scheduled article is dated after `now`. Date-only dates are
 * midnight in the site's time zone (see dates.ts), so an article dated today goes live at the
 * start of today there, whatever the build machine's zone.
 */
export function publicationStatus(article: ArticleLike, now: Date): PublicationStatus {
  if (article.data.draft) return 'draft';
  return article.data.published.getTime() > now.getTime() ? 'scheduled' : 'published';
}

export interface SelectOptions {
  /** The moment of the build: articles dated after it are scheduled, not public. */
  now: Date;
  /** Preview builds and the dev server include drafts and scheduled articles (marked as such). */
  includeUnpublished?: boolean;
}

/** Articles readers may see, newest first. */
export function selectPublished<T extends ArticleLike>(all: readonly T[], options: SelectOptions): T[] {
  return all
    .filter((article) => options.includeUnpublished || publicationStatus(article, options.now) === 'published')
    .sort(compareNewestFirst);
}

/** The date a reader and a crawler should see as "last changed". */
export function lastModified(article: ArticleLike): Date {
  const dates = [article.data.published, article.data.updated, ...(article.data.corrections ?? []).map((c) => c.date)];
  return new Date(Math.max(...dates.filter((d): d is Date => d instanceof Date).map((d) => d.getTime())));
}

export interface CorrectionEntry<T extends ArticleLike> {
  article: T;
  date: Date;
  text: string;
}

/** Every correction of every article, newest first (ties by article order), for /corrections/. */
export function allCorrections<T extends ArticleLike>(articles: readonly T[]): CorrectionEntry<T>[] {
  return articles
    .flatMap((article) => (article.data.corrections ?? []).map((c) => ({ article, date: c.date, text: c.text })))
    .sort((a, b) => b.date.getTime() - a.date.getTime() || compareNewestFirst(a.article, b.article));
}

export function byAuthor<T extends ArticleLike>(articles: readonly T[], authorId: string): T[] {
  return articles.filter((article) => article.data.authors.some((author) => author.id === authorId));
}

export function byTopic<T extends ArticleLike>(articles: readonly T[], topicId: string): T[] {
  return articles.filter((article) => article.data.topics.some((topic) => topic.id === topicId));
}

/**
 * Related articles: those sharing the most topics, then the newest, then by id. Articles sharing
 * no topic are never "related". Deterministic for a given input.
 */
export function relatedArticles<T extends ArticleLike>(article: T, published: readonly T[], limit = 3): T[] {
  const topics = new Set(article.data.topics.map((topic) => topic.id));
  return published
    .filter((other) => other.id !== article.id)
    .map((other) => ({ other, shared: other.data.topics.filter((topic) => topics.has(topic.id)).length }))
    .filter(({ shared }) => shared > 0)
    .sort((a, b) => b.shared - a.shared || compareNewestFirst(a.other, b.other))
    .slice(0, limit)
    .map(({ other }) => other);
}

/** Every non-empty subset of a sorted list of ids, as `a|b` keys. */
function subsetKeys(ids: readonly string[]): string[][] {
  const out: string[][] = [];
  for (let mask = 1; mask < 1 << ids.length; mask++) out.push(ids.filter((_, i) => mask & (1 << i)));
  return out;
}

/** Topics beyond this many per article fall back to the plain scan (2^n subsets). */
const MAX_INDEXED_TOPICS = 8;

/**
 * `relatedArticles` for every article at once, without comparing every pair: the plain version
 * costs O(n²) comparisons and a sort per article over a site. Each article is filed under every
 * subset of its topics, newest first; the related articles of A are then the first few entries of
 * the lists of A's own topic subsets, largest subsets first. Same result as calling
 * `relatedArticles` on each (the unit tests compare them).
 */
export function relatedIndex<T extends ArticleLike>(newestFirst: readonly T[], limit = 3): Map<string, T[]> {
  const idsOf = new Map(newestFirst.map((article) => [article.id, [...new Set(article.data.topics.map((topic) => topic.id))].sort()]));
  const topicIds = (article: T) => idsOf.get(article.id)!;
  const lists = new Map<string, T[]>();
  const ordered = [...newestFirst].sort(compareNewestFirst);
  for (const article of ordered) {
    const ids = topicIds(article);
    if (ids.length > MAX_INDEXED_TOPICS) continue;
    for (const subset of subsetKeys(ids)) {
      const key = subset.join('|');
      let list = lists.get(key);
      if (!list) lists.set(key, (list = []));
      list.push(article);
    }
  }
  const result = new Map<string, T[]>();
  const wide = ordered.filter((article) => topicIds(article).length > MAX_INDEXED_TOPICS);
  for (const article of ordered) {
    const ids = topicIds(article);
    if (ids.length > MAX_INDEXED_TOPICS || wide.length > 0) {
      result.set(article.id, relatedArticles(article, ordered, limit));
      continue;
    }
    const own = new Set(ids);
    const shared = (other: T) => topicIds(other).filter((id) => own.has(id)).length;
    const chosen: T[] = [];
    const taken = new Set<string>([article.id]);
    const subsets = subsetKeys(ids);
    // Articles sharing exactly `size` topics appear, in order, in the list of that very subset;
    // any with more shared topics were taken at a larger size (or the list is already full).
    for (let size = ids.length; size >= 1 && chosen.length < limit; size--) {
      const found: T[] = [];
      for (const subset of subsets.filter((s) => s.length === size)) {
        let taking = 0;
        for (const other of lists.get(subset.join('|')) ?? []) {
          if (taking >= limit - chosen.length) break;
          if (taken.has(other.id) || shared(other) !== size) continue;
          found.push(other);
          taking++;
        }
      }
      for (const other of found.sort(compareNewestFirst).slice(0, limit - chosen.length)) {
        chosen.push(other);
        taken.add(other.id);
      }
    }
    result.set(article.id, chosen);
  }
  return result;
}

/** The next newer and next older article in a newest-first list. */
export function adjacentArticles<T extends ArticleLike>(article: T, newestFirst: readonly T[]): { newer?: T; older?: T } {
  const index = newestFirst.findIndex((other) => other.id === article.id);
  if (index === -1) return {};
  return { newer: newestFirst[index - 1], older: newestFirst[index + 1] };
}

/** `adjacentArticles` for every article of a newest-first list at once, by position. */
export function adjacentIndex<T extends ArticleLike>(newestFirst: readonly T[]): Map<string, { newer?: T; older?: T }> {
  return new Map(newestFirst.map((article, i) => [article.id, { newer: newestFirst[i - 1], older: newestFirst[i + 1] }]));
}

export interface Page<T> {
  /** 1-based page number. */
  number: number;
  lastNumber: number;
  items: T[];
  /** Total items across all pages. */
  total: number;
}

/** Splits a list into pages of `size`. An empty list still has one (empty) page. */
export function paginate<T>(items: readonly T[], size: number): Page<T>[] {
  if (!Number.isInteger(size) || size < 1) throw new Error(`Page size must be a positive integer, got ${size}`);
  const lastNumber = Math.max(1, Math.ceil(items.length / size));
  return Array.from({ length: lastNumber }, (_, index) => ({
    number: index + 1,
    lastNumber,
    items: items.slice(index * size, (index + 1) * size),
    total: items.length,
  }));
}

/**
 * The page numbers a pagination bar shows: the first, the last, and `around` on each side of the
 * current page, with `undefined` where numbers are left out (shown as an ellipsis). At most
 * 2 × around + 5 entries, whatever the number of pages.
 */
export function pageWindow(current: number, last: number, around = 2): (number | undefined)[] {
  if (!Number.isInteger(last) || last < 1 || !Number.isInteger(current) || current < 1 || current > last) {
    throw new Error(`Invalid page ${current} of ${last}`);
  }
  const from = Math.max(1, current - around);
  const to = Math.min(last, current + around);
  const out: (number | undefined)[] = [];
  if (from > 1) out.push(1);
  // A gap of one page is shown as that page rather than as an ellipsis.
  if (from === 3) out.push(2);
  else if (from > 3) out.push(undefined);
  for (let n = from; n <= to; n++) out.push(n);
  if (to === last - 2) out.push(last - 1);
  else if (to < last - 2) out.push(undefined);
  if (to < last) out.push(last);
  return out;
}

/**
 * Which articles get a social card with their own headline: the newest `count` of a newest-first
 * list that have no hero image of their own. The others use their first topic's card.
 */
export function articlesWithOwnCard<T extends ArticleLike & { data: { image?: unknown } }>(
  newestFirst: readonly T[],
  count: number,
): Set<string> {
  return new Set(
    newestFirst
      .slice(0, count)
      .filter((article) => !article.data.image)
      .map((article) => article.id),
  );
}

/** How many of the latest articles the 404 page offers a reader who followed a dead link. */
export const NOT_FOUND_LATEST = 3;
