/**
 * The one-pass content check: every article, author, topic and page file is read and every
 * problem in every file is reported at once, with file, line, field path, message and hint.
 * Astro stops at the first bad entry with a garbled field path and only logs a missing reference;
 * this check runs before it (`npm run check:content`, and first in `npm run build`) with the same
 * schemas (`src/lib/schemas.ts`), plus what a schema cannot see: files and ids that do not exist,
 * duplicate slugs, impossible dates, unsafe MDX and links to articles that do not exist.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { isMap, isScalar, isSeq } from 'yaml';
import { REDIRECTS_FILE } from '../../src/lib/redirects.ts';
import { articleSchema, authorSchema, pageSchema, plainParts, redirectSchema, topicSchema } from '../../src/lib/schemas.ts';
import { findDanglingReferences, findReservedPageSlugs, type ContentProblem } from '../../src/lib/validate.ts';
import { listFiles } from './dist-files.ts';
import { lineAt, parseYaml, readFrontmatter, schemaProblems, yamlProblems, type YamlSource } from './frontmatter.ts';
import { checkMdxBody } from './mdx-body.ts';

export interface ContentCheckOptions {
  /** Absolute path of the content folder. */
  contentRoot: string;
  /** Folder that reported file paths are relative to. */
  projectRoot: string;
  timeZone: string;
}

/** Pages the site's own routes publish whatever the content: never an old address. */
const SITE_PAGES = ['/', '/archive/', '/authors/', '/topics/', '/search/', '/corrections/'];

// Where older articles imported the approved components from; such an import is accepted and ignored.
const COMPONENTS_DIR = resolve(import.meta.dirname, '../../src/components/mdx');

interface Entry {
  /** Path relative to the content folder. */
  file: string;
  /** Path as printed: relative to the project root. */
  path: string;
  source: string;
  frontmatter: YamlSource;
}

export function checkContent(options: ContentCheckOptions): ContentProblem[] {
  const { contentRoot, projectRoot, timeZone } = options;
  const rel = (file: string) => relative(projectRoot, join(contentRoot, file)).split(sep).join('/');
  const contentDir = relative(projectRoot, contentRoot).split(sep).join('/') || '.';
  const problems: ContentProblem[] = [];
  const files = existsSync(contentRoot) ? listFiles(contentRoot) : [];
  const parts = plainParts(timeZone);
  // Built once: a zod schema compiles itself on first use, which cost about 0.3 ms per article
  // when a fresh schema was built for each one.
  const schemas = { article: articleSchema(parts), author: authorSchema(parts) };

  /** Reads a Markdown/MDX file's frontmatter; a file that cannot be read becomes a problem. */
  const read = (file: string): Entry | undefined => {
    const path = rel(file);
    const source = readFileSync(join(contentRoot, file), 'utf8');
    const frontmatter = readFrontmatter(source);
    if (typeof frontmatter === 'string') {
      problems.push({
        file: path,
        line: 1,
        field: 'frontmatter',
        message: frontmatter,
        hint: 'start the file with ---, the fields, then --- on a line of its own',
      });
      return undefined;
    }
    const errors = yamlProblems(frontmatter, path);
    problems.push(...errors);
    return errors.length > 0 ? undefined : { file, path, source, frontmatter };
  };

  /** An image path in frontmatter must name a file beside the entry. */
  const checkImageFile = (entry: Entry, fieldPath: string[], field: string) => {
    const node = entry.frontmatter.doc.getIn(fieldPath, true);
    if (!isScalar(node) || typeof node.value !== 'string' || /^[a-z]+:/i.test(node.value)) return;
    const target = join(contentRoot, dirname(entry.file), node.value);
    if (!existsSync(target)) {
      problems.push({
        file: entry.path,
        line: lineAt(entry.frontmatter, fieldPath),
        field,
        message: `image file "${node.value}" not found (looked for ${relative(projectRoot, target).split(sep).join('/')})`,
        hint: 'the path is relative to the file; put the image beside it, e.g. articles/<slug>/index.mdx with ./photo.jpg',
      });
    }
  };

  // Topics: one YAML list.
  const topicIds = new Set<string>();
  const topicsFile = 'topics.yaml';
  if (!files.includes(topicsFile)) {
    problems.push({
      file: rel(topicsFile),
      field: 'file',
      message: 'the topic list is missing',
      hint: 'create it as a list of id, name and description entries',
    });
  } else {
    const topics = parseYaml(readFileSync(join(contentRoot, topicsFile), 'utf8'), 0);
    problems.push(...yamlProblems(topics, rel(topicsFile)));
    const items = topics.doc.contents;
    if (topics.doc.errors.length === 0 && !isSeq(items)) {
      problems.push({
        file: rel(topicsFile),
        line: 1,
        field: 'topics',
        message: 'expected a list of topics',
        hint: 'each entry starts with "- id: ..."',
      });
    } else if (isSeq(items)) {
      items.items.forEach((item, index) => {
        problems.push(...schemaProblems(topicSchema, isMap(item) ? item.toJSON() : item, topics, rel(topicsFile), [index]));
        const id = isMap(item) ? item.get('id') : undefined;
        if (typeof id !== 'string') return;
        if (topicIds.has(id)) {
          problems.push({
            file: rel(topicsFile),
            line: lineAt(topics, [index, 'id']),
            field: `[${index}].id`,
            message: `the topic id "${id}" is listed twice`,
            hint: 'remove or rename one of them',
          });
        }
        topicIds.add(id);
      });
    }
  }

  // Authors: one Markdown file each, the body is the bio.
  const authorFiles = files.filter((f) => f.startsWith('authors/') && /\.mdx?$/.test(f));
  const authorIds = new Set<string>();
  for (const file of authorFiles) {
    if (!/^authors\/[^/]+\.md$/.test(file)) {
      problems.push({
        file: rel(file),
        field: 'file name',
        message: `author profiles live at ${contentDir}/authors/<id>.md`,
        hint: 'move or rename this file',
      });
      continue;
    }
    authorIds.add(file.slice('authors/'.length, -'.md'.length));
    const entry = read(file);
    if (!entry) continue;
    problems.push(...schemaProblems(schemas.author, entry.frontmatter.doc.toJS(), entry.frontmatter, entry.path));
    checkImageFile(entry, ['avatar'], 'avatar');
  }

  // Articles: <slug>.mdx or <slug>/index.mdx.
  const articleFiles = files.filter((f) => f.startsWith('articles/') && /\.mdx?$/.test(f));
  const slugs = new Map<string, string>();
  const articles: (Omit<Entry, 'frontmatter'> & { slug: string })[] = [];
  const refs = [];
  for (const file of articleFiles) {
    const path = rel(file);
    const inner = file.slice('articles/'.length);
    const slug = /^([^/]+)\.mdx$/.exec(inner)?.[1] ?? /^([^/]+)\/index\.mdx$/.exec(inner)?.[1];
    if (!slug) {
      problems.push({
        file: path,
        field: 'file name',
        message: `articles live at ${contentDir}/articles/<slug>.mdx or <slug>/index.mdx`,
        hint: inner.endsWith('.md') ? 'rename the file to .mdx' : 'move this file',
      });
      continue;
    }
    const twin = slugs.get(slug);
    if (twin) {
      problems.push({
        file: path,
        field: 'file name',
        message: `the slug "${slug}" is already used by ${twin}`,
        hint: 'two files would publish at the same URL; rename one of them',
      });
    }
    slugs.set(slug, path);
    const entry = read(file);
    if (!entry) continue;
    // Checked as soon as it is read, so its parsed YAML can go: at 10,000 articles, keeping every
    // document until the end took the check's peak from about 650 MiB to about 1 GiB.
    const data = entry.frontmatter.doc.toJS() as Record<string, unknown> | null;
    problems.push(...schemaProblems(schemas.article, data, entry.frontmatter, entry.path));
    checkImageFile(entry, ['image', 'src'], 'image.src');
    const ids = (field: string) => {
      const value = data?.[field];
      return Array.isArray(value) ? value.map(String) : [];
    };
    refs.push({ id: slug, filePath: entry.path, source: entry.source, authors: ids('authors'), topics: ids('topics') });
    articles.push({ file, path, source: entry.source, slug });
  }
  problems.push(...findDanglingReferences(refs, authorIds, topicIds, contentDir));

  // Docs pages.
  const pageFiles = files.filter((f) => /^pages\/[^/]+\.mdx$/.test(f));
  const pages: (Entry & { slug: string })[] = [];
  for (const file of pageFiles) {
    const entry = read(file);
    if (!entry) continue;
    problems.push(...schemaProblems(pageSchema, entry.frontmatter.doc.toJS(), entry.frontmatter, entry.path));
    pages.push({ ...entry, slug: file.slice('pages/'.length, -'.mdx'.length) });
  }
  problems.push(...findReservedPageSlugs(pages.map((page) => ({ id: page.slug, filePath: page.path }))));

  // Redirects: old addresses must be free, new ones must exist.
  if (files.includes(REDIRECTS_FILE)) {
    const pagePaths = new Map<string, string>([
      ...SITE_PAGES.map((path): [string, string] => [path, 'the site itself']),
      ...[...slugs].map(([slug, path]): [string, string] => [`/articles/${slug}/`, path]),
      ...[...authorIds].map((id): [string, string] => [`/authors/${id}/`, rel(`authors/${id}.md`)]),
      ...[...topicIds].map((id): [string, string] => [`/topics/${id}/`, rel(topicsFile)]),
      ...pages.map((page): [string, string] => [`/${page.slug}/`, page.path]),
    ]);
    problems.push(
      ...checkRedirects(readFileSync(join(contentRoot, REDIRECTS_FILE), 'utf8'), rel(REDIRECTS_FILE), pagePaths, new Set(slugs.keys())),
    );
  }

  // Bodies, once every id is known.
  const known = { articles: new Set(slugs.keys()), authors: authorIds, topics: topicIds };
  for (const entry of [
    ...articles.map((a) => ({ ...a, pagePath: `/articles/${a.slug}/` })),
    ...pages.map((p) => ({ ...p, pagePath: `/${p.slug}/` })),
  ]) {
    problems.push(
      ...checkMdxBody(entry.source, {
        file: entry.path,
        absolutePath: join(contentRoot, entry.file),
        componentsDir: COMPONENTS_DIR,
        pagePath: entry.pagePath,
        known,
      }),
    );
  }

  return problems.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
}

/**
 * `redirects.yaml`: each entry by the schema, then what only the whole site shows: an old address
 * where something is still published (the redirect would hide it), the same address twice, a
 * redirect to an article that does not exist or to another old address.
 */
function checkRedirects(
  text: string,
  file: string,
  pagePaths: ReadonlyMap<string, string>,
  articleSlugs: ReadonlySet<string>,
): ContentProblem[] {
  const source = parseYaml(text, 0);
  const problems = yamlProblems(source, file);
  const items = source.doc.contents;
  if (problems.length > 0 || items === null) return problems;
  if (!isSeq(items)) {
    return [
      {
        file,
        line: 1,
        field: 'redirects',
        message: 'expected a list of redirects',
        hint: 'each entry starts with "- from: /old/path/" and has a "to:" line',
      },
    ];
  }
  const entries = items.items.map((item) => (isMap(item) ? item.toJSON() : item) as { from?: unknown; to?: unknown });
  const froms = new Set(entries.map((entry) => entry.from));
  const seen = new Set<unknown>();
  entries.forEach((entry, index) => {
    const schemaErrors = schemaProblems(redirectSchema, entry, source, file, [index]);
    problems.push(...schemaErrors);
    if (schemaErrors.length > 0) return;
    const from = String(entry.from);
    const to = String(entry.to);
    const at = (field: 'from' | 'to') => ({ file, line: lineAt(source, [index, field]), field: `[${index}].${field}` });
    const live = pagePaths.get(from);
    if (live) {
      problems.push({
        ...at('from'),
        message: `${from} is still published (by ${live}); a redirect there would hide it`,
        hint: 'remove this redirect, or remove or rename the page first',
      });
    }
    if (seen.has(from))
      problems.push({ ...at('from'), message: `${from} is redirected twice`, hint: 'keep one entry for each old address' });
    seen.add(from);
    const article = /^\/articles\/([^/]+)\/$/.exec(to)?.[1];
    if (froms.has(to)) {
      problems.push({
        ...at('to'),
        message: `${to} is itself redirected`,
        hint: 'point straight to the final address, so readers are not sent on twice',
      });
    } else if (article !== undefined && !articleSlugs.has(article)) {
      problems.push({
        ...at('to'),
        message: `there is no article "${article}" to redirect to`,
        hint: "point to the article's current address, /articles/<slug>/",
      });
    }
  });
  return problems;
}
