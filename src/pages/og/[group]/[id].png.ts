/**
 * The Open Graph cards of the site's pages other than articles (share-cards.ts): the site's own
 * card, and one per topic, author and docs page, each shared by all of its list pages.
 * /og/topics/<id>.png is also the card of the topic's older articles without a hero image.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getAuthors, getDocPages, getTopics } from '../../../lib/content.ts';
import { cardFor, type CardSubject } from '../../../lib/share-cards.ts';
import { cardCacheDir, cardKey, drawCardsAhead, renderCard, type CardText } from '../../../lib/social-image.ts';
import { paths, site } from '../../../config.ts';

const CACHE = cardCacheDir(site.cacheDir);

export const getStaticPaths = (async () => {
  if (!site.socialImages) return [];
  const [topics, authors, pages] = await Promise.all([getTopics(), getAuthors(), getDocPages()]);
  // The folders match the paths in src/lib/urls.ts (siteCard, topicCard, authorCard, pageCard).
  const cards: { group: string; id: string; subject: CardSubject }[] = [
    { group: 'site', id: 'default', subject: { kind: 'site' } },
    ...topics.map((topic) => ({ group: 'topics', id: topic.id, subject: { kind: 'topic', id: topic.id, name: topic.data.name } as const })),
    ...authors.map((author) => ({
      group: 'authors',
      id: author.id,
      subject: { kind: 'author', id: author.id, name: author.data.name, role: author.data.role } as const,
    })),
    ...pages.map((page) => ({ group: 'pages', id: page.id, subject: { kind: 'page', slug: page.id, title: page.data.title } as const })),
  ];
  const routes = cards.map(({ group, id, subject }) => {
    const { text } = cardFor(subject, site, paths);
    return { params: { group, id }, props: { text }, cacheKey: cardKey(text) };
  });
  // A few dozen cards at most: drawn on a worker thread while the pages render.
  drawCardsAhead(
    routes.map((route) => route.props.text),
    CACHE,
    site.root,
  );
  return routes;
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ text: CardText }> = async ({ props: { text } }) => {
  const { png } = await renderCard(text, CACHE, site.root);
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};
