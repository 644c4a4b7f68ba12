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
 * `astro build` and `astro dev` run it first, through the newsroom integration; `npm run
 * check:content` runs it alone.
 */
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { isMap, isSeq } from 'yaml';
import { compile, type Reference } from '../mdx/compile.ts';
import { REDIRECTS_FILE } from '../redirects.ts';
import { articleSchema, authorSchema, pageSchema, plainParts, topicSchema } from '../schemas.ts';
import { RESERVED_PAGE_SLUGS } from '../urls.ts';
import type { ContentProblem } from '../validate.ts';
import { listContentFiles, resolveEntryFile, type EntryFile } from './files.ts';
import { dataOf, distance, lineAt, parseYaml, readFrontmatter, schemaProblems, yamlProblems, type YamlSource } from './frontmatter.ts';
import { checkRedirects } from './redirects.ts';

export interface ContentCheckOptions {
  /** Absolute path of the content folder. */
  contentRoot: string;
  /** Folder that reported file paths are relative to. */
  projectRoot: string;
  timeZone: string;
}

/** What the whole folder holds, for the checks of one file. */
interface Site {
  contentRoot: string;
  display: (file: string) => string;
  ids: { articles: Set<string>; authors: Set<string>; topics: Set<string>; pages: Set<string> };
  problems: ContentProblem[];
}

export function checkContent(options: ContentCheckOptions): ContentProblem[] {
  const { contentRoot, projectRoot, timeZone } = options;
  const display = (file: string) => relative(projectRoot, join(contentRoot, file)).split(sep).join('/') || '.';
  const { entries, files, problems } = listContentFiles(contentRoot, display);
  const idsOf = (collection: EntryFile['collection']) => new Set(entries.filter((e) => e.collection === collection).map((e) => e.id));
  const site: Site = {
    contentRoot,
    display,
    ids: { articles: idsOf('articles'), authors: idsOf('authors'), topics: new Set(), pages: idsOf('pages') },
    problems,
  };
  checkTopics(site, files);
  // Built once: a zod schema compiles itself on its first use, so a fresh schema per file would be
  // compiled again for every file.
  const parts = plainParts(timeZone);
  const schemas = { articles: articleSchema(parts), authors: authorSchema(), pages: pageSchema };
  for (const entry of entries) checkEntry(site, entry, schemas[entry.collection]);
  checkReservedSlugs(site, entries);
  if (files.includes(REDIRECTS_FILE)) {
    problems.push(
      ...checkRedirects(readFileSync(join(contentRoot, REDIRECTS_FILE), 'utf8'), display(REDIRECTS_FILE), {
        articles: entries.filter((e) => e.collection === 'articles').map((e) => ({ id: e.id, file: display(e.file) })),
        authors: entries.filter((e) => e.collection === 'authors').map((e) => ({ id: e.id, file: display(e.file) })),
        pages: entries.filter((e) => e.collection === 'pages').map((e) => ({ id: e.id, file: display(e.file) })),
        topics: [...site.ids.topics].map((id) => ({ id, file: display('topics.yaml') })),
      }),
    );
  }
  return problems.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
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
  const topics = parseYaml(readFileSync(join(site.contentRoot, 'topics.yaml'), 'utf8'), 0);
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

/** One article, author or page: frontmatter, the files and ids it names, and its body. */
function checkEntry(site: Site, entry: EntryFile, schema: Parameters<typeof schemaProblems>[0]): void {
  const path = site.display(entry.file);
  let source: string;
  try {
    source = readFileSync(entry.path, 'utf8');
  } catch {
    site.problems.push({ file: path, field: 'file', message: 'the file cannot be read', hint: 'check its permissions' });
    return;
  }
  const frontmatter = readFrontmatter(source);
  if (typeof frontmatter === 'string') {
    site.problems.push({
      file: path,
      line: 1,
      field: 'frontmatter',
      message: frontmatter,
      hint: 'start the file with ---, the fields, then --- on a line of its own',
    });
  } else {
    checkFrontmatter(site, entry, frontmatter, schema);
  }
  const body = compile(source, { file: path, format: entry.collection === 'authors' ? 'md' : 'mdx', withBase: (url) => url });
  site.problems.push(...body.problems);
  for (const image of body.images) checkBodyImage(site, entry, image);
  for (const link of body.links) checkLink(site, entry, link);
}

function checkFrontmatter(site: Site, entry: EntryFile, frontmatter: YamlSource, schema: Parameters<typeof schemaProblems>[0]): void {
  const path = site.display(entry.file);
  const errors = yamlProblems(frontmatter, path);
  site.problems.push(...errors);
  if (errors.length > 0) return;
  const parsed = dataOf(frontmatter, path);
  if ('problem' in parsed) {
    site.problems.push(parsed.problem);
    return;
  }
  const { data } = parsed;
  site.problems.push(...schemaProblems(schema, data, frontmatter, path));
  const image = (fieldPath: string[], field: string) => {
    const value = fieldPath.reduce<unknown>(
      (node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined),
      data,
    );
    if (typeof value !== 'string' || value === '') return;
    const found = resolveEntryFile(site.contentRoot, entry.file, value, site.display);
    if ('problem' in found) {
      site.problems.push({ file: path, line: lineAt(frontmatter, fieldPath), field, message: found.problem, hint: found.hint });
    }
  };
  if (entry.collection === 'articles') {
    image(['image', 'src'], 'image.src');
    checkReferences(site, path, frontmatter, data, 'authors');
    checkReferences(site, path, frontmatter, data, 'topics');
  } else if (entry.collection === 'authors') {
    image(['avatar'], 'avatar');
  }
}

/** Every author and topic id an article names must exist. */
function checkReferences(
  site: Site,
  path: string,
  frontmatter: YamlSource,
  data: Record<string, unknown>,
  field: 'authors' | 'topics',
): void {
  const ids = data[field];
  if (!Array.isArray(ids)) return;
  const known = site.ids[field];
  ids.forEach((id: unknown, index) => {
    if (typeof id !== 'string' || known.has(id)) return;
    site.problems.push({
      file: path,
      line: lineAt(frontmatter, [field, index]),
      field: `${field}[${index}]`,
      message: `unknown ${field === 'authors' ? 'author' : 'topic'} "${id}" (known: ${[...known].sort().join(', ') || 'none'})`,
      hint:
        field === 'authors'
          ? `use one of the known ids, or add ${site.display(`authors/${id}.md`)} (npm run new:author)`
          : `use one of the known ids, or add "${id}" to ${site.display('topics.yaml')}`,
    });
  });
}

function checkBodyImage(site: Site, entry: EntryFile, image: Reference): void {
  const found = resolveEntryFile(site.contentRoot, entry.file, image.url, site.display);
  if ('problem' in found) {
    site.problems.push({
      file: site.display(entry.file),
      line: image.line,
      column: image.column,
      field: 'image',
      message: found.problem.replace(/ \(looked for .*\)$/, ''),
      hint: 'the path is relative to the article file',
    });
  }
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
