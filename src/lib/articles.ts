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

/** The next newer and next older article in a newest-first list. */
export function adjacentArticles<T extends ArticleLike>(article: T, newestFirst: readonly T[]): { newer?: T; older?: T } {
  const index = newestFirst.findIndex((other) => other.id === article.id);
  if (index === -1) return {};
  return { newer: newestFirst[index - 1], older: newestFirst[index + 1] };
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
