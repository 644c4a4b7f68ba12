/**
 * Validates a built site: `node scripts/check-links.ts [--dir dist] [--external]`. Links to other
 * sites are requested with `--external` or `CHECK_EXTERNAL_LINKS=1`, as in a build.
 * Exits 1 when any link, image, fragment, feed or sitemap URL is broken, or when the crawl saw
 * suspiciously few links. `astro build` runs the same check as its last step.
 */
import { parseArgs } from 'node:util';
import { checkLinks, formatReport, scanCacheFor } from '../src/integration/link-check.ts';
import { site } from './lib/site.ts';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: 'dist' },
    external: { type: 'boolean', default: false },
  },
});

const report = await checkLinks({
  dir: values.dir,
  siteUrl: site.url,
  basePath: site.basePath,
  external: values.external || site.externalLinks,
  projectRoot: site.root,
  scanCache: scanCacheFor(site.cacheDir, values.dir),
});
const failed = report.broken.length > 0 || report.problems.length > 0;
(failed ? console.error : console.log)(formatReport(report, values.dir));
// linkinator can keep handles open after a crawl: exit explicitly.
process.exit(failed ? 1 : 0);
