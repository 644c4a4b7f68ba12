/**
 * The site's options for the commands in scripts/, resolved as the newsroom integration resolves
 * them for a build: src/site.config.ts with the environment's overrides, validated, folders
 * resolved against the project root.
 */
import { resolve } from 'node:path';
import { resolveOptions } from '../../src/integration/options.ts';
import { makePaths } from '../../src/lib/urls.ts';
import { siteOptions } from '../../src/site.config.ts';

/** The project root: the folder above scripts/. */
export const projectRoot = resolve(import.meta.dirname, '../..');

export const site = resolveOptions(siteOptions(), projectRoot);

export const paths = makePaths(site.basePath);
