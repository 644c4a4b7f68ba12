/**
 * A check of the content files that runs before Astro, for the mistakes Astro reports badly or not
 * at all: a missing image file (Astro names neither the article nor the field), an impossible
 * date (YAML quietly turns 2019-02-30 into 2 March), a reference to a missing author or topic
 * (Astro only logs it), empty alt text (Astro gives no line), YAML syntax errors, misplaced files
 * and reserved page names. Every problem
 * in every file is reported at once, each with its file, line and field.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { parseContentDate } from '../../src/lib/dates.ts';
import { findDanglingReferences, findReservedPageSlugs, type ContentProblem } from '../../src/lib/validate.ts';
import { listFiles } from './dist-files.ts';

export interface ContentCheckOptions {
  /** Absolute path of the content folder. */
  contentRoot: string;
  /** Folder that reported file paths are relative to. */
  projectRoot: string;
  timeZone: string;
}

interface Frontmatter {
  doc: Document.Parsed;
  lines: LineCounter;
  /** Lines before the YAML starts (the opening `---`). */
  offset: number;
}

/** Parses the `---` block with `yaml`, keeping positions; YAML 1.2 leaves dates as strings. */
function readFrontmatter(source: string): Frontmatter | string {
  const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\s*(?:\r?\n|$)/.exec(source);
  if (!match) return 'the file must start with a frontmatter block between two --- lines';
  const lines = new LineCounter();
  const doc = parseDocument(match[1]!, { lineCounter: lines, prettyErrors: false });
  return { doc, lines, offset: 1 };
}

function lineOf(fm: Frontmatter, node: Node | null | undefined): number | undefined {
  const start = node?.range?.[0];
  return start === undefined ? undefined : fm.lines.linePos(start).line + fm.offset;
}

function get(fm: Frontmatter, path: (string | number)[]): Node | undefined {
  return fm.doc.getIn(path, true) as Node | undefined;
}

export function checkContent(options: ContentCheckOptions): ContentProblem[] {
  const { contentRoot, projectRoot, timeZone } = options;
  const rel = (file: string) => relative(projectRoot, join(contentRoot, file)).split(sep).join('/');
  const contentDir = relative(projectRoot, contentRoot).split(sep).join('/') || '.';
  const problems: ContentProblem[] = [];
  const files = existsSync(contentRoot) ? listFiles(contentRoot) : [];

  const authorIds = new Set(
    files.filter((f) => /^authors\/[^/]+\.md$/.test(f)).map((f) => f.slice('authors/'.length, -'.md'.length)),
  );
  const topicIds = new Set<string>();
  const topicsFile = 'topics.yaml';
  if (!files.includes(topicsFile)) {
    problems.push({ file: rel(topicsFile), field: 'file', message: 'the topic list is missing; create it with id, name and description entries' });
  } else {
    const lines = new LineCounter();
    const doc = parseDocument(readFileSync(join(contentRoot, topicsFile), 'utf8'), { lineCounter: lines });
    for (const error of doc.errors) {
      problems.push({ file: rel(topicsFile), line: error.linePos?.[0].line, field: 'YAML', message: error.message.split('\n')[0]! });
    }
    const items = doc.contents;
    if (isSeq(items)) {
      for (const item of items.items) {
        const id = isMap(item) ? item.get('id') : undefined;
        if (typeof id === 'string') topicIds.add(id);
      }
    }
  }

  const articleFiles = files.filter((f) => f.startsWith('articles/') && f.endsWith('.mdx'));
  const slugs = new Map<string, string>();
  const refs = [];
  for (const file of articleFiles) {
    const path = rel(file);
    const inner = file.slice('articles/'.length);
    const slug = /^([^/]+)\.mdx$/.exec(inner)?.[1] ?? /^([^/]+)\/index\.mdx$/.exec(inner)?.[1];
    if (!slug) {
      problems.push({ file: path, field: 'file name', message: `articles live at ${contentDir}/articles/<slug>.mdx or <slug>/index.mdx; move this file` });
      continue;
    }
    const twin = slugs.get(slug);
    if (twin) {
      problems.push({ file: path, field: 'file name', message: `the slug "${slug}" is already used by ${twin}; rename one of them` });
    }
    slugs.set(slug, path);

    const source = readFileSync(join(contentRoot, file), 'utf8');
    const fm = readFrontmatter(source);
    if (typeof fm === 'string') {
      problems.push({ file: path, line: 1, field: 'frontmatter', message: fm });
      continue;
    }
    if (fm.doc.errors.length > 0) {
      for (const error of fm.doc.errors) {
        const line = error.linePos?.[0].line;
        problems.push({ file: path, line: line === undefined ? undefined : line + fm.offset, field: 'YAML', message: error.message.split('\n')[0]! });
      }
      continue;
    }

    for (const field of ['published', 'updated']) {
      const node = get(fm, [field]);
      if (!node) continue;
      const value = isScalar(node) ? node.value : undefined;
      const parsed = parseContentDate(typeof value === 'string' ? value : undefined, timeZone);
      if (typeof parsed === 'string') {
        problems.push({ file: path, line: lineOf(fm, node), field, message: `${parsed}; write the date as YYYY-MM-DD` });
      }
    }

    const src = get(fm, ['image', 'src']);
    if (src && isScalar(src) && typeof src.value === 'string' && !/^[a-z]+:/i.test(src.value)) {
      const target = join(contentRoot, dirname(file), src.value);
      if (!existsSync(target)) {
        problems.push({
          file: path,
          line: lineOf(fm, src),
          field: 'image.src',
          message: `image file "${src.value}" not found (looked for ${relative(projectRoot, target)}); the path is relative to the article file`,
        });
      }
    }

    const image = get(fm, ['image']);
    if (image) {
      const alt = get(fm, ['image', 'alt']);
      const text = alt && isScalar(alt) && typeof alt.value === 'string' ? alt.value.trim() : '';
      if (!text) {
        problems.push({
          file: path,
          line: lineOf(fm, alt ?? image),
          field: 'image.alt',
          message: 'alt text is required: describe what the image shows for readers who cannot see it',
        });
      }
    }

    const ids = (field: string) => {
      const node = get(fm, [field]);
      return isSeq(node) ? node.items.map((item) => (isScalar(item) ? String(item.value) : '')) : [];
    };
    refs.push({ id: slug, filePath: path, source, authors: ids('authors'), topics: ids('topics') });
  }
  problems.push(...findDanglingReferences(refs, authorIds, topicIds, contentDir));

  const pages = files
    .filter((f) => /^pages\/[^/]+\.mdx$/.test(f))
    .map((f) => ({ id: f.slice('pages/'.length, -'.mdx'.length), filePath: rel(f) }));
  problems.push(...findReservedPageSlugs(pages));
  return problems;
}
