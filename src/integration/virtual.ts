/**
 * `virtual:newsroom/config`: the resolved options, handed to the site's code the way Astro's
 * integrations hand over their state (src/config.ts reads it), so nothing at run time reads the
 * environment or resolves a folder against the working directory.
 */
import type { Plugin } from 'vite';
import type { ResolvedSite } from './options.ts';

const MODULE = 'virtual:newsroom/config';
const RESOLVED = `\0${MODULE}`;

export function configModule(site: ResolvedSite): Plugin {
  return {
    name: 'newsroom:config',
    resolveId: (id) => (id === MODULE ? RESOLVED : undefined),
    load: (id) => (id === RESOLVED ? `export default ${JSON.stringify(site)};` : undefined),
  };
}
