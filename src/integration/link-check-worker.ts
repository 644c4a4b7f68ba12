/** The worker thread of ./finish.ts: one link check (./link-check.ts), its report sent back. */
import { parentPort, workerData } from 'node:worker_threads';
import { checkLinks, type LinkCheckOptions } from './link-check.ts';

parentPort!.postMessage(await checkLinks(workerData as LinkCheckOptions));
