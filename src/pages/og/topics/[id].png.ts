/** /og/topics/<id>.png: a topic's Open Graph card, used by its older articles without a hero image. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getTopics } from '../../../lib/content.ts';
import { cardCacheDir, cardKey, renderCard, topicCardText, type CardText } from '../../../lib/social-image.ts';
import { site } from '../../../config.ts';

const CACHE = cardCacheDir(site.cacheDir);

export const getStaticPaths = (async () => {
  if (!site.socialImages) return [];
  return (await getTopics()).map((topic) => {
    const text = topicCardText(topic.data.name, site.title);
    return { params: { id: topic.id }, props: { text }, cacheKey: cardKey(text) };
  });
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ text: CardText }> = async ({ props: { text } }) => {
  const { png } = await renderCard(text, CACHE, site.root);
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};
