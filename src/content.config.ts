/**
 * Content collections: the frontmatter contract contributors write against.
 *
 * Every field carries a `.describe()` text: it is the field's documentation, shown in schema
 * errors and editor tooling. Field names are a public contract (see the README): rename nothing.
 *
 * Astro only logs a reference to a missing author or topic; `src/lib/content.ts` turns those into
 * build failures that name the file and the id.
 */
import { defineCollection, reference } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { parseContentDate } from './lib/dates.ts';
import { site } from './site.config.ts';

/** A date in frontmatter: `2019-02-28` (that day in the site's time zone) or a date-time with offset. */
const contentDate = z.union([z.date(), z.string()]).transform((value, ctx) => {
  const parsed = parseContentDate(value, site.timeZone);
  if (typeof parsed === 'string') {
    ctx.addIssue({ code: 'custom', message: parsed });
    return z.NEVER;
  }
  return parsed;
});

const nonEmpty = (what: string) => z.string().trim().min(1, { error: `${what} must not be empty` });

const link = z.object({
  label: nonEmpty('label').describe('Link text, e.g. "Mastodon".'),
  url: z.url().describe('Absolute URL of the profile or page.'),
});

const articles = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: `${site.contentRoot}/articles` }),
  schema: ({ image }) =>
    z
      .object({
        title: nonEmpty('title')
          .max(120, { error: 'title must be at most 120 characters' })
          .describe('Headline, at most 120 characters.'),
        description: nonEmpty('description')
          .max(260, { error: 'description must be at most 260 characters' })
          .describe('Standfirst, at most 260 characters. Also the meta description and feed summary.'),
        published: contentDate.describe('Publication date: 2019-02-28, or a date-time with offset.'),
        updated: contentDate.optional().describe('Date of the last substantive update; not before published.'),
        authors: z
          .array(reference('authors'))
          .min(1, { error: 'authors needs at least one author id' })
          .describe('Author ids: file names in content/authors/ without extension.'),
        topics: z
          .array(reference('topics'))
          .min(1, { error: 'topics needs at least one topic id' })
          .describe('Topic ids from content/topics.yaml.'),
        image: z
          .object({
            src: image().describe('Image file, relative to the article file.'),
            alt: nonEmpty('image.alt').describe('Text alternative describing the image for readers who cannot see it.'),
            caption: z.string().optional().describe('Caption shown under the image.'),
            credit: z.string().optional().describe('Who made the image, e.g. "Photo: Jane Doe".'),
          })
          .optional()
          .describe('Hero image shown above the article body.'),
        location: z.string().optional().describe('Dateline, e.g. "Shanghai".'),
        source: z
          .object({
            name: nonEmpty('source.name').describe('Name of the original source.'),
            url: z.url().describe('Link to the original source.'),
          })
          .optional()
          .describe('Original source: press release or first publisher.'),
        draft: z.boolean().default(false).describe('Drafts never reach production pages, feeds or the sitemap.'),
      })
      .strict()
      .refine((data) => !data.updated || data.updated >= data.published, {
        error: 'updated must not be before published',
        path: ['updated'],
      }),
});

const authors = defineCollection({
  loader: glob({ pattern: '*.md', base: `${site.contentRoot}/authors` }),
  schema: ({ image }) =>
    z
      .object({
        name: nonEmpty('name').describe('Full name as shown in bylines.'),
        role: nonEmpty('role').describe('Job title, e.g. "Editor".'),
        avatar: image().optional().describe('Square portrait, relative to the profile file.'),
        links: z.array(link).optional().describe('Profile links shown on the author page.'),
      })
      .strict(),
});

const topics = defineCollection({
  loader: file(`${site.contentRoot}/topics.yaml`),
  schema: z
    .object({
      id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'id must be lower-case words joined by hyphens' }),
      name: nonEmpty('name').describe('Display name of the topic.'),
      description: nonEmpty('description').describe('One sentence shown on the topic page.'),
    })
    .strict(),
});

const pages = defineCollection({
  loader: glob({ pattern: '*.mdx', base: `${site.contentRoot}/pages` }),
  schema: z
    .object({
      title: nonEmpty('title').describe('Page title.'),
      description: nonEmpty('description').describe('Meta description.'),
      order: z.number().int().default(100).describe('Position in the navigation, lowest first.'),
    })
    .strict(),
});

export const collections = { articles, authors, topics, pages };
