/**
 * `npm run new:article` and `npm run new:author`: what they write and how they check it.
 *
 * The new file is checked with the same schemas and reference rules as the content check before it
 * is written, so a scaffolded file never starts life failing the build.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { parse } from 'yaml';
import { articleSchema, authorSchema, ID_PATTERN, plainParts } from '../../src/lib/schemas.ts';
import { formatProblems, type ContentProblem } from '../../src/lib/validate.ts';
import { displayPaths, type Collection } from '../../src/lib/check/files.ts';
import { examine, referenceProblems } from '../../src/lib/check/index.ts';

/** A URL slug from a title: lower-case ASCII words joined by hyphens, at most 80 characters. */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

/** A comma- or space-separated list as typed on a command line or at a prompt. */
export function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[\s,]+/)
    .map((item) => item.trim())
    .filter(Boolean);
}

/** JSON strings are valid double-quoted YAML scalars: every character is escaped safely. */
const quote = (text: string) => JSON.stringify(text);

export interface ArticleInput {
  title: string;
  description: string;
  authors: readonly string[];
  topics: readonly string[];
  /** `YYYY-MM-DD` in the site's time zone. */
  published: string;
}

export function articleSource(input: ArticleInput): string {
  return `---
title: ${quote(input.title)}
description: ${quote(input.description)}
published: ${input.published}
authors: [${input.authors.join(', ')}]
topics: [${input.topics.join(', ')}]
# A draft stays out of the published site. Preview it with \`npm run dev\`; delete this line when the
# article is ready for review.
draft: true
---

{/* The standfirst above is shown under the headline. Start with the news: who, what, where, when. */}

Write the first paragraph here.

## A section heading

Sections with \`##\` headings get entries in the table of contents on long articles.
`;
}

export interface AuthorInput {
  name: string;
  role: string;
}

export function authorSource(input: AuthorInput): string {
  return `---
name: ${quote(input.name)}
role: ${quote(input.role)}
---

${input.name} writes for the site. Replace this line with a short biography in the third person: what
you cover, where you are based, and what readers should know about your work.
`;
}

/** Author and topic ids that exist in a content folder. */
export function knownIds(contentRoot: string): { authors: Set<string>; topics: Set<string> } {
  const authorsDir = join(contentRoot, 'authors');
  const authors = new Set(
    existsSync(authorsDir)
      ? readdirSync(authorsDir)
          .filter((file) => file.endsWith('.md'))
          .map((file) => file.slice(0, -'.md'.length))
      : [],
  );
  const topicsFile = join(contentRoot, 'topics.yaml');
  const list: unknown = existsSync(topicsFile) ? parse(readFileSync(topicsFile, 'utf8')) : [];
  const topics = new Set(
    (Array.isArray(list) ? list : [])
      .map((topic: unknown) => (topic as { id?: unknown } | null)?.id)
      .filter((id): id is string => typeof id === 'string'),
  );
  return { authors, topics };
}

export interface Planned {
  /** Path of the new file, relative to the project root. */
  path: string;
  source: string;
  problems: ContentProblem[];
}

interface Where {
  contentRoot: string;
  projectRoot: string;
  timeZone: string;
}

const display = (projectRoot: string, file: string) => relative(projectRoot, file).split(sep).join('/');

/**
 * Problems of a file that is about to be written, found as the content check finds them: its
 * frontmatter against the schema, its body, and the author and topic ids it names.
 */
function checkSource(collection: Collection, id: string, file: string, source: string, where: Where) {
  const display = displayPaths(where.projectRoot, where.contentRoot);
  const path = display(relative(where.contentRoot, file));
  const schema = collection === 'articles' ? articleSchema(plainParts(where.timeZone)) : authorSchema();
  const facts = examine({ collection, id, file: relative(where.contentRoot, file), path: file }, source, schema, path);
  return [...facts.problems, ...referenceProblems(path, facts.references, knownIds(where.contentRoot), display)];
}

/** The article file to write for `input`, with every problem that would stop it from building. */
export function planArticle(input: ArticleInput, where: Where): Planned {
  const slug = slugify(input.title);
  const file = join(where.contentRoot, 'articles', `${slug}.mdx`);
  const path = display(where.projectRoot, file);
  const source = articleSource(input);
  const problems = checkSource('articles', slug, file, source, where);
  if (!slug && input.title.trim()) {
    problems.push({
      file: path,
      field: 'title',
      message: 'the title has no letters or digits to make a file name from',
      hint: 'use a title with words in it',
    });
  }
  for (const existing of [file, join(where.contentRoot, 'articles', slug, 'index.mdx')]) {
    if (slug && existsSync(existing)) {
      problems.push({
        file: path,
        field: 'file name',
        message: `${display(where.projectRoot, existing)} already exists; it was not overwritten`,
        hint: 'choose another title, or edit the existing article',
      });
    }
  }
  return { path, source, problems };
}

/** The author profile to write for `input` under `id` (by default made from the name). */
export function planAuthor(input: AuthorInput & { id?: string | undefined }, where: Where): Planned {
  const id = input.id ?? slugify(input.name);
  const file = join(where.contentRoot, 'authors', `${id}.md`);
  const path = display(where.projectRoot, file);
  const source = authorSource(input);
  const problems = checkSource('authors', id, file, source, where);
  if (!ID_PATTERN.test(id)) {
    problems.push({
      file: path,
      field: 'id',
      message: `"${id}" is not a usable author id`,
      hint: 'use lower-case words joined by hyphens, e.g. jane-doe (--id)',
    });
  }
  if (existsSync(file)) {
    problems.push({
      file: path,
      field: 'file name',
      message: `${path} already exists; it was not overwritten`,
      hint: 'choose another id with --id, or edit the existing profile',
    });
  }
  return { path, source, problems };
}

/** The answers, once every one is given; otherwise names the missing flags and exits 1. */
export function requireValues<K extends string>(command: string, values: Record<K, string | undefined>): Record<K, string> {
  const missing = Object.keys(values).filter((key) => !values[key as K]);
  if (missing.length > 0) {
    console.error(`${command}: no value for ${missing.map((key) => `--${key}`).join(', ')}. Give them as flags or answer the questions.`);
    process.exit(1);
  }
  return values as Record<K, string>;
}

/**
 * Writes a planned file and returns its id (the file name without extension), or prints every
 * problem and exits 1 without writing anything. Never overwrites, even a file that appeared since
 * the plan was made.
 */
export function writePlanned(plan: Planned): string {
  if (plan.problems.length > 0) {
    console.error(`Nothing was written: ${plan.problems.length} problem(s).\n\n${formatProblems(plan.problems)}`);
    process.exit(1);
  }
  const file = resolve(plan.path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, plan.source, { flag: 'wx' });
  return basename(file, extname(file));
}
