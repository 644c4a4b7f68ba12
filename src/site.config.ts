/**
 * Site identity and settings: the one place to change them, and the one place that reads the
 * environment. astro.config.mjs passes `siteOptions()` to the newsroom integration, which
 * validates them (src/integration/options.ts) and hands the result to every page through
 * `src/config.ts`.
 *
 * Environment variables override some settings at build time, so the same repository deploys to a
 * custom domain (`SITE_URL=https://news.example.org`) or a project sub-path
 * (`SITE_URL=https://user.github.io BASE_PATH=/newsroom`), and tests build other content folders.
 */
import type { NewsroomOptions } from './integration/options.ts';

export const site = {
  title: 'The Mobility Desk',
  description: 'Reporting on the research behind autonomous, connected and electric vehicles, written in the open by its contributors.',
  url: 'https://mobility-desk.example.org',
  basePath: '/',
  language: 'en-GB',
  timeZone: 'Europe/London',
  repository: { url: 'https://github.com/mobility-desk/mobility-desk', branch: 'main' },
  publisher: { name: 'The Mobility Desk', url: 'https://mobility-desk.example.org', logo: '/logo.png' },
  correctionsEmail: 'corrections@mobility-desk.example.org',
  contentDir: 'content',
  pageSize: 10,
  homeSize: 4,
  feedSize: 20,
  sitemapEntryLimit: 50_000,
  socialImages: true,
  socialCardCount: 250,
  searchSliceSize: 500,
} satisfies NewsroomOptions;

/** Each environment variable and the option it sets. */
export const ENVIRONMENT = {
  SITE_URL: 'url',
  BASE_PATH: 'basePath',
  CONTENT_DIR: 'contentDir',
  PAGE_SIZE: 'pageSize',
  SITEMAP_ENTRY_LIMIT: 'sitemapEntryLimit',
  SOCIAL_IMAGES: 'socialImages',
  SOCIAL_CARD_COUNT: 'socialCardCount',
  SEARCH_SLICE_SIZE: 'searchSliceSize',
  SHOW_DRAFTS: 'drafts',
  CHECK_EXTERNAL_LINKS: 'externalLinks',
  BUILD_TIMINGS: 'timings',
  DEPLOY_TARGET: 'deployTarget',
} as const satisfies Record<string, keyof NewsroomOptions>;

const NUMBERS = new Set<string>(['pageSize', 'sitemapEntryLimit', 'socialCardCount', 'searchSliceSize']);
const SWITCHES = new Set<string>(['socialImages', 'drafts', 'externalLinks']);

/**
 * The options the environment sets. A value that is not what its option needs stops the build with
 * the variable's name; an empty variable counts as unset.
 */
export function fromEnvironment(env: Record<string, string | undefined>): Partial<NewsroomOptions> {
  const options: Record<string, unknown> = {};
  for (const [name, option] of Object.entries(ENVIRONMENT)) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    if (NUMBERS.has(option)) {
      const number = Number(value);
      if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(number)) throw new Error(`${name}: "${value}" must be a whole number.`);
      options[option] = number;
    } else if (SWITCHES.has(option)) {
      if (!/^(1|0|true|false)$/i.test(value)) throw new Error(`${name}: "${value}" must be 1 or 0 (true or false).`);
      options[option] = /^(1|true)$/i.test(value);
    } else {
      options[option] = value;
    }
  }
  return options;
}

/** The site's options with the environment's overrides. */
export function siteOptions(env: Record<string, string | undefined> = process.env): NewsroomOptions {
  return { ...site, ...fromEnvironment(env) };
}
