/**
 * The frontmatter contract, written once. Astro's collections (`src/content.config.ts`), the
 * one-pass content check (`src/lib/check/index.ts`), the editor JSON Schemas and the
 * frontmatter reference in CONTRIBUTING.md are all made from these factories, so they cannot
 * drift apart.
 *
 * `reference()` comes in as an argument (the content check passes plain strings and checks ids
 * itself, with lines). Image fields are paths here; `withEntryImages` hands them to Astro's
 * per-entry `image()` helper after the rest of the entry has been checked.
 *
 * Every field carries a `.describe()` text: it is the field's documentation for contributors.
 * Field names are a public contract: rename nothing.
 */
import { z } from 'astro/zod';
import { parseContentDate } from './dates.ts';
import { refuseUrl, type UrlUse } from './url-policy.ts';

export const LIMITS = { title: 120, description: 260 } as const;

/** Generic so that each caller keeps the output types of its own parts (Astro's references). */
export interface SchemaParts<R extends z.ZodType = z.ZodType, D extends z.ZodType = z.ZodType> {
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
  return { reference: () => z.string(), date: () => contentDate(timeZone) } satisfies SchemaParts;
}

/** Parts for editor JSON Schemas: what a contributor types. */
export const jsonSchemaParts = {
  reference: () => z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  date: () =>
    z.string().regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/, {
      error: 'write the date as YYYY-MM-DD or a date-time with offset',
    }),
} satisfies SchemaParts;

/**
 * A URL field, held to the URL policy (src/lib/url-policy.ts); the policy's hint travels with the
 * issue so the content check can print it.
 */
const urlPolicy = (use: UrlUse) => (value: string, ctx: z.RefinementCtx) => {
  const refusal = refuseUrl(value, use);
  if (refusal) ctx.addIssue({ code: 'custom', message: refusal.message, params: { hint: refusal.hint } });
};
const url = (use: UrlUse) => z.string().superRefine(urlPolicy(use));

/**
 * A file beside the entry (a hero image, an avatar), as a path relative to the entry file. Where it
 * leads is checked with the entry's folder (src/lib/check/files.ts); here only its form.
 */
const localPath = () =>
  z.string().superRefine((value, ctx) => {
    const refusal = refuseUrl(value, 'media');
    if (refusal) ctx.addIssue({ code: 'custom', message: refusal.message, params: { hint: refusal.hint } });
    else if (value.startsWith('/') || value.split('/').includes('..')) {
      ctx.addIssue({
        code: 'custom',
        message: `"${value}" must be a file beside the entry`,
        params: { hint: 'put the file in the same folder and write ./name.jpg' },
      });
    }
  });

/**
 * Characters no text field may hold: control characters (a feed with one is not XML, and a page
 * shows nothing or a box), the two non-characters XML refuses, and halves of a UTF-16 pair.
 */
export const UNSHOWABLE =
  // eslint-disable-next-line no-control-regex -- these are the characters being refused
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The first character of `text` that UNSHOWABLE refuses: where it is, and its code point as `U+000B`. */
export function firstUnshowable(text: string): { index: number; code: string } | undefined {
  const found = UNSHOWABLE.exec(text);
  if (!found) return undefined;
  return { index: found.index, code: `U+${found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` };
}

/** Text a contributor writes: anything readable, nothing that breaks a feed or hides in a page. */
const text = () =>
  z.string().superRefine((value, ctx) => {
    const found = firstUnshowable(value);
    if (!found) return;
    ctx.addIssue({
      code: 'custom',
      message: `contains the invisible character ${found.code} at character ${found.index + 1}`,
      params: { hint: 'remove it: it cannot be shown on a page or carried in a feed (often pasted from another program)' },
    });
  });

const nonEmpty = (what: string) =>
  text()
    .trim()
    .min(1, { error: `${what} must not be empty` });

export function articleSchema<R extends z.ZodType, D extends z.ZodType>({ reference, date }: SchemaParts<R, D>) {
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
          src: localPath().describe('Image file, relative to the article file.'),
          alt: nonEmpty('image.alt').describe('Text alternative describing the image for readers who cannot see it.'),
          caption: text().optional().describe('Caption shown under the image.'),
          credit: text().optional().describe('Who made the image, e.g. "Photo: Jane Doe".'),
        })
        .strict()
        .optional()
        .describe('Hero image shown above the article body.'),
      location: text().optional().describe('Dateline, e.g. "Shanghai".'),
      source: z
        .object({
          name: nonEmpty('source.name').describe('Name of the original source.'),
          url: url('link').describe('Link to the original source: an https:// address.'),
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
    url: url('link').describe('Absolute URL of the profile or page (https://…, or mailto: for an address).'),
  })
  .strict();

export function authorSchema() {
  return z
    .object({
      name: nonEmpty('name').describe('Full name as shown in bylines.'),
      role: nonEmpty('role').describe('Job title, e.g. "Editor".'),
      avatar: localPath().optional().describe('Square portrait, relative to the profile file.'),
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
  .regex(/^\/[^\s?#]*$/, { error: 'write a path from the site root, such as /articles/old-slug/, without ? or #' })
  .superRefine(urlPolicy('redirect'))
  .refine((path) => !path.split('/').some((segment) => segment === '.' || segment === '..'), {
    error: 'write the path without . or .. segments',
  });

export const redirectSchema = z
  .object({
    from: sitePath
      .regex(/\/$/, { error: 'end the old address with /, as every page address on this site does' })
      .describe('The old address, from the site root: /articles/old-slug/. Nothing may still be published there.'),
    to: url('redirect')
      .refine((to) => to.startsWith('/') || /^https?:\/\//i.test(to), {
        error: 'write a path from the site root (/articles/new-slug/) or a full https:// address',
      })
      .refine((to) => !/^[^?#]*\/\.{1,2}(\/|$)/.test(to), { error: 'write the address without . or .. segments' })
      .describe('Where readers go instead: a path from the site root (/articles/new-slug/) or a full URL.'),
  })
  .strict();

/** An entry's data with the image path at `K` resolved by Astro's `image()` helper to `I`. */
export type WithImage<T, K extends keyof T, I> = Omit<T, K> & { [P in K]?: I };
/** An article's data with its hero image resolved to `I`. */
export type WithHeroImage<T extends { image?: { src: string } | undefined }, I> = Omit<T, 'image'> & {
  image?: Omit<NonNullable<T['image']>, 'src'> & { src: I };
};

/**
 * The collection schema Astro calls for each entry: the shared schema, built once (a zod schema
 * compiles itself on its first parse, so a schema built per entry would be compiled per entry),
 * followed by this entry's own `image()` helper on its image fields. Nothing is shared between
 * entries but the immutable schema.
 */
export function withEntryImages<S extends z.ZodType, I extends z.ZodType, Out>(
  schema: S,
  image: () => I,
  fields: readonly (readonly string[])[],
): z.ZodType<Out> {
  const helper = image();
  return schema.transform(async (data, ctx) => {
    let out = data as Record<string, unknown>;
    for (const path of fields) {
      const value = valueAt(out, path);
      if (value === undefined) continue;
      const result = await helper.safeParseAsync(value);
      if (result.success) {
        out = setIn(out, path, result.data);
      } else {
        for (const issue of result.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: [...path, ...issue.path] });
      }
    }
    return out as Out;
  }) as unknown as z.ZodType<Out>;
}

/** The value at `path` in parsed data, or `undefined` when any step of it is missing. */
export function valueAt(data: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>(
    (value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined),
    data,
  );
}

function setIn(data: Record<string, unknown>, path: readonly string[], value: unknown): Record<string, unknown> {
  const [key, ...rest] = path;
  if (key === undefined) return data;
  return { ...data, [key]: rest.length === 0 ? value : setIn(data[key] as Record<string, unknown>, rest, value) };
}
