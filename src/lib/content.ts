/**
 * The one door between Astro's collections and the pages. Every list, feed and sitemap entry
 * reads `getPublishedArticles()`, so a draft cannot leak into one of them and not the others.
 * Loading also runs the cross-entry checks once and fails the build with every problem found.
 */
import { readFileSync } from 'node:fs';
import { getCollection, render, type CollectionEntry } from 'astro:content';
import { site } from '../site.config.ts';
import { readRedirects, type Redirect } from './redirects.ts';
import {
  adjacentIndex,
  articlesWithOwnCard,
  publicationStatus,
  relatedIndex,
  selectPublished,
  type PublicationStatus,
} from './articles.ts';
import { cacheKey, digestOf } from './cache-key.ts';
import { htmlDirFor, withStoredHtml } from './mdx/stored-html.ts';
import { findDanglingReferences, findReservedPageSlugs, formatProblems, type ContentProblem } from './validate.ts';

export type Article = CollectionEntry<'articles'>;
export type Author = CollectionEntry<'authors'>;
export type Topic = CollectionEntry<'topics'>;
export type DocPage = CollectionEntry<'pages'>;

interface Content {
  articles: Article[];
  authors: Map<string, Author>;
  topics: Map<string, Topic>;
  pages: DocPage[];
  /** Hash of what every page shows besides its own content (see `pageKey`). */
  siteKey: string;
}

let loaded: Promise<Content> | undefined;

/** The moment of this build: articles dated after it are scheduled. */
const BUILD_TIME = new Date();

/** Drafts and scheduled articles show in previews and on the dev server, never in production. */
export const showsUnpublished: boolean = import.meta.env.SHOW_UNPUBLISHED === true;

async function load(): Promise<Content> {
  const [articles, authors, topics, pages] = await Promise.all([
    getCollection('articles'),
    getCollection('authors'),
    getCollection('topics'),
    getCollection('pages'),
  ]);
  const authorMap = new Map(authors.map((author) => [author.id, author]));
  const topicMap = new Map(topics.map((topic) => [topic.id, topic]));

  const problems: ContentProblem[] = [
    ...articles
      .filter((article) => article.id.includes('/'))
      .map((article) => ({
        file: article.filePath ?? article.id,
        field: 'file name',
        message: `articles live at ${site.contentDir}/articles/<slug>.mdx or <slug>/index.mdx; move this file`,
      })),
    ...findDanglingReferences(
      // Only an article with an unknown id needs its source read (for the line number).
      articles
        .filter(
          (article) =>
            article.data.authors.some((ref) => !authorMap.has(ref.id)) || article.data.topics.some((ref) => !topicMap.has(ref.id)),
        )
        .map((article) => ({
          id: article.id,
          filePath: article.filePath ?? article.id,
          source: article.filePath ? readFileSync(article.filePath, 'utf8') : '',
          authors: article.data.authors.map((ref) => ref.id),
          topics: article.data.topics.map((ref) => ref.id),
        })),
      new Set(authorMap.keys()),
      new Set(topicMap.keys()),
      site.contentDir,
    ),
    ...findReservedPageSlugs(pages.map((page) => ({ id: page.id, filePath: page.filePath ?? page.id }))),
  ];
  if (problems.length > 0) {
    throw new Error(`Content check failed with ${problems.length} problem(s):\n${formatProblems(problems)}`);
  }
  const sortedPages = pages.sort((a, b) => a.data.order - b.data.order || a.data.title.localeCompare(b.data.title));
  return {
    articles: selectPublished(articles, { now: BUILD_TIME, includeUnpublished: showsUnpublished }),
    authors: authorMap,
    topics: topicMap,
    pages: sortedPages,
    // The layout shows every topic and docs page in its navigation and authors in bylines; the
    // switches from the environment change pages without changing Astro's config.
    siteKey: cacheKey(
      [...authorMap.values()].map(digestOf),
      [...topicMap.values()].map(digestOf),
      sortedPages.map(digestOf),
      site.url,
      site.basePath,
      site.socialImages,
      site.socialCardCount,
      site.preview,
    ),
  };
}

let ownCards: Promise<Set<string>> | undefined;

/** Ids of the articles whose social card shows their own headline (see `socialCardCount`). */
export function getArticlesWithOwnCard(): Promise<Set<string>> {
  ownCards ??= content().then(({ articles }) => articlesWithOwnCard(articles, site.socialCardCount));
  return ownCards;
}

/** Loads and checks all content once per build. */
function content(): Promise<Content> {
  loaded ??= load();
  return loaded;
}

/** Public articles, newest first. Drafts and scheduled articles only in previews and dev. */
export async function getPublishedArticles(): Promise<Article[]> {
  return (await content()).articles;
}

/** Whether an article is public yet, to mark drafts and scheduled articles in previews. */
export function statusOf(article: Article): PublicationStatus {
  return publicationStatus(article, BUILD_TIME);
}

/** Authors in name order. */
export async function getAuthors(): Promise<Author[]> {
  return [...(await content()).authors.values()].sort((a, b) => a.data.name.localeCompare(b.data.name));
}

/** Topics in name order. */
export async function getTopics(): Promise<Topic[]> {
  return [...(await content()).topics.values()].sort((a, b) => a.data.name.localeCompare(b.data.name));
}

/** Docs-style pages in navigation order. */
export async function getDocPages(): Promise<DocPage[]> {
  return (await content()).pages;
}

/** Resolves an article's author references; all exist, the load checked them. */
export async function authorsOf(article: Article): Promise<Author[]> {
  const { authors } = await content();
  return article.data.authors.map((ref) => authors.get(ref.id)!);
}

/** Resolves an article's topic references; all exist, the load checked them. */
export async function topicsOf(article: Article): Promise<Topic[]> {
  const { topics } = await content();
  return article.data.topics.map((ref) => topics.get(ref.id)!);
}

/** Article pages with what each shows of other articles, computed once for the whole site. */
export async function getArticlePages(): Promise<
  {
    article: Article;
    related: Article[];
    adjacent: { newer?: Article | undefined; older?: Article | undefined };
    /** Whether its social card shows its own headline (else its first topic's card). */
    ownCard: boolean;
    cacheKey: string;
  }[]
> {
  const { articles, siteKey } = await content();
  const related = relatedIndex(articles);
  const adjacent = adjacentIndex(articles);
  const ownCards = await getArticlesWithOwnCard();
  return articles.map((article) => {
    const around = adjacent.get(article.id) ?? {};
    const shown = related.get(article.id) ?? [];
    const ownCard = ownCards.has(article.id);
    return {
      article,
      related: shown,
      adjacent: around,
      ownCard,
      cacheKey: cacheKey(
        siteKey,
        statusOf(article),
        ownCard,
        digestOf(article),
        [...shown, around.newer, around.older].map((a) => a && digestOf(a)),
      ),
    };
  });
}

/**
 * The incremental-build key of a page that shows `entries` (a list page, a profile): the site-wide
 * data, the page's own values (number, totals) and each listed entry's content and status.
 */
export async function pageKey(entries: readonly (Article | Author | Topic)[], ...values: unknown[]): Promise<string> {
  const { siteKey } = await content();
  return cacheKey(
    siteKey,
    values,
    entries.map((entry) => [digestOf(entry), 'published' in entry.data ? statusOf(entry as Article) : '']),
  );
}

/** Moved addresses (`content/redirects.yaml`), each served as a page that sends the reader on. */
/** `render()` for an article or docs page, whose HTML the loader keeps beside the content store. */
export function renderBody(entry: Article | DocPage): ReturnType<typeof render> {
  return render(withStoredHtml(entry, htmlDirFor(site.cacheDir, entry.collection)));
}

export function getRedirects(): Redirect[] {
  return readRedirects(site.contentRoot);
}
