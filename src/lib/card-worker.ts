/**
 * A worker thread that draws social cards into the cache (see `drawCardsAhead` in
 * social-image.ts). Drawing a card is CPU work; on a worker it overlaps with Astro rendering pages
 * on the main thread instead of adding to it.
 */
import { parentPort } from 'node:worker_threads';
import { renderCard, type CardText } from './social-image.ts';

parentPort!.on('message', async ({ id, text, cacheDir, root }: { id: number; text: CardText; cacheDir: string; root: string }) => {
  try {
    await renderCard(text, cacheDir, root);
    parentPort!.postMessage({ id });
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
