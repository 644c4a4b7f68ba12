/** /og/topics/small/<id>.webp: a topic's card, small, the list thumbnail of its older articles without a hero image. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { CARD_CACHE, topicCards } from '../../../../lib/cards.ts';
import { cardKey, renderCardThumbnail, type CardText } from '../../../../lib/social-image.ts';
import { site } from '../../../../config.ts';

export const getStaticPaths = (async () =>
  (await topicCards()).map(({ id, text }) => ({ params: { id }, props: { text }, cacheKey: cardKey(text) }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ text: CardText }> = async ({ props: { text } }) =>
  new Response(new Uint8Array(await renderCardThumbnail(text, CARD_CACHE, site.root)), { headers: { 'Content-Type': 'image/webp' } });
