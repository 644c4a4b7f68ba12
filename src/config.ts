/**
 * The site's settings as pages, layouts and the content config see them: the options the newsroom
 * integration validated (src/integration/options.ts), read from its virtual module, so nothing at
 * run time reads the environment or resolves a folder against the working directory.
 */
import resolved from 'virtual:newsroom/config';
import { makePaths } from './lib/urls.ts';

export const site = resolved;

/** Path builders bound to this site's base path. */
export const paths = makePaths(site.basePath);
