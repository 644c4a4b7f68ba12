/** /og/topics/<id>.png: a topic's Open Graph card, used by its older articles without a hero image. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { CARD_CACHE, topicCards } from '../../../lib/cards.ts';
import { cardKey, renderCard, type CardText } from '../../../lib/social-image.ts';
import { site } from '../../../config.ts';

export const getStaticPaths = (async () =>
  (await topicCards()).map(({ id, text }) => ({ params: { id }, props: { text }, cacheKey: cardKey(text) }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ text: CardText }> = async ({ props: { text } }) => {
  const { png } = await renderCard(text, CARD_CACHE, site.root);
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};
