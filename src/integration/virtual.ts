/**
 * `virtual:newsroom/config`: the resolved options, handed to the site's code the way Astro's
 * integrations hand over their state (src/config.ts reads it), so nothing at run time reads the
 * environment or resolves a folder against the working directory.
 *
 * Only what pages use goes in: the module is part of every page's code, and Astro's incremental
 * build renders every page again when that code changes, so a build-only setting (where timings
 * go, whether external links are checked, the search index's slices) must not change it.
 */
import type { Plugin } from 'vite';
import { BUILD_ONLY, type ResolvedSite, type SiteForPages } from './options.ts';

const MODULE = 'virtual:newsroom/config';
const RESOLVED = `\0${MODULE}`;

export function configModule(site: ResolvedSite): Plugin {
  const pages = Object.fromEntries(
    Object.entries(site).filter(([key]) => !(BUILD_ONLY as readonly string[]).includes(key)),
  ) as SiteForPages;
  return {
    name: 'newsroom:config',
    resolveId: (id) => (id === MODULE ? RESOLVED : undefined),
    load: (id) => (id === RESOLVED ? `export default ${JSON.stringify(pages)};` : undefined),
  };
}
