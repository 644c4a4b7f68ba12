/** /og/<slug>.png: the Open Graph card of each article that has no hero image of its own. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getPublishedArticles, topicsOf, type Article } from '../../lib/content.ts';
import { renderCard } from '../../lib/social-image.ts';
import { site } from '../../site.config.ts';

export const getStaticPaths = (async () => {
  if (!site.socialImages) return [];
  const articles = await getPublishedArticles();
  return articles.filter((article) => !article.data.image).map((article) => ({ params: { slug: article.id }, props: { article } }));
}) satisfies GetStaticPaths;

// Beside Astro's own cache for this content folder, so `npm ci` or a content switch starts clean.
const CACHE = `${process.cwd()}/node_modules/.astro/social-cards`;

export const GET: APIRoute<{ article: Article }> = async ({ props: { article } }) => {
  const [topic] = await topicsOf(article);
  const { png } = await renderCard({ title: article.data.title, topic: topic!.data.name, siteName: site.title }, CACHE);
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};
