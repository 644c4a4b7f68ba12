/** /og/small/<slug>.webp: an article's card, small, as the thumbnail of lists (src/lib/story-images.ts). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { articleCardPaths, CARD_CACHE } from '../../../lib/cards.ts';
import { renderCardThumbnail, type CardText } from '../../../lib/social-image.ts';
import { site } from '../../../config.ts';

// The card shows only its text: an incremental build copies it while the text is unchanged.
export const getStaticPaths = (() => articleCardPaths()) satisfies GetStaticPaths;

export const GET: APIRoute<{ text: CardText }> = async ({ props: { text } }) =>
  new Response(new Uint8Array(await renderCardThumbnail(text, CARD_CACHE, site.root)), { headers: { 'Content-Type': 'image/webp' } });
