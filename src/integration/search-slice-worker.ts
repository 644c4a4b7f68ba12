/** A worker thread of ./search-index.ts: slices indexed one at a time, each by a Pagefind process of its own. */
import { parentPort } from 'node:worker_threads';
import { indexSlice, type IndexedPage } from './search-index.ts';

parentPort!.on('message', async ({ outDir, slice }: { outDir: string; slice: IndexedPage[] }) => {
  try {
    parentPort!.postMessage(await indexSlice(outDir, slice));
  } catch (error) {
    parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
});
