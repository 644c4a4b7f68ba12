/**
 * /og/<slug>.png: the Open Graph card of each of the newest articles without a hero image of their
 * own (`socialCardCount`); older ones use their topic's card (og/[group]/[id].png.ts).
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getArticlesWithOwnCard, getPublishedArticles, topicsOf, type Article } from '../../lib/content.ts';
import { cardFor } from '../../lib/share-cards.ts';
import { cardCacheDir, cardKey, drawCardsAhead, renderCard, type CardText } from '../../lib/social-image.ts';
import { paths, site } from '../../config.ts';

const CACHE = cardCacheDir(site.cacheDir);

export const getStaticPaths = (async () => {
  if (!site.socialImages) return [];
  const [articles, ownCards] = await Promise.all([getPublishedArticles(), getArticlesWithOwnCard()]);
  const routes = await Promise.all(
    articles
      .filter((article) => ownCards.has(article.id))
      .map(async (article: Article) => {
        const [topic] = await topicsOf(article);
        const { text } = cardFor({ kind: 'article', slug: article.id, title: article.data.title, topic: topic!.data.name }, site, paths);
        // The card shows only this text: an incremental build copies it while the text is unchanged.
        return { params: { slug: article.id }, props: { text }, cacheKey: cardKey(text) };
      }),
  );
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
