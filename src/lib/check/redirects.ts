/**
 * `redirects.yaml`: each entry by the schema, then what only the whole site shows: an old address
 * where something is still published (the redirect would hide it), the same address twice, a
 * redirect to an article that does not exist or to another old address.
 */
import { isMap, isSeq } from 'yaml';
import { redirectSchema } from '../schemas.ts';
import type { ContentProblem } from '../validate.ts';
import { lineAt, parseYaml, schemaProblems, yamlProblems } from './frontmatter.ts';

/** Pages the site's own routes publish whatever the content: never an old address. */
const SITE_PAGES = ['/', '/archive/', '/authors/', '/topics/', '/search/', '/corrections/'];

type Published = Record<'articles' | 'authors' | 'topics' | 'pages', readonly { id: string; file: string }[]>;

export function checkRedirects(text: string, file: string, published: Published): ContentProblem[] {
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
  const pagePaths = new Map<string, string>([
    ...SITE_PAGES.map((path): [string, string] => [path, 'the site itself']),
    ...published.articles.map(({ id, file }): [string, string] => [`/articles/${id}/`, file]),
    ...published.authors.map(({ id, file }): [string, string] => [`/authors/${id}/`, file]),
    ...published.topics.map(({ id, file }): [string, string] => [`/topics/${id}/`, file]),
    ...published.pages.map(({ id, file }): [string, string] => [`/${id}/`, file]),
  ]);
  const articleIds = new Set(published.articles.map(({ id }) => id));
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
    } else if (article !== undefined && !articleIds.has(article)) {
      problems.push({
        ...at('to'),
        message: `there is no article "${article}" to redirect to`,
        hint: "point to the article's current address, /articles/<slug>/",
      });
    }
  });
  return problems;
}
