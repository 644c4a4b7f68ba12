/**
 * The one door between Astro's collections and the pages. Every list, feed and sitemap entry
 * reads `getPublishedArticles()`, so a draft cannot leak into one of them and not the others.
 *
 * The content check has passed before anything here runs (the newsroom integration runs it before
 * a build); on the dev server, while it finds problems, every page shows them instead of rendering.
 */
import { getCollection, render, type CollectionEntry } from 'astro:content';
import { AstroError } from 'astro/errors';
import { site } from '../config.ts';
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
import { devProblems } from './dev-problems.ts';
import { formatProblems } from './validate.ts';

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
export const showsUnpublished: boolean = site.showUnpublished;

async function load(): Promise<Content> {
  const [articles, authors, topics, pages] = await Promise.all([
    getCollection('articles'),
    getCollection('authors'),
    getCollection('topics'),
    getCollection('pages'),
  ]);
  const authorMap = new Map(authors.map((author) => [author.id, author]));
  const topicMap = new Map(topics.map((topic) => [topic.id, topic]));

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
      site.drafts,
    ),
  };
}

let ownCards: Promise<Set<string>> | undefined;

/** Ids of the articles whose social card shows their own headline (see `socialCardCount`). */
export function getArticlesWithOwnCard(): Promise<Set<string>> {
  ownCards ??= content().then(({ articles }) => articlesWithOwnCard(articles, site.socialCardCount));
  return ownCards;
}

/** Loads all content once per build; on the dev server, refuses while the content check finds problems. */
function content(): Promise<Content> {
  const problems = devProblems();
  if (problems.length > 0) {
    throw new AstroError(
      `The content check found ${problems.length} problem(s):\n${formatProblems(problems)}`,
      'Fix each problem at its line; the page renders again as soon as the check passes.',
    );
  }
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
 * data, the page's own values (number, totals) and each listed entry's content and status, and
 * for an article whether it has its own card, whose thumbnail the list shows (an article loses it
 * when newer ones push it out of the newest `socialCardCount`, without any change to its list).
 */
export async function pageKey(entries: readonly (Article | Author | Topic)[], ...values: unknown[]): Promise<string> {
  const [{ siteKey }, ownCards] = await Promise.all([content(), getArticlesWithOwnCard()]);
  return cacheKey(
    siteKey,
    values,
    entries.map((entry) => [digestOf(entry), 'published' in entry.data ? [statusOf(entry as Article), ownCards.has(entry.id)] : '']),
  );
}

/** `render()` for an article, docs page or author bio, whose HTML the loader keeps beside the content store. */
export function renderBody(entry: Article | DocPage | Author): ReturnType<typeof render> {
  return render(withStoredHtml(entry, htmlDirFor(site.cacheDir, entry.collection)));
}

/** Moved addresses (`content/redirects.yaml`), each served as a page that sends the reader on. */
export function getRedirects(): Redirect[] {
  return readRedirects(site.contentRoot);
}
