/** /feeds/logo.png: the site's logo at the size RSS allows for a channel image (src/lib/feed-images.ts). */
import type { APIRoute } from 'astro';
import { feedLogo } from '../../lib/feed-images.ts';

export const GET: APIRoute = async () => new Response(new Uint8Array((await feedLogo()).png), { headers: { 'Content-Type': 'image/png' } });
