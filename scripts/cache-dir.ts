/**
 * `node scripts/cache-dir.ts`: prints the build cache folder of the content folder a build would
 * use (CONTENT_DIR or the site's default), for the deploy workflow to save and restore with the
 * output folder, so that a deploy after one edit is a warm build.
 */
import { site } from './lib/site.ts';

console.log(site.cacheDir);
