/**
 * The security corpus (test/fixtures/xss-vectors.ts) through a bare `astro build`, the command any
 * host or contributor runs:
 * - every vector the compiler refuses, and every hostile URL in frontmatter and redirects.yaml,
 *   stops the build with its file and line, and leaves no output;
 * - every vector it accepts, and markup in every frontmatter text field, builds into pages, feeds,
 *   JSON-LD and a search index that carry nothing that can run (test/inert.ts), with the text
 *   itself shown as text.
 */
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { XMLParser } from 'fast-xml-parser';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../src/lib/mdx/compile.ts';
import { listFiles } from '../../src/lib/output-dir.ts';
import { BIO_VECTORS, BODY_VECTORS, TEXT_VECTORS, URL_VECTORS } from '../fixtures/xss-vectors.ts';
import { makeContent, ROOT, runBuild, SITE_URL, TMP } from '../helpers.ts';
import { scriptVectors } from '../inert.ts';

const yaml = (value: string) => JSON.stringify(value);
const slugOf = (index: number) => `vector-${String(index).padStart(3, '0')}`;

function article(title: string, body: string, extra = ''): string {
  return `---\ntitle: ${yaml(title)}\ndescription: A vector of the security corpus.\npublished: 2020-01-01\nauthors: [wei-zhang]\ntopics: [research]\n${extra}---\n\n${body}\n`;
}

const refused = BODY_VECTORS.map((vector, index) => ({ ...vector, slug: slugOf(index) })).filter(
  (vector) => compile(vector.mdx, { file: 'x.mdx', format: 'mdx', withBase: (url) => url }).problems.length > 0,
);
const accepted = BODY_VECTORS.map((vector, index) => ({ ...vector, slug: slugOf(index) })).filter(
  (vector) => !refused.some((bad) => bad.slug === vector.slug),
);

describe('refused vectors through astro build', () => {
  const content = join(TMP, 'xss-refused-content');
  const out = join(TMP, 'xss-refused-dist');
  let build: { status: number | null; output: string };

  beforeAll(() => {
    makeContent(content);
    for (const vector of refused) writeFileSync(join(content, 'articles', `${vector.slug}.mdx`), article(vector.name, vector.mdx));
    writeFileSync(
      join(content, 'authors', 'vector-bio.md'),
      `---\nname: Bio Vectors\nrole: Writer\n---\n\n${BIO_VECTORS.map((vector) => vector.mdx).join('\n\n')}\n`,
    );
    writeFileSync(
      join(content, 'articles', 'vector-source-url.mdx'),
      article('Source URL', 'Text.', `source:\n  name: Wire\n  url: ${yaml(URL_VECTORS.sourceUrl)}\n`),
    );
    writeFileSync(
      join(content, 'authors', 'vector-link.md'),
      `---\nname: Link Vector\nrole: Writer\nlinks:\n  - label: Home\n    url: ${yaml(URL_VECTORS.authorLink)}\n---\n\nBio.\n`,
    );
    appendFileSync(join(content, 'redirects.yaml'), `- from: /articles/vector-old/\n  to: ${yaml(URL_VECTORS.redirectTo)}\n`);
    build = runBuild(content, out);
  });

  it('fails, and leaves no output', () => {
    expect(build.status).not.toBe(0);
    expect(existsSync(out)).toBe(false);
  });

  it('names the file and line of every refused body vector', () => {
    expect(refused.length).toBeGreaterThan(80);
    const missing = refused.filter((vector) => !new RegExp(`articles/${vector.slug}\\.mdx:\\d+`).test(build.output));
    expect(missing.map((vector) => vector.name)).toEqual([]);
  });

  it('names the line of every vector in an author bio', () => {
    for (const line of BIO_VECTORS.map((_vector, index) => 6 + 2 * index)) {
      expect(build.output).toMatch(new RegExp(`authors/vector-bio\\.md:${line}:\\d+ `));
    }
  });

  it('names the line of a hostile URL in frontmatter and in redirects.yaml', () => {
    expect(build.output).toMatch(/articles\/vector-source-url\.mdx:9 source\.url: "javascript:alert\(1\)" is a javascript: URL/);
    expect(build.output).toMatch(/authors\/vector-link\.md:6 links\[0\]\.url: "java\\tscript:alert\(1\)" contains a tab/);
    expect(build.output).toMatch(/redirects\.yaml:\d+ \[1\]\.to: .*contains a line break/);
  });

  it('never lets a line of the report start with a workflow command', () => {
    expect(build.output.split('\n').filter((line) => line.startsWith('::') || line.startsWith('/*'))).toEqual([]);
  });
});

describe('accepted vectors and frontmatter text through astro build', () => {
  const content = join(TMP, 'xss-accepted-content');
  const out = join(TMP, 'xss-accepted-dist');
  let build: { status: number | null; output: string };
  const read = (file: string) => readFileSync(join(out, file), 'utf8');

  beforeAll(() => {
    makeContent(content);
    for (const vector of accepted) writeFileSync(join(content, 'articles', `${vector.slug}.mdx`), article(vector.name, vector.mdx));
    const folder = join(content, 'articles', 'vector-fields');
    mkdirSync(folder);
    copyFileSync(join(ROOT, 'content/articles/alliance-innovation-lab-shanghai/shanghai-skyline.jpg'), join(folder, 'photo.jpg'));
    writeFileSync(
      join(folder, 'index.mdx'),
      `---\ntitle: ${yaml(TEXT_VECTORS.title)}\ndescription: ${yaml(TEXT_VECTORS.description)}\npublished: 2020-01-02\nauthors: [vector-author]\ntopics: [vector-topic]\n` +
        `image:\n  src: ./photo.jpg\n  alt: ${yaml(TEXT_VECTORS.alt)}\n  caption: ${yaml(TEXT_VECTORS.caption)}\n  credit: ${yaml(TEXT_VECTORS.credit)}\n` +
        `location: ${yaml(TEXT_VECTORS.location)}\nsource:\n  name: ${yaml(TEXT_VECTORS.sourceName)}\n  url: https://wire.example/story\n` +
        `corrections:\n  - date: 2020-01-03\n    text: ${yaml(TEXT_VECTORS.correction)}\n---\n\nThe body of the article with hostile fields.\n`,
    );
    writeFileSync(
      join(content, 'authors', 'vector-author.md'),
      `---\nname: ${yaml(TEXT_VECTORS.authorName)}\nrole: ${yaml(TEXT_VECTORS.authorRole)}\nlinks:\n  - label: ${yaml(TEXT_VECTORS.linkLabel)}\n    url: https://social.example/@vector\n---\n\nA bio.\n`,
    );
    appendFileSync(
      join(content, 'topics.yaml'),
      `- id: vector-topic\n  name: ${yaml(TEXT_VECTORS.topicName)}\n  description: ${yaml(TEXT_VECTORS.topicDescription)}\n`,
    );
    writeFileSync(
      join(content, 'pages', 'vector-page.mdx'),
      `---\ntitle: ${yaml(TEXT_VECTORS.pageTitle)}\ndescription: A page.\n---\n\nText.\n`,
    );
    build = runBuild(content, out);
  });

  it('builds, with every check passed', () => {
    expect(build.status, build.output).toBe(0);
    expect(accepted.filter((vector) => vector.text !== undefined).length).toBeGreaterThan(5);
  });

  it('gives no page anything that can run, and shows the markup as text', () => {
    // The search page runs the site's own search code; a moved address's page sends readers on
    // with a meta refresh, to the address redirects.yaml names (test/site/site.test.ts).
    const exempt = ['search/index.html', 'articles/renault-nissan-shanghai-lab/index.html'];
    const pages = listFiles(out).filter((file) => file.endsWith('.html') && !exempt.includes(file));
    expect(pages.length).toBeGreaterThan(30);
    const found = pages.flatMap((file) => scriptVectors(read(file), { page: true }).map((vector) => `${file}: ${vector}`));
    expect(found).toEqual([]);
    const { document } = parseHTML(read('articles/vector-fields/index.html'));
    expect(document.querySelector('h1')!.textContent).toBe(TEXT_VECTORS.title);
    expect(document.querySelector('main')!.textContent).toContain(TEXT_VECTORS.location);
    expect(document.querySelector('main')!.textContent).toContain(TEXT_VECTORS.correction);
    expect(document.querySelector('title')!.textContent).toContain(TEXT_VECTORS.title);
    expect(document.querySelector('meta[name="description"]')!.getAttribute('content')).toBe(TEXT_VECTORS.description);
    expect([...document.querySelectorAll('img')].map((image) => image.getAttribute('alt'))).toContain(TEXT_VECTORS.alt);
    for (const vector of accepted.filter((v) => v.text !== undefined)) {
      expect(parseHTML(read(`articles/${vector.slug}/index.html`)).document.querySelector('main')!.textContent, vector.name).toContain(
        vector.text,
      );
    }
    const topic = parseHTML(read('topics/vector-topic/index.html')).document;
    expect(topic.querySelector('h1')!.textContent).toContain(TEXT_VECTORS.topicName);
    expect(parseHTML(read('vector-page/index.html')).document.querySelector('h1')!.textContent).toBe(TEXT_VECTORS.pageTitle);
    expect(parseHTML(read('authors/vector-author/index.html')).document.querySelector('h1')!.textContent).toContain(
      TEXT_VECTORS.authorName,
    );
  });

  it('keeps JSON-LD one whole JSON value holding the exact text', () => {
    const { document } = parseHTML(read('articles/vector-fields/index.html'));
    const blocks = [...document.querySelectorAll('script[type="application/ld+json"]')].map((script) => JSON.parse(script.textContent!));
    const nodes = blocks.flatMap((block: { '@graph'?: unknown[] }) => block['@graph'] ?? [block]) as Record<string, unknown>[];
    const article = nodes.find((node) => node['@type'] === 'NewsArticle')!;
    expect(article.headline).toBe(TEXT_VECTORS.title);
    expect(article.description).toBe(TEXT_VECTORS.description);
  });

  const xml = new XMLParser({ ignoreAttributes: false, htmlEntities: true, processEntities: true });
  const feeds = ['', 'topics/vector-topic/', 'authors/vector-author/'];

  it('keeps every RSS feed well-formed, its text as text and its HTML inert', () => {
    for (const dir of feeds) {
      const items = [xml.parse(read(`${dir}rss.xml`)).rss.channel.item].flat() as Record<string, string>[];
      const item = items.find((entry) => entry.link === `${SITE_URL}/articles/vector-fields/`)!;
      expect(item.title, dir).toBe(TEXT_VECTORS.title);
      expect(item.description).toBe(TEXT_VECTORS.description);
      for (const entry of items) expect(scriptVectors(String(entry['content:encoded'] ?? '')), `${dir} ${entry.link}`).toEqual([]);
    }
  });

  it('keeps every Atom feed well-formed, its text as text and its HTML inert', () => {
    for (const dir of feeds) {
      const entries = [xml.parse(read(`${dir}atom.xml`)).feed.entry].flat() as Record<string, unknown>[];
      const text = (value: unknown) =>
        typeof value === 'object' && value ? String((value as Record<string, unknown>)['#text']) : String(value);
      const entry = entries.find((candidate) => text(candidate.title) === TEXT_VECTORS.title);
      expect(entry, dir).toBeDefined();
      for (const candidate of entries) expect(scriptVectors(text(candidate.content)), dir).toEqual([]);
    }
  });

  it('keeps every JSON Feed valid JSON, its text as text and its HTML inert', () => {
    for (const dir of feeds) {
      const feed = JSON.parse(read(`${dir}feed.json`)) as { items: { title: string; summary: string; content_html: string }[] };
      const item = feed.items.find((candidate) => candidate.title === TEXT_VECTORS.title)!;
      expect(item.summary, dir).toBe(TEXT_VECTORS.description);
      for (const candidate of feed.items) expect(scriptVectors(candidate.content_html), dir).toEqual([]);
    }
  });

  it('gives the search index the text as text, which the search page escapes before showing it', () => {
    const dir = join(out, 'pagefind', 'fragment');
    const fragments = readdirSync(dir).map(
      (file) =>
        JSON.parse(
          gunzipSync(readFileSync(join(dir, file)))
            .subarray(12)
            .toString(),
        ) as {
          url: string;
          content: string;
          meta: Record<string, string>;
        },
    );
    const fields = fragments.find((fragment) => fragment.url === '/articles/vector-fields/')!;
    expect(fields.meta.title).toBe(TEXT_VECTORS.title);
    expect(fields.content).toContain(TEXT_VECTORS.description);
    for (const vector of accepted.filter((v) => v.text !== undefined)) {
      expect(fragments.find((fragment) => fragment.url === `/articles/${vector.slug}/`)!.content, vector.name).toContain(vector.text);
    }
    // Pagefind's client turns < and > of the stored text into entities before it builds the
    // excerpts the page shows as HTML; if a Pagefind release stops doing so, this fails.
    expect(read('pagefind/pagefind.js')).toContain('.replace(/</g,"&lt;").replace(/>/g,"&gt;")');
  });
});
