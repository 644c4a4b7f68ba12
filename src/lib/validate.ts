/**
 * Cross-entry checks the collection schemas cannot express. Astro only logs a reference to a
 * missing author or topic and renders the page without it; these checks make it a build error.
 */
import { RESERVED_PAGE_SLUGS } from './urls.ts';

export interface ContentProblem {
  /** Source file relative to the project root. */
  file: string;
  /** 1-based line in the file, when it can be found. */
  line?: number | undefined;
  /** Field path, e.g. `authors[1]`. */
  field: string;
  message: string;
  /** What to do about it, in a contributor's words. */
  hint?: string | undefined;
}

export interface ArticleRefs {
  id: string;
  filePath: string;
  /** Raw file text, used to point at the line of a bad value. */
  source: string;
  authors: readonly string[];
  topics: readonly string[];
}

/** 1-based line of the first frontmatter line that mentions `value` after the `key:` line. */
export function frontmatterLine(source: string, key: string, value?: string): number | undefined {
  const lines = source.split(/\r?\n/);
  const end = lines.indexOf('---', 1);
  const limit = end === -1 ? lines.length : end;
  const keyIndex = lines.findIndex((line, i) => i < limit && new RegExp(`^${key}\\s*:`).test(line));
  if (keyIndex === -1) return undefined;
  if (value === undefined) return keyIndex + 1;
  for (let i = keyIndex; i < limit; i++) {
    if (i > keyIndex && /^\S/.test(lines[i] ?? '')) break; // the next top-level key
    if ((lines[i] ?? '').includes(value)) return i + 1;
  }
  return keyIndex + 1;
}

function list(ids: Iterable<string>): string {
  return [...ids].sort().join(', ') || 'none';
}

/** Every author and topic id an article names must exist. */
export function findDanglingReferences(
  articles: readonly ArticleRefs[],
  authorIds: ReadonlySet<string>,
  topicIds: ReadonlySet<string>,
  contentDir: string,
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const article of articles) {
    const check = (field: 'authors' | 'topics', ids: readonly string[], known: ReadonlySet<string>) => {
      ids.forEach((id, index) => {
        if (known.has(id)) return;
        const fix =
          field === 'authors'
            ? `use one of the known ids, or add ${contentDir}/authors/${id}.md (npm run new:author)`
            : `use one of the known ids, or add "${id}" to ${contentDir}/topics.yaml`;
        problems.push({
          file: article.filePath,
          line: frontmatterLine(article.source, field, id),
          field: `${field}[${index}]`,
          message: `unknown ${field === 'authors' ? 'author' : 'topic'} "${id}" (known: ${list(known)})`,
          hint: fix,
        });
      });
    };
    check('authors', article.authors, authorIds);
    check('topics', article.topics, topicIds);
  }
  return problems;
}

/** Docs pages live at `/<slug>/`: they must not take a path the site's own routes use. */
export function findReservedPageSlugs(pages: readonly { id: string; filePath: string }[]): ContentProblem[] {
  return pages
    .filter((page) => RESERVED_PAGE_SLUGS.includes(page.id))
    .map((page) => ({
      file: page.filePath,
      field: 'file name',
      message: `"${page.id}" is a reserved path (${RESERVED_PAGE_SLUGS.join(', ')})`,
      hint: 'rename the file: the site itself publishes pages at that path',
    }));
}

/**
 * `file:line field: message`, one problem per line (the form editors and terminals turn into links),
 * with the hint indented below it.
 */
export function formatProblems(problems: readonly ContentProblem[]): string {
  return problems
    .map((p) => `${p.file}${p.line ? `:${p.line}` : ''} ${p.field}: ${p.message}${p.hint ? `\n    hint: ${p.hint}` : ''}`)
    .join('\n');
}

/** GitHub Actions' escaping for workflow command values and properties. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * `::error file=…,line=…,title=…::message` workflow commands: in GitHub Actions each problem then
 * shows on the pull request's diff, at its line.
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions#setting-an-error-message
 */
export function formatAnnotations(problems: readonly ContentProblem[]): string {
  return problems
    .map((p) => {
      const properties = [`file=${escapeProperty(p.file)}`, ...(p.line ? [`line=${p.line}`] : []), `title=${escapeProperty(p.field)}`];
      return `::error ${properties.join(',')}::${escapeData(p.message + (p.hint ? `\n${p.hint}` : ''))}`;
    })
    .join('\n');
}
