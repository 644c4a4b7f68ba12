/** The child process of ./check.ts: one content check, its problems sent back, then exit. */
import { checkContent, type ContentCheckOptions } from '../lib/check/index.ts';

process.once('message', (options: ContentCheckOptions) => {
  process.send!(checkContent(options), () => process.exit(0));
});
