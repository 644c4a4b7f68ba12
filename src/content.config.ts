/**
 * Content collections. The frontmatter contract itself lives in `src/lib/schemas.ts`, shared with
 * the content check and the editor schemas; here it meets Astro's loaders, `image()` and
 * `reference()`.
 *
 * Astro only logs a reference to a missing author or topic; `src/lib/content.ts` turns those into
 * build failures that name the file and the id (and the content check catches them first).
 */
import { defineCollection, reference } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { mdxAsHtml } from './lib/mdx/loader.ts';
import { articleSchema, authorSchema, contentDate, onceWithEntryImage, pageSchema, topicSchema } from './lib/schemas.ts';
import { paths, site } from './site.config.ts';

const articles = defineCollection({
  loader: mdxAsHtml({ pattern: '**/*.mdx', base: `${site.contentRoot}/articles`, withBase: paths.withBase, cacheDir: site.cacheDir }),
  schema: onceWithEntryImage((image) => articleSchema({ image, reference, date: () => contentDate(site.timeZone) })),
});

const authors = defineCollection({
  loader: glob({ pattern: '*.md', base: `${site.contentRoot}/authors` }),
  schema: ({ image }) => authorSchema({ image }),
});

const topics = defineCollection({
  loader: file(`${site.contentRoot}/topics.yaml`),
  schema: topicSchema,
});

const pages = defineCollection({
  loader: mdxAsHtml({ pattern: '*.mdx', base: `${site.contentRoot}/pages`, withBase: paths.withBase, cacheDir: site.cacheDir }),
  schema: pageSchema,
});

export const collections = { articles, authors, topics, pages };
