/**
 * Feeds from the collections: the site's, each topic's and each author's, in RSS, Atom and JSON
 * Feed. Routes call `feedResponse`; pages call `feedLinks` for autodiscovery. Every feed reads
 * `getPublishedArticles()`, so drafts and scheduled articles never reach one.
 */
import { readFileSync } from 'node:fs';
import rss from '@astrojs/rss';
import { paths, site } from '../config.ts';
import { byAuthor, byTopic, lastModified } from './articles.ts';
import { hashOf } from './cache-key.ts';
import { authorsOf, getPublishedArticles, pageKey, topicsOf, type Article, type Author, type Topic } from './content.ts';
import { formatDate } from './dates.ts';
import { feedLogo, itemImage, logoFile } from './feed-images.ts';
import { atomFeed, correctionsHtml, feedUpdated, jsonFeed, rssOptions, type FeedArticle, type FeedChannel } from './feeds.ts';
import { articleHtml } from './render-html.ts';
import { absoluteUrl, type FeedFormat, type FeedScope } from './urls.ts';

export type FeedSubject = { topic: Topic } | { author: Author } | undefined;

const CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

const FORMAT_NAMES: Record<FeedFormat, string> = { rss: 'RSS', atom: 'Atom', json: 'JSON Feed' };

function scopeOf(subject: FeedSubject): FeedScope {
  if (!subject) return undefined;
  return 'topic' in subject ? { topic: subject.topic.id } : { author: subject.author.id };
}

function titleOf(subject: FeedSubject): string {
  if (!subject) return site.title;
  return `${'topic' in subject ? subject.topic.data.name : subject.author.data.name} · ${site.title}`;
}

const abs = (path: string) => absoluteUrl(path, site.url);

// The same article appears in the site feed and in its topics' and authors' feeds: render it once.
const items = new Map<string, Promise<FeedArticle>>();

function feedItem(article: Article): Promise<FeedArticle> {
  let item = items.get(article.id);
  if (!item) {
    item = (async () => ({
      title: article.data.title,
      description: article.data.description,
      url: abs(paths.article(article.id)),
      published: article.data.published,
      // Its latest correction or update: Atom's <updated>, JSON Feed's date_modified, RSS's atom:updated and dc:date.
      modified: lastModified(article),
      // The corrections follow the body, as on the page, so a reader of the feed sees them too.
      content:
        (await articleHtml(article)) +
        correctionsHtml(article.data.corrections ?? [], (date) => formatDate(date, site.language, site.timeZone)),
      authors: (await authorsOf(article)).map((author) => ({ name: author.data.name, url: abs(paths.author(author.id)) })),
      categories: (await topicsOf(article)).map((topic) => topic.data.name),
      image: await itemImage(article),
    }))();
    items.set(article.id, item);
  }
  return item;
}

/** The articles of a feed: newest first and limited; older ones stay reachable through the list pages. */
async function articlesFor(subject: FeedSubject): Promise<Article[]> {
  let articles = await getPublishedArticles();
  if (subject) articles = 'topic' in subject ? byTopic(articles, subject.topic.id) : byAuthor(articles, subject.author.id);
  return articles.slice(0, site.feedSize);
}

async function itemsFor(subject: FeedSubject): Promise<FeedArticle[]> {
  return Promise.all((await articlesFor(subject)).map(feedItem));
}

let logoHash: string | undefined;

/**
 * The incremental-build key of a feed: its subject and the articles in it, and the logo in public/,
 * whose size and shape a feed states (as an item's image without social cards, and as RSS's image).
 */
export async function feedKey(subject: FeedSubject): Promise<string> {
  const owner = !subject ? [] : 'topic' in subject ? [subject.topic] : [subject.author];
  logoHash ??= hashOf(readFileSync(logoFile()));
  return pageKey([...owner, ...(await articlesFor(subject))], logoHash);
}

async function channelFor(subject: FeedSubject, entries: readonly FeedArticle[]): Promise<FeedChannel> {
  const scope = scopeOf(subject);
  const logo = await feedLogo();
  const home = !subject ? paths.home() : 'topic' in subject ? paths.topic(subject.topic.id) : paths.author(subject.author.id);
  const description = !subject
    ? site.description
    : 'topic' in subject
      ? subject.topic.data.description
      : `Articles by ${subject.author.data.name}, ${subject.author.data.role}.`;
  return {
    title: titleOf(subject),
    description,
    language: site.language,
    homeUrl: abs(home),
    urls: { rss: abs(paths.feed('rss', scope)), atom: abs(paths.feed('atom', scope)), json: abs(paths.feed('json', scope)) },
    feedsPage: abs(paths.feeds()),
    icon: abs(paths.withBase(site.publisher.logo)),
    favicon: abs(paths.withBase('/favicon.svg')),
    rssImage: { url: abs(paths.feedLogo()), width: logo.width, height: logo.height },
    updated: feedUpdated(entries, new Date(0)),
  };
}

export async function feedResponse(format: FeedFormat, subject: FeedSubject): Promise<Response> {
  const entries = await itemsFor(subject);
  const channel = await channelFor(subject, entries);
  if (format === 'rss') return rss(rssOptions(channel, entries));
  const body = format === 'atom' ? atomFeed(channel, entries) : `${JSON.stringify(jsonFeed(channel, entries), null, 2)}\n`;
  return new Response(body, { headers: { 'Content-Type': CONTENT_TYPES[format] } });
}

/** `<link rel="alternate">` entries for a page: the site's feeds, and the topic's or author's. */
export function feedLinks(subject?: FeedSubject): { type: string; title: string; href: string }[] {
  const subjects: FeedSubject[] = subject ? [subject, undefined] : [undefined];
  return subjects.flatMap((s) =>
    (['rss', 'atom', 'json'] as const).map((format) => ({
      type: CONTENT_TYPES[format].split(';')[0]!,
      title: `${titleOf(s)} (${FORMAT_NAMES[format]})`,
      href: abs(paths.feed(format, scopeOf(s))),
    })),
  );
}
