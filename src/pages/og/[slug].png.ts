/**
 * /og/<slug>.png: the Open Graph card of each of the newest articles without a hero image of their
 * own (`socialCardCount`); older ones use their topic's card (og/[group]/[id].png.ts).
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { articleCardPaths, CARD_CACHE } from '../../lib/cards.ts';
import { renderCard, type CardText } from '../../lib/social-image.ts';
import { site } from '../../config.ts';

// The card shows only its text: an incremental build copies it while the text is unchanged.
export const getStaticPaths = (() => articleCardPaths()) satisfies GetStaticPaths;

export const GET: APIRoute<{ text: CardText }> = async ({ props: { text } }) => {
  const { png } = await renderCard(text, CARD_CACHE, site.root);
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};
