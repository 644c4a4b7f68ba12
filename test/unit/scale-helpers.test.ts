import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { generateCorpus } from '../../scripts/lib/corpus.ts';
import { fileFromSet } from '../../src/integration/dist-files.ts';
import { CardTime } from '../../scripts/lib/card-time.ts';
import { cacheKey, digestOf } from '../../src/lib/cache-key.ts';

describe('cacheKey and digestOf', () => {
  it('give the same key for the same values and another for any change', () => {
    expect(cacheKey('a', [1, 2], { b: true })).toBe(cacheKey('a', [1, 2], { b: true }));
    expect(cacheKey('a', [1, 2])).not.toBe(cacheKey('a', [2, 1]));
    expect(cacheKey('a', 'b')).not.toBe(cacheKey('ab'));
  });

  it("follow the loader's digest, and the data when there is none", () => {
    expect(digestOf({ id: 'x', data: { title: 'A' }, digest: 'abc' })).not.toBe(digestOf({ id: 'x', data: { title: 'A' }, digest: 'abd' }));
    expect(digestOf({ id: 'x', data: { title: 'A' } })).not.toBe(digestOf({ id: 'x', data: { title: 'B' } }));
  });

  it('change when an image is replaced under the same name', async () => {
    // A hero image or avatar as Astro resolves it: its URL carries a hash of the file.
    const hero = (src: string) => ({ id: 'x', digest: 'abc', data: { image: { src: { src, width: 800, height: 450 } } } });
    expect(digestOf(hero('/_astro/photo.AAAA.jpg'))).not.toBe(digestOf(hero('/_astro/photo.BBBB.jpg')));
    // An image in the body is named by its path only: the file's bytes count.
    const dir = mkdtempSync(join(tmpdir(), 'digest-'));
    writeFileSync(join(dir, 'index.mdx'), '![A chart](./chart.png)');
    const body = () => ({
      id: 'x',
      digest: 'abc',
      data: {},
      filePath: join(dir, 'index.mdx'),
      rendered: { metadata: { imagePaths: ['./chart.png'] } },
    });
    writeFileSync(join(dir, 'chart.png'), 'first');
    const before = digestOf(body());
    writeFileSync(join(dir, 'chart.png'), 'second');
    // Files are read once per build: a new build (a new process) sees the new bytes.
    vi.resetModules();
    const fresh = await import('../../src/lib/cache-key.ts');
    expect(fresh.digestOf(body())).not.toBe(before);
    rmSync(dir, { recursive: true });
  });

  it("change with the MDX renderer's version, so pages re-render when rendering changes and the file does not", () => {
    const entry = (renderer: string) => ({ id: 'x', data: {}, digest: 'abc', rendered: { metadata: { renderer } } });
    expect(digestOf(entry('v1'))).toBe(digestOf(entry('v1')));
    expect(digestOf(entry('v1'))).not.toBe(digestOf(entry('v2')));
    expect(digestOf(entry('v1'))).not.toBe('abc');
  });
});

describe('fileFromSet', () => {
  const files = new Set(['index.html', 'a/index.html', 'b.html', 'rss.xml', 'news/index.html']);

  it('serves a URL path the way a static host does', () => {
    expect(fileFromSet(files, '/', '/')).toBe('index.html');
    expect(fileFromSet(files, '/a/', '/')).toBe('a/index.html');
    expect(fileFromSet(files, '/a', '/')).toBe('a/index.html');
    expect(fileFromSet(files, '/b', '/')).toBe('b.html');
    expect(fileFromSet(files, '/rss.xml', '/')).toBe('rss.xml');
    expect(fileFromSet(files, '/missing/', '/')).toBeUndefined();
  });

  it('strips the base path and refuses paths outside it', () => {
    expect(fileFromSet(files, '/sub/a/', '/sub/')).toBe('a/index.html');
    expect(fileFromSet(files, '/sub', '/sub/')).toBe('index.html');
    expect(fileFromSet(files, '/a/', '/sub/')).toBeUndefined();
    expect(fileFromSet(files, '/%E0%A4%A', '/')).toBeUndefined();
  });
});

describe('CardTime', () => {
  it("reads the card workers' summary line from a coloured build log", () => {
    const time = new CardTime();
    time.add('\x1b[2m12:00:00\x1b[22m [social cards] drew 971 cards on 2 worker thread(s) in 13.1 s');
    time.add('12:00:01   ├─ /og/x.png (+3ms)');
    expect(time.summary()).toEqual({ cards: 971, ms: 13_100 });
  });
});

describe('generateCorpus', () => {
  it('is deterministic for a seed and different for another', () => {
    const a = generateCorpus({ articles: 50, seed: 5 });
    expect(generateCorpus({ articles: 50, seed: 5 })).toEqual(a);
    expect(generateCorpus({ articles: 50, seed: 6 }).files).not.toEqual(a.files);
  });

  it('links only to published articles and to headings they have', () => {
    const corpus = generateCorpus({ articles: 120, seed: 2, drafts: 3, scheduled: 2 });
    const bySlug = new Map(corpus.articles.map((a) => [a.slug, a]));
    const texts = corpus.files.filter((f) => f.path.startsWith('articles/') && f.text);
    expect(texts).toHaveLength(120);
    let links = 0;
    let fragments = 0;
    for (const file of texts) {
      for (const [, slug, fragment] of file.text!.matchAll(/\]\(\/articles\/([^/]+)\/(?:#([\w-]+))?\)/g)) {
        const target = bySlug.get(slug!);
        expect(target?.status, `${file.path} → ${slug}`).toBe('published');
        links++;
        if (fragment === undefined) continue;
        expect(target!.headingIds, `${file.path} → ${slug}#${fragment}`).toContain(fragment);
        fragments++;
      }
    }
    // The corpus does link between articles and to headings, so the checks above ran.
    expect(links).toBeGreaterThan(0);
    expect(fragments).toBeGreaterThan(0);
    expect(corpus.articles.filter((a) => a.status === 'draft')).toHaveLength(3);
    expect(corpus.articles.filter((a) => a.status === 'scheduled')).toHaveLength(2);
  });
});
