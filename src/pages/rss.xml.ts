import rss from '@astrojs/rss';
import { authorsOf, getPublishedArticles, topicsOf } from '../lib/content.ts';
import { rssItem } from '../lib/feeds.ts';
import { articleHtml } from '../lib/render-html.ts';
import { absoluteUrl } from '../lib/urls.ts';
import { paths, site } from '../site.config.ts';

export async function GET() {
  const articles = (await getPublishedArticles()).slice(0, site.feedSize);
  const items = await Promise.all(
    articles.map(async (article) =>
      rssItem({
        title: article.data.title,
        description: article.data.description,
        url: absoluteUrl(paths.article(article.id), site.url),
        published: article.data.published,
        content: await articleHtml(article),
        authors: (await authorsOf(article)).map((author) => author.data.name),
        categories: (await topicsOf(article)).map((topic) => topic.data.name),
      }),
    ),
  );
  return rss({
    title: site.title,
    description: site.description,
    // The channel link is the home page, base path included.
    site: absoluteUrl(paths.home(), site.url),
    xmlns: { atom: 'http://www.w3.org/2005/Atom', dc: 'http://purl.org/dc/elements/1.1/' },
    customData:
      `<language>${site.language}</language>` +
      `<atom:link href="${absoluteUrl(paths.rss(), site.url)}" rel="self" type="application/rss+xml"/>`,
    items,
  });
}
