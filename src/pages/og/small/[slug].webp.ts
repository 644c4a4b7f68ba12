/** /og/small/<slug>.webp: an article's card, small, as the thumbnail of lists (src/lib/story-images.ts). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { articleCards, CARD_CACHE } from '../../../lib/cards.ts';
import { cardKey, renderCardThumbnail, type CardText } from '../../../lib/social-image.ts';
import { site } from '../../../config.ts';

export const getStaticPaths = (async () =>
  (await articleCards()).map(({ slug, text }) => ({
    params: { slug },
    props: { text },
    cacheKey: cardKey(text),
  }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ text: CardText }> = async ({ props: { text } }) =>
  new Response(new Uint8Array(await renderCardThumbnail(text, CARD_CACHE, site.root)), { headers: { 'Content-Type': 'image/webp' } });
