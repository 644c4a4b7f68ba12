/**
 * The newsroom integration's options: the site's identity, its content folder and the sizes that
 * keep every page bounded. Validated with zod, as Astro's own integrations validate theirs, so a
 * bad value stops the build with the option's name and what to write instead.
 */
import { createHash } from 'node:crypto';
import { isAbsolute, resolve } from 'node:path';
import { AstroError } from 'astro/errors';
import { z } from 'astro/zod';
import { normaliseBase, normaliseSiteUrl } from '../lib/urls.ts';
import { DEPLOY_TARGETS } from './host-limits.ts';

const wholeNumber = (min: number, max: number) =>
  z
    .number({ error: `a whole number from ${min} to ${max}` })
    .int({ error: `a whole number from ${min} to ${max}` })
    .min(min, { error: `at least ${min}` })
    .max(max, { error: `at most ${max}` });

const origin = z.string().transform((value, ctx) => {
  try {
    return normaliseSiteUrl(value, 'url');
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message.replace(/^url: /, '') : String(error) });
    return z.NEVER;
  }
});

const timeZone = z.string().refine(
  (zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  },
  { error: 'an IANA time zone such as Europe/London' },
);

export const optionsSchema = z
  .object({
    /** Site name, used in titles, the feed and the publisher byline. */
    title: z.string().min(1),
    /** One-sentence description for the home page, meta description and feed. */
    description: z.string().min(1),
    /** Origin the site is served from, no path: `https://news.example.org`. */
    url: origin,
    /** Path prefix when served from a sub-path, `/` otherwise. */
    basePath: z.string().default('/').transform(normaliseBase),
    /** BCP 47 language tag of the content: `<html lang>`, feed language, date formatting. */
    language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { error: 'a language tag such as en-GB' }),
    /** IANA time zone of the newsroom. Date-only frontmatter means that day in this zone. */
    timeZone,
    /** Where the source lives, for "Edit this page" and "Report an error" links. */
    repository: z.object({ url: z.url({ protocol: /^https$/ }), branch: z.string().min(1) }).strict(),
    /** The organisation that publishes the site; `logo` is a square PNG in `public/` (structured data). */
    publisher: z.object({ name: z.string().min(1), url: z.url({ protocol: /^https?$/ }), logo: z.string().startsWith('/') }).strict(),
    /** Address readers write to about errors. */
    correctionsEmail: z.email(),
    /** Folder holding articles, authors, topics and pages, relative to the project root. */
    contentDir: z.string().min(1).default('content'),
    /** Articles per page on the archive, author, topic and corrections lists. */
    pageSize: wholeNumber(1, 500).default(10),
    /**
     * The front page's top stories, from the newest articles: a lead (the newest of them with a
     * hero image, else the newest) and a second tier of the others, in rows of three on a wide
     * screen. Sections by topic follow (src/lib/front-page.ts).
     */
    homeSize: wholeNumber(1, 10).default(4),
    /** Newest articles in each feed (site, topic, author); older ones are on the lists each feed links to. */
    feedSize: wholeNumber(1, 500).default(20),
    /** URLs per sitemap file: 50,000 is the protocol's maximum. */
    sitemapEntryLimit: wholeNumber(1, 50_000).default(50_000),
    /**
     * Pages per slice of the search index, doubled while more than 16 slices would be needed
     * (./search-index.ts). Pagefind holds the index of a slice in memory (about 160 KiB a page)
     * while Astro's process still holds what the build left; the search page merges the slices,
     * with one more request per slice a search needs.
     */
    searchSliceSize: wholeNumber(1, 1_000_000).default(500),
    /** Draw an Open Graph card for each article without a hero image. */
    socialImages: z.boolean().default(true),
    /**
     * How many of the newest articles get a card with their own headline; older articles without a
     * hero image share their first topic's card. Drawing cards is a large part of a cold build's CPU.
     */
    socialCardCount: wholeNumber(0, 1_000_000).default(250),
    /**
     * A preview build: drafts and scheduled articles are included and marked, every page asks search
     * engines not to index it, and the output goes to `dist-preview/`. The dev server always shows them.
     */
    drafts: z.boolean().default(false),
    /** Also check links to other sites after the build (off by default: builds never depend on the network). */
    externalLinks: z.boolean().default(false),
    /** A file to write each build stage's wall time and peak memory to, as JSON (the benchmark reads it). */
    timings: z.string().min(1).optional(),
    /**
     * The host the output is for: the build fails when the output exceeds that host's limits on
     * files, file size or total size (./host-limits.ts), rather than the deploy failing later.
     */
    deployTarget: z.enum(DEPLOY_TARGETS).optional(),
  })
  .strict();

/** The options as written in astro.config.mjs. */
export type NewsroomOptions = z.input<typeof optionsSchema>;

/** The options after validation, with the folders resolved against the project root. */
export type ResolvedSite = z.output<typeof optionsSchema> & {
  /** The project root, absolute. */
  root: string;
  /** The content folder, absolute. */
  contentRoot: string;
  /** Build caches of this content folder (Astro's content store and images, social cards, link scans). */
  cacheDir: string;
  /** Whether drafts and scheduled articles are shown: a preview build, or the dev server. */
  showUnpublished: boolean;
};

/** Options only the build's own stages read: pages never see them (./virtual.ts says why). */
export const BUILD_ONLY = ['timings', 'externalLinks', 'searchSliceSize', 'deployTarget'] as const;

/** The options the site's pages see (src/config.ts): the build-only ones left out. */
export type SiteForPages = Omit<ResolvedSite, (typeof BUILD_ONLY)[number]>;

/**
 * One cache folder per content folder, so a build of another content tree (tests, benchmarks)
 * never reuses or clobbers the entries of this one. Inside node_modules, so `npm ci` starts clean.
 */
export function cacheDirFor(contentRoot: string, root: string): string {
  return resolve(root, 'node_modules/.astro', createHash('sha256').update(contentRoot).digest('hex').slice(0, 12)) + '/';
}

/** Options in plain words: `pageSize: at least 1 (got 0)`, one line per problem. */
function describeIssues(error: z.ZodError, input: unknown): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map(String).join('.') || 'options';
      const got = issue.path.reduce<unknown>((value, key) => (value as Record<PropertyKey, unknown> | undefined)?.[key], input);
      if (issue.code === 'unrecognized_keys') return `${path}: unknown option(s) ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
      return `${path}: ${issue.message}${got === undefined ? ' (missing)' : ` (got ${JSON.stringify(got)})`}`;
    })
    .join('\n');
}

/** Validates the options and resolves them for this project and command; throws an AstroError naming every bad option. */
export function resolveOptions(input: unknown, root: string, command: 'dev' | 'build' | 'preview' | 'sync' = 'build'): ResolvedSite {
  const result = optionsSchema.safeParse(input);
  if (!result.success) {
    throw new AstroError(
      `Invalid newsroom() options:\n${describeIssues(result.error, input)}`,
      'Fix them in src/site.config.ts (or the environment variable that set them; see the README).',
    );
  }
  const options = result.data;
  const contentRoot = isAbsolute(options.contentDir) ? options.contentDir : resolve(root, options.contentDir);
  return {
    ...options,
    root,
    contentRoot,
    cacheDir: cacheDirFor(contentRoot, root),
    showUnpublished: options.drafts || command === 'dev',
  };
}
