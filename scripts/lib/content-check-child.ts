/**
 * The content check in a child process, for `npm run build`. The check parses every file of the
 * content folder (about 420 MiB at its peak at 10,000 articles). A worker thread gave that memory
 * back to the build process's allocator, not to the system: the build process stayed at about
 * 600 MiB for the rest of the build, on top of Astro's and Pagefind's own peaks. A process that
 * exits returns all of it.
 */
import { checkContent, type ContentCheckOptions } from './content-check.ts';

process.once('message', (options: ContentCheckOptions) => {
  process.send!(checkContent(options), () => process.exit(0));
});
