/**
 * The benchmark's articles as Astro's blog starter takes them (`src/content/blog/`, frontmatter
 * `title`, `description`, `pubDate`, `updatedDate`, `heroImage`), so that both sites build the
 * same texts: the same words, headings, lists, tables, links and hero images. The starter has no
 * MDX components of its own, so a pull quote and a callout become block quotes; it has no authors,
 * topics, corrections or drafts, so those are left out.
 */
import { parse } from 'yaml';
import type { Corpus, CorpusFile } from './corpus.ts';

const FRONTMATTER = /^---\n([\s\S]*?)\n---\n/;

/** One article's MDX for the starter. */
export function starterArticle(source: string): string {
  const match = FRONTMATTER.exec(source);
  if (!match) throw new Error('an article of the corpus has no frontmatter');
  const data = parse(match[1]!) as { title: string; description: string; published: string; updated?: string; image?: { src: string } };
  const frontmatter = [
    '---',
    `title: ${JSON.stringify(data.title)}`,
    `description: ${JSON.stringify(data.description)}`,
    `pubDate: ${data.published}`,
    ...(data.updated ? [`updatedDate: ${data.updated}`] : []),
    ...(data.image ? [`heroImage: ${JSON.stringify(data.image.src)}`] : []),
    '---',
  ].join('\n');
  const body = source
    .slice(match[0].length)
    .replace(/<PullQuote cite="([^"]*)">([\s\S]*?)<\/PullQuote>/g, '> $2\n>\n> — $1')
    .replace(/<Callout title="([^"]*)">([\s\S]*?)<\/Callout>/g, '> **$1** $2')
    .replace(/\]\(\/articles\//g, '](/blog/');
  return `${frontmatter}\n${body}`;
}

/** The corpus's articles and their images, at the paths the starter reads them from (below src/content/blog/). */
export function starterFiles(corpus: Corpus): CorpusFile[] {
  return corpus.files.flatMap((file) => {
    if (!file.path.startsWith('articles/')) return [];
    const path = file.path.slice('articles/'.length);
    return [file.text !== undefined && path.endsWith('.mdx') ? { path, text: starterArticle(file.text) } : { ...file, path }];
  });
}
