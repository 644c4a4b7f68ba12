/**
 * Content collections. The frontmatter contract itself lives in `src/lib/schemas.ts`, shared with
 * the content check and the editor schemas; here it meets Astro's loaders, `image()` and
 * `reference()`. Articles, docs pages and authors are loaded by the site's own loader
 * (src/lib/mdx/loader.ts), which compiles every body with the one safe compiler.
 */
import { defineCollection, reference } from 'astro:content';
import { file } from 'astro/loaders';
import type { z } from 'astro/zod';
import type { ImageMetadata } from 'astro';
import { contentEntries, type EntriesLoaderOptions } from './lib/mdx/loader.ts';
import {
  articleSchema,
  authorSchema,
  contentDate,
  pageSchema,
  topicSchema,
  withEntryImages,
  type WithHeroImage,
  type WithImage,
} from './lib/schemas.ts';
import { paths, site } from './config.ts';

const loader = (collection: EntriesLoaderOptions['collection']) =>
  contentEntries({ collection, contentRoot: site.contentRoot, cacheDir: site.cacheDir, withBase: paths.withBase });

// Built once for every entry: only each entry's image() helper differs (see withEntryImages).
const article = articleSchema({ reference, date: () => contentDate(site.timeZone) });
const author = authorSchema();

const articles = defineCollection({
  loader: loader('articles'),
  schema: ({ image }) =>
    withEntryImages<typeof article, ReturnType<typeof image>, WithHeroImage<z.output<typeof article>, ImageMetadata>>(article, image, [
      ['image', 'src'],
    ]),
});

const authors = defineCollection({
  loader: loader('authors'),
  schema: ({ image }) =>
    withEntryImages<typeof author, ReturnType<typeof image>, WithImage<z.output<typeof author>, 'avatar', ImageMetadata>>(author, image, [
      ['avatar'],
    ]),
});

const topics = defineCollection({
  loader: file(`${site.contentRoot}/topics.yaml`),
  schema: topicSchema,
});

const pages = defineCollection({
  loader: loader('pages'),
  schema: pageSchema,
});

export const collections = { articles, authors, topics, pages };
