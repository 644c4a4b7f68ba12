/**
 * The frontmatter contract, written once. Astro's collections (`src/content.config.ts`), the
 * one-pass content check (`scripts/lib/content-check.ts`), the editor JSON Schemas and the
 * frontmatter reference in CONTRIBUTING.md are all made from these factories, so they cannot
 * drift apart.
 *
 * The parts that only Astro can provide (its `image()` helper and `reference()`) come in as
 * arguments; the content check passes plain strings and checks files and ids itself, with lines.
 *
 * Every field carries a `.describe()` text: it is the field's documentation for contributors.
 * Field names are a public contract: rename nothing.
 */
import { z } from 'astro/zod';
import { parseContentDate } from './dates.ts';

export const LIMITS = { title: 120, description: 260 } as const;

/** Generic so that each caller keeps the output types of its own parts (Astro's images and references). */
export interface SchemaParts<I extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType, D extends z.ZodType = z.ZodType> {
  /** A path to an image file, relative to the entry file. */
  image: () => I;
  /** An id of an entry in another collection. */
  reference: (collection: 'authors' | 'topics') => R;
  /** A frontmatter date. */
  date: () => D;
}

/** A date in frontmatter: `2019-02-28` (that day in the site's time zone) or a date-time with offset. */
export function contentDate(timeZone: string) {
  return z.union([z.date(), z.string()]).transform((value, ctx) => {
    const parsed = parseContentDate(value, timeZone);
    if (typeof parsed === 'string') {
      ctx.addIssue({ code: 'custom', message: parsed });
      return z.NEVER;
    }
    return parsed;
  });
}

/** Parts for checking raw frontmatter outside Astro: files and ids are checked separately. */
export function plainParts(timeZone: string) {
  return { image: () => z.string(), reference: () => z.string(), date: () => contentDate(timeZone) } satisfies SchemaParts;
}

/** Parts for editor JSON Schemas: what a contributor types. */
export const jsonSchemaParts = {
  image: () => z.string(),
  reference: () => z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  date: () =>
    z.string().regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/, {
      error: 'write the date as YYYY-MM-DD or a date-time with offset',
    }),
} satisfies SchemaParts;

const nonEmpty = (what: string) =>
  z
    .string()
    .trim()
    .min(1, { error: `${what} must not be empty` });

export function articleSchema<I extends z.ZodType, R extends z.ZodType, D extends z.ZodType>({
  image,
  reference,
  date,
}: SchemaParts<I, R, D>) {
  return z
    .object({
      title: nonEmpty('title')
        .max(LIMITS.title, { error: `title must be at most ${LIMITS.title} characters` })
        .describe(`Headline, at most ${LIMITS.title} characters.`),
      description: nonEmpty('description')
        .max(LIMITS.description, { error: `description must be at most ${LIMITS.description} characters` })
        .describe(`Standfirst, at most ${LIMITS.description} characters. Also the meta description and feed summary.`),
      published: date().describe(
        'Publication date: 2019-02-28 (that day in the site time zone), or a date-time with offset. A future date schedules the article.',
      ),
      updated: date().optional().describe('Date of the last substantive update; not before published.'),
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
        .strict()
        .optional()
        .describe('Hero image shown above the article body.'),
      location: z.string().optional().describe('Dateline, e.g. "Shanghai".'),
      source: z
        .object({
          name: nonEmpty('source.name').describe('Name of the original source.'),
          url: z.url().describe('Link to the original source.'),
        })
        .strict()
        .optional()
        .describe('Original source: press release or first publisher.'),
      corrections: z
        .array(
          z
            .object({
              date: date().describe('Day the correction was made.'),
              text: nonEmpty('corrections.text').describe('What was wrong and what the article says now.'),
            })
            .strict(),
        )
        .optional()
        .describe('Corrections made after publication, oldest first; shown on the article and listed at /corrections/.'),
      draft: z.boolean().default(false).describe('true keeps the article out of production pages, feeds and the sitemap.'),
    })
    .strict()
    .superRefine((data, ctx) => {
      // Only comparable once the dates are Dates (the editor schema keeps them as strings).
      const {
        published,
        updated,
        corrections = [],
      } = data as {
        published: unknown;
        updated?: unknown;
        corrections?: { date: unknown }[];
      };
      if (!(published instanceof Date)) return;
      if (updated instanceof Date && updated < published) {
        ctx.addIssue({ code: 'custom', message: 'updated must not be before published', path: ['updated'] });
      }
      corrections.forEach((correction, index) => {
        if (correction.date instanceof Date && correction.date < published) {
          ctx.addIssue({ code: 'custom', message: 'a correction cannot be dated before published', path: ['corrections', index, 'date'] });
        }
      });
    });
}

const link = z
  .object({
    label: nonEmpty('label').describe('Link text, e.g. "Mastodon".'),
    url: z.url().describe('Absolute URL of the profile or page.'),
  })
  .strict();

export function authorSchema<I extends z.ZodType>({ image }: { image: () => I }) {
  return z
    .object({
      name: nonEmpty('name').describe('Full name as shown in bylines.'),
      role: nonEmpty('role').describe('Job title, e.g. "Editor".'),
      avatar: image().optional().describe('Square portrait, relative to the profile file.'),
      links: z.array(link).optional().describe('Profile links shown on the author page.'),
    })
    .strict();
}

export const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const topicSchema = z
  .object({
    id: z
      .string()
      .regex(ID_PATTERN, { error: 'id must be lower-case words joined by hyphens' })
      .describe('Topic id used in article frontmatter and the URL /topics/<id>/.'),
    name: nonEmpty('name').describe('Display name of the topic.'),
    description: nonEmpty('description').describe('One sentence shown on the topic page.'),
  })
  .strict();

export const pageSchema = z
  .object({
    title: nonEmpty('title').describe('Page title.'),
    description: nonEmpty('description').describe('Meta description.'),
    order: z.number().int().default(100).describe('Position in the navigation, lowest first.'),
  })
  .strict();

/** A root-relative site path, as it is written in links: `/articles/old-slug/`. */
const sitePath = z
  .string()
  .regex(/^\/[^\s?#]*$/, { error: 'write a path from the site root, such as /articles/old-slug/, without ? or #' });

export const redirectSchema = z
  .object({
    from: sitePath
      .regex(/\/$/, { error: 'end the old address with /, as every page address on this site does' })
      .describe('The old address, from the site root: /articles/old-slug/. Nothing may still be published there.'),
    to: z.union([sitePath, z.url()]).describe('Where readers go instead: a path from the site root (/articles/new-slug/) or a full URL.'),
  })
  .strict();

/**
 * A collection schema built once, for Astro's schema functions. Astro calls a collection's schema
 * function once per entry, with that entry's own `image()` helper, and parses the entry straight
 * away. Building the whole article schema for each entry cost about 0.55 ms (5.5 s of a cold
 * 10,000-article content sync; a zod schema compiles itself on its first parse), against
 * 0.01 ms to parse with a schema built once. Only the image part differs between entries, so the
 * schema is built once around a stand-in that hands each image value to the helper of the entry
 * being parsed. That is sound because a parse without asynchronous checks runs to completion
 * inside the call that starts it, before Astro asks for the next entry's schema.
 */
export function onceWithEntryImage<I extends z.ZodType, S extends z.ZodType>(
  build: (image: () => I) => S,
): (helpers: { image: () => I }) => S {
  let entryImage: (() => I) | undefined;
  const standIn = z.unknown().transform((value, ctx) => {
    const result = entryImage!().safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) ctx.addIssue({ ...issue, code: 'custom' });
    return z.NEVER;
  });
  // The stand-in returns what the entry's helper returns, so the schema's types are the helper's.
  const schema = build(() => standIn as unknown as I);
  return ({ image }) => {
    entryImage = image;
    return schema;
  };
}
