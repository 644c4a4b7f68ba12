/**
 * The content check: every article, author, topic, page and redirect file is read once and every
 * problem in every file is reported at once, with file, line, field path, message and hint.
 *
 * It is built from the pieces the site itself is built from, so it cannot approve what the site
 * would publish differently: the file listing and ids of ./files.ts (which the content loader
 * uses), the schemas of src/lib/schemas.ts (which Astro's collections use), and the compiler of
 * src/lib/mdx/compile.ts (which renders every body). What it adds is what only the whole folder
 * shows: references to ids and files that do not exist, and links to articles that do not exist.
 *
 * Two passes: what a file says on its own (`examine`: frontmatter, schema, body), which is kept
 * between runs for files whose text has not changed (./kept-results.ts), then what it says about
 * the rest of the folder (`crossCheck`), done every run.
 *
 * `astro build` and `astro dev` run it first, through the newsroom integration; `npm run
 * check:content` runs it alone.
 */
import { join } from 'node:path';
import { isMap, isSeq } from 'yaml';
import { examineBody, type Reference } from '../mdx/compile.ts';
import { REDIRECTS_FILE } from '../redirects.ts';
import { articleSchema, authorSchema, firstUnshowable, pageSchema, plainParts, topicSchema, valueAt } from '../schemas.ts';
import { RESERVED_PAGE_SLUGS } from '../urls.ts';
import type { ContentProblem } from '../validate.ts';
import { displayPaths, listContentFiles, pointAt, readUtf8, resolveEntryFile, type EntryFile } from './files.ts';
import {
  bodyStart,
  dataOf,
  distance,
  lineAt,
  parseYaml,
  readFrontmatter,
  schemaProblems,
  yamlProblems,
  type YamlSource,
} from './frontmatter.ts';
import { imageProblem } from './images.ts';
import { fileStamp, KeptResults } from './kept-results.ts';
import { checkRedirects } from './redirects.ts';

export interface ContentCheckOptions {
  /** Absolute path of the content folder. */
  contentRoot: string;
  /** Folder that reported file paths are relative to. */
  projectRoot: string;
  timeZone: string;
  /** A file to keep each entry's own results in between runs; none: examine every file. */
  keepResultsIn?: string | undefined;
  /** The date publication dates are compared with; the time of the run by default. */
  now?: Date | undefined;
}

/** What one entry says on its own, kept between runs while its text is unchanged. */
export interface EntryFacts {
  /** Problems of its frontmatter and body. */
  problems: ContentProblem[];
  /** Author and topic ids it names. */
  references: { field: 'authors' | 'topics'; index: number; id: string; line?: number | undefined }[];
  /** Files its frontmatter names (hero image, avatar). */
  files: { field: string; path: string; line?: number | undefined }[];
  /** Local images in its body. */
  images: Reference[];
  /** Links in its body to paths on the site. */
  links: Reference[];
  /** An article's publication date as written, checked against the date of each run. */
  published?: { value: string; line?: number | undefined };
  /** An author's display name, which no other author may share. */
  name?: { value: string; line?: number | undefined };
}

/** What the whole folder holds, for the checks of one file. */
interface Site {
  contentRoot: string;
  display: (file: string) => string;
  ids: { articles: Set<string>; authors: Set<string>; topics: Set<string>; pages: Set<string> };
  problems: ContentProblem[];
  now: Date;
  /** Author display names seen so far, folded for comparison, with the file that has each. */
  authorNames: Map<string, string>;
}

type Schema = Parameters<typeof schemaProblems>[0];

/** About 150,000 words: far beyond any article, and bounded work for the compiler and every page that lists it. */
export const MAX_FILE_BYTES = 2 ** 20;

export function checkContent(options: ContentCheckOptions): ContentProblem[] {
  const { contentRoot, projectRoot, timeZone } = options;
  const display = displayPaths(projectRoot, contentRoot);
  const { entries, files, problems } = listContentFiles(contentRoot, display);
  const idsOf = (collection: EntryFile['collection']) => new Set(entries.filter((e) => e.collection === collection).map((e) => e.id));
  const site: Site = {
    contentRoot,
    display,
    ids: { articles: idsOf('articles'), authors: idsOf('authors'), topics: new Set(), pages: idsOf('pages') },
    problems,
    now: options.now ?? new Date(),
    authorNames: new Map(),
  };
  checkTopics(site, files);
  // Built once: a zod schema compiles itself on its first use.
  const parts = plainParts(timeZone);
  const schemas = { articles: articleSchema(parts), authors: authorSchema(), pages: pageSchema };
  const kept = new KeptResults<EntryFacts>(options.keepResultsIn, `${timeZone}|${display('.')}`);
  const startedAt = Date.now();
  for (const entry of entries) {
    const stamp = fileStamp(entry.path, startedAt);
    const unchanged = kept.unchanged(entry.file, stamp);
    if (unchanged) {
      crossCheck(site, entry, unchanged);
      continue;
    }
    let read: ReturnType<typeof readUtf8>;
    try {
      read = readUtf8(entry.path);
    } catch {
      problems.push({ file: display(entry.file), field: 'file', message: 'the file cannot be read', hint: 'check its permissions' });
      continue;
    }
    if (!('text' in read)) {
      problems.push(notUtf8(display(entry.file), read));
      continue;
    }
    const source = read.text;
    const bytes = Buffer.byteLength(source);
    if (bytes > MAX_FILE_BYTES) {
      problems.push({
        file: display(entry.file),
        field: 'file',
        message: `the file is ${(bytes / 2 ** 20).toFixed(1)} MiB; a content file may be at most ${MAX_FILE_BYTES / 2 ** 20} MiB`,
        hint: 'split it into several articles; images and data go beside it as files of their own',
      });
      continue;
    }
    const unshowable = unshowableAt(source);
    if (unshowable) problems.push({ file: display(entry.file), field: 'character', ...unshowable });
    const facts = kept.get(
      entry.file,
      source,
      () => examine(entry, source, schemas[entry.collection], display(entry.file)),
      unshowable ? undefined : stamp,
    );
    crossCheck(site, entry, facts);
  }
  kept.save();
  checkReservedSlugs(site, entries);
  const redirects = files.includes(REDIRECTS_FILE) ? readUtf8(join(contentRoot, REDIRECTS_FILE)) : undefined;
  if (redirects && !('text' in redirects)) problems.push(notUtf8(display(REDIRECTS_FILE), redirects));
  else if (redirects) {
    const published = (collection: EntryFile['collection']) =>
      entries.filter((e) => e.collection === collection).map((e) => ({ id: e.id, file: display(e.file) }));
    problems.push(
      ...checkRedirects(redirects.text, display(REDIRECTS_FILE), {
        articles: published('articles'),
        authors: published('authors'),
        pages: published('pages'),
        topics: [...site.ids.topics].map((id) => ({ id, file: display('topics.yaml') })),
      }),
    );
  }
  return problems.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

/**
 * The first character the body of a content file must not hold (see UNSHOWABLE), with its line and
 * column. The frontmatter's values are held to the same rule by the schemas, escapes included.
 */
function unshowableAt(source: string): Omit<ContentProblem, 'file' | 'field'> | undefined {
  const start = bodyStart(source);
  const found = firstUnshowable(source.slice(start));
  if (!found) return undefined;
  return {
    ...pointAt(source, start + found.index),
    message: `the invisible character ${found.code} cannot be published: a feed holding it is not valid XML`,
    hint: 'delete it (it is often pasted from another program); your editor may show it as a box or not at all',
  };
}

function notUtf8(file: string, at: { line: number; column: number; byte: number }): ContentProblem {
  return {
    file,
    line: at.line,
    column: at.column,
    field: 'encoding',
    message: `byte 0x${at.byte.toString(16).toUpperCase().padStart(2, '0')} is not UTF-8 (the file looks saved as Windows-1252 or Latin-1)`,
    hint: 'save the file as UTF-8 (in most editors: Save with encoding, UTF-8)',
  };
}

/** `topics.yaml`: a list of id, name and description; the ids go into `site.ids.topics`. */
function checkTopics(site: Site, files: readonly string[]): void {
  const file = site.display('topics.yaml');
  if (!files.includes('topics.yaml')) {
    site.problems.push({
      file,
      field: 'file',
      message: 'the topic list is missing',
      hint: 'create it as a list of id, name and description entries',
    });
    return;
  }
  const read = readUtf8(join(site.contentRoot, 'topics.yaml'));
  if (!('text' in read)) {
    site.problems.push(notUtf8(file, read));
    return;
  }
  const topics = parseYaml(read.text, 0);
  site.problems.push(...yamlProblems(topics, file));
  const items = topics.doc.contents;
  if (topics.doc.errors.length > 0) return;
  if (!isSeq(items)) {
    site.problems.push({
      file,
      line: 1,
      field: 'topics',
      message: 'expected a list of topics',
      hint: 'each entry starts with "- id: ..."',
    });
    return;
  }
  items.items.forEach((item, index) => {
    site.problems.push(...schemaProblems(topicSchema, isMap(item) ? item.toJSON() : item, topics, file, [index]));
    const id = isMap(item) ? item.get('id') : undefined;
    if (typeof id !== 'string') return;
    if (site.ids.topics.has(id)) {
      site.problems.push({
        file,
        line: lineAt(topics, [index, 'id']),
        field: `[${index}].id`,
        message: `the topic id "${id}" is listed twice`,
        hint: 'remove or rename one of them',
      });
    }
    site.ids.topics.add(id);
  });
}

/** Pass 1, one file on its own: its frontmatter against the schema, its body through the compiler. */
export function examine(entry: EntryFile, source: string, schema: Schema, path: string): EntryFacts {
  const facts: EntryFacts = { problems: [], references: [], files: [], images: [], links: [] };
  const frontmatter = readFrontmatter(source);
  if (typeof frontmatter === 'string') {
    facts.problems.push({
      file: path,
      line: 1,
      field: 'frontmatter',
      message: frontmatter,
      hint: 'start the file with ---, the fields, then --- on a line of its own',
    });
  } else {
    examineFrontmatter(entry, frontmatter, schema, path, facts);
  }
  const body = examineBody(source, { file: path, format: entry.collection === 'authors' ? 'md' : 'mdx', withBase: (url) => url });
  facts.problems.push(...body.problems);
  facts.images = body.images;
  facts.links = body.links;
  return facts;
}

function examineFrontmatter(entry: EntryFile, frontmatter: YamlSource, schema: Schema, path: string, facts: EntryFacts): void {
  const errors = yamlProblems(frontmatter, path);
  facts.problems.push(...errors);
  if (errors.length > 0) return;
  const parsed = dataOf(frontmatter, path);
  if ('problem' in parsed) {
    facts.problems.push(parsed.problem);
    return;
  }
  const { data } = parsed;
  facts.problems.push(...schemaProblems(schema, data, frontmatter, path));
  const file = (fieldPath: string[], field: string) => {
    const value = valueAt(data, fieldPath);
    if (typeof value === 'string' && value !== '') facts.files.push({ field, path: value, line: lineAt(frontmatter, fieldPath) });
  };
  const text = (field: string) => {
    const value = data[field];
    return typeof value === 'string' ? { value, line: lineAt(frontmatter, [field]) } : undefined;
  };
  if (entry.collection === 'articles') {
    facts.published = text('published');
    file(['image', 'src'], 'image.src');
    for (const field of ['authors', 'topics'] as const) {
      const ids = data[field];
      if (!Array.isArray(ids)) continue;
      ids.forEach((id: unknown, index) => {
        if (typeof id === 'string') facts.references.push({ field, index, id, line: lineAt(frontmatter, [field, index]) });
      });
    }
  } else if (entry.collection === 'authors') {
    facts.name = text('name');
    file(['avatar'], 'avatar');
  }
}

/** Pass 2, what a file says about the rest of the folder: ids, files and pages that must exist. */
function crossCheck(site: Site, entry: EntryFile, facts: EntryFacts): void {
  const path = site.display(entry.file);
  site.problems.push(...facts.problems);
  site.problems.push(...referenceProblems(path, facts.references, site.ids, site.display));
  for (const file of facts.files) {
    const found = imageFile(site, entry, file.path);
    if ('problem' in found)
      site.problems.push({ file: path, line: file.line, field: file.field, message: found.problem, hint: found.hint });
  }
  for (const image of facts.images) {
    const found = imageFile(site, entry, image.url);
    if ('problem' in found) {
      site.problems.push({
        file: path,
        line: image.line,
        column: image.column,
        field: 'image',
        message: found.problem.replace(/ \(looked for .*\)$/, ''),
        hint: found.hint.startsWith('the path is relative') ? 'the path is relative to the article file' : found.hint,
      });
    }
  }
  for (const link of facts.links) checkLink(site, entry, link);
  if (facts.published) checkNotFarAhead(site, path, facts.published);
  if (facts.name) checkNameUnique(site, path, facts.name);
}

const YEAR_MS = 366 * 24 * 60 * 60 * 1000;

/** A date more than a year ahead is a typo far more often than a plan, and hides the article until then without a word. */
function checkNotFarAhead(site: Site, path: string, published: NonNullable<EntryFacts['published']>): void {
  const date = new Date(published.value);
  if (Number.isNaN(date.getTime()) || date.getTime() - site.now.getTime() <= YEAR_MS) return;
  site.problems.push({
    file: path,
    line: published.line,
    field: 'published',
    message: `${published.value} is more than a year ahead: the article would stay unpublished until then`,
    hint: 'check the year; to hold an article back until it is ready, set draft: true',
  });
}

/** Two authors with one name would give two bylines a reader cannot tell apart. */
function checkNameUnique(site: Site, path: string, name: NonNullable<EntryFacts['name']>): void {
  const folded = name.value.normalize('NFKC').toLocaleLowerCase('en').replace(/\s+/g, ' ').trim();
  const first = site.authorNames.get(folded);
  if (first === undefined) {
    site.authorNames.set(folded, path);
    return;
  }
  site.problems.push({
    file: path,
    line: name.line,
    field: 'name',
    message: `the name "${name.value}" is already used by ${first}`,
    hint: 'readers could not tell the two bylines apart: add a middle initial to one, or merge the profiles',
  });
}

/** An image an entry names: inside the content folder, a file, and an image the site can publish (./images.ts). */
function imageFile(site: Site, entry: EntryFile, written: string): { path: string } | { problem: string; hint: string } {
  const found = resolveEntryFile(site.contentRoot, entry.file, written, site.display);
  return 'problem' in found ? found : (imageProblem(found.path, written) ?? found);
}

/** Every author and topic id an article names must exist: a problem for each that does not. */
export function referenceProblems(
  path: string,
  references: EntryFacts['references'],
  known: { authors: ReadonlySet<string>; topics: ReadonlySet<string> },
  display: (file: string) => string,
): ContentProblem[] {
  return references
    .filter(({ field, id }) => !known[field].has(id))
    .map(({ field, index, id, line }) => ({
      file: path,
      line,
      field: `${field}[${index}]`,
      message: `unknown ${field === 'authors' ? 'author' : 'topic'} "${id}" (known: ${[...known[field]].sort().join(', ') || 'none'})`,
      hint:
        field === 'authors'
          ? `use one of the known ids, or add ${display(`authors/${id}.md`)} (npm run new:author)`
          : `use one of the known ids, or add "${id}" to ${display('topics.yaml')}`,
    }));
}

const PAGE_PATHS: Record<string, keyof Site['ids']> = { articles: 'articles', authors: 'authors', topics: 'topics' };

/** A link to `/articles/<id>/`, `/authors/<id>/` or `/topics/<id>/` must name one that exists. */
function checkLink(site: Site, entry: EntryFile, link: Reference): void {
  const pagePath =
    entry.collection === 'articles' ? `/articles/${entry.id}/` : entry.collection === 'pages' ? `/${entry.id}/` : '/authors/';
  let target: URL;
  try {
    target = new URL(link.url, `https://site.invalid${pagePath}`);
  } catch {
    return;
  }
  const [, collection, id] = /^\/(articles|authors|topics)\/([^/]+)\/?$/.exec(target.pathname) ?? [];
  if (!collection || !id) return;
  const known = site.ids[PAGE_PATHS[collection]!];
  let decoded = id;
  try {
    decoded = decodeURIComponent(id);
  } catch {
    // A malformed escape names no entry either; it is reported below as written.
  }
  if (known.has(decoded)) return;
  const near = [...known].map((candidate) => ({ candidate, d: distance(candidate, decoded) })).sort((a, b) => a.d - b.d)[0];
  site.problems.push({
    file: site.display(entry.file),
    line: link.line,
    column: link.column,
    field: 'link',
    message: `links to ${target.pathname}, but there is no ${collection.slice(0, -1)} "${decoded}"`,
    hint:
      near && near.d <= Math.max(3, decoded.length / 3)
        ? `did you mean /${collection}/${near.candidate}/?`
        : `the id is the file name in ${collection === 'topics' ? 'topics.yaml' : `${collection}/`}; check the spelling`,
  });
}

/** Docs pages live at `/<slug>/`: they must not take a path the site's own routes use. */
function checkReservedSlugs(site: Site, entries: readonly EntryFile[]): void {
  for (const entry of entries) {
    if (entry.collection !== 'pages' || !RESERVED_PAGE_SLUGS.includes(entry.id)) continue;
    site.problems.push({
      file: site.display(entry.file),
      field: 'file name',
      message: `"${entry.id}" is a reserved path (${RESERVED_PAGE_SLUGS.join(', ')})`,
      hint: 'rename the file: the site itself publishes pages at that path',
    });
  }
}
