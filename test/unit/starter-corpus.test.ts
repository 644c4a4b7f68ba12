/**
 * The benchmark's articles for Astro's blog starter: the same text, in the starter's frontmatter,
 * with nothing the starter cannot compile.
 */
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../scripts/lib/corpus.ts';
import { starterArticle, starterFiles } from '../../scripts/lib/starter-corpus.ts';

const corpus = generateCorpus({ articles: 60, seed: 3, imageShare: 0.2 });
const files = starterFiles(corpus);
const frontmatterOf = (text: string) => parse(/^---\n([\s\S]*?)\n---\n/.exec(text)![1]!) as Record<string, unknown>;

describe('starterFiles', () => {
  it('keeps every article and hero image, under src/content/blog/ paths, and nothing else', () => {
    const articles = corpus.files.filter((file) => file.path.startsWith('articles/'));
    expect(files.map((file) => file.path)).toEqual(articles.map((file) => file.path.slice('articles/'.length)));
    expect(files.some((file) => file.image && file.path.endsWith('/photo.jpg'))).toBe(true);
  });

  it("writes the starter's frontmatter with the article's own values", () => {
    for (const article of corpus.articles) {
      const file = files.find((f) => f.path === `${article.slug}.mdx` || f.path === `${article.slug}/index.mdx`)!;
      const data = frontmatterOf(file.text!);
      expect(data.title).toBe(article.title);
      expect(typeof data.description).toBe('string');
      expect(new Date(data.pubDate as string).toISOString().slice(0, 10)).toBe(article.published.toISOString().slice(0, 10));
      expect(Object.keys(data).every((key) => ['title', 'description', 'pubDate', 'updatedDate', 'heroImage'].includes(key))).toBe(true);
      expect(data.heroImage).toBe(article.image ? './photo.jpg' : undefined);
    }
  });

  it('keeps the body, with quotes for the components and links into /blog/', () => {
    for (const file of files.filter((f) => f.text)) {
      expect(file.text).not.toMatch(/<[A-Z]/);
      expect(file.text).not.toContain('](/articles/');
    }
    const source =
      '---\ntitle: "T"\ndescription: "D."\npublished: 2020-01-01\n---\n\nText [a](/articles/b/#c).\n\n<PullQuote cite="Ann, analyst">Said so.</PullQuote>\n\n<Callout title="Note">Read it.</Callout>\n';
    expect(starterArticle(source)).toBe(
      '---\ntitle: "T"\ndescription: "D."\npubDate: 2020-01-01\n---\n\nText [a](/blog/b/#c).\n\n> Said so.\n>\n> — Ann, analyst\n\n> **Note** Read it.\n',
    );
  });
});
