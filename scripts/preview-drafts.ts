/**
 * `npm run preview:drafts`: builds the preview with drafts and scheduled articles (`SHOW_DRAFTS=1`,
 * into dist-preview/) and serves it with Astro's preview server. Never deploy dist-preview/.
 */
import { astroSync } from './lib/astro.ts';

const env = { ...process.env, SHOW_DRAFTS: '1' };
const build = astroSync(['build'], { stdio: 'inherit', env });
if (build.status !== 0) process.exit(build.status ?? 1);
process.exit(astroSync(['preview'], { stdio: 'inherit', env }).status ?? 0);
