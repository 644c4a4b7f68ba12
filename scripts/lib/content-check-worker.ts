/**
 * The content check on a worker thread, for `npm run build`: the check parses every file of the
 * content folder (about 1 GB of memory at 10,000 articles) and a finished worker gives all of it
 * back, where the build process would otherwise keep it for the whole build.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkContent, type ContentCheckOptions } from './content-check.ts';

parentPort!.postMessage(checkContent(workerData as ContentCheckOptions));
