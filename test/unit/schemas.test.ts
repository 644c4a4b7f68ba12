import { z } from 'astro/zod';
import { describe, expect, it } from 'vitest';
import { articleSchema, authorSchema, plainParts, redirectSchema, withEntryImages } from '../../src/lib/schemas.ts';

const article = articleSchema(plainParts('Europe/London'));
const frontmatter = (image: unknown, extra: Record<string, unknown> = {}) => ({
  title: 'A title',
  description: 'A standfirst.',
  published: '2024-01-02',
  authors: ['ann'],
  topics: ['ev'],
  image,
  ...extra,
});

/** Stands in for Astro's per-entry image() helper: it tags the value with the entry it belongs to. */
const imageOf = (entry: string) => () => z.string().transform((value) => `${entry}:${value}`);

describe('withEntryImages', () => {
  it("hands each entry's image fields to that entry's own helper, around one shared schema", async () => {
    const first = await withEntryImages(article, imageOf('a'), [['image', 'src']]).parseAsync(frontmatter({ src: './one.jpg', alt: 'x' }));
    const second = await withEntryImages(article, imageOf('b'), [['image', 'src']]).parseAsync(frontmatter({ src: './two.jpg', alt: 'y' }));
    expect(first).toMatchObject({ image: { src: 'a:./one.jpg', alt: 'x' }, title: 'A title' });
    expect(second).toMatchObject({ image: { src: 'b:./two.jpg', alt: 'y' } });
  });

  it('parses entries side by side without mixing their images', async () => {
    const results = await Promise.all(
      ['a', 'b', 'c'].map((entry) =>
        withEntryImages(article, imageOf(entry), [['image', 'src']]).parseAsync(frontmatter({ src: `./${entry}.jpg`, alt: entry })),
      ),
    );
    expect(results.map((data) => (data as { image: { src: string } }).image.src)).toEqual(['a:./a.jpg', 'b:./b.jpg', 'c:./c.jpg']);
  });

  it("reports the helper's refusal at the image field, and the other fields as before", async () => {
    const refusing = () => z.string().refine(() => false, { error: 'no such image' });
    const result = await withEntryImages(article, refusing, [['image', 'src']]).safeParseAsync({
      ...frontmatter({ src: './x.jpg', alt: 'x' }),
      title: '',
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => issue.path.join('.'))).toEqual(['title']);
    const images = await withEntryImages(article, refusing, [['image', 'src']]).safeParseAsync(frontmatter({ src: './x.jpg', alt: 'x' }));
    expect(images.error!.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)).toEqual(['image.src: no such image']);
  });

  it('leaves an entry without the field alone', async () => {
    const data = await withEntryImages(authorSchema(), imageOf('a'), [['avatar']]).parseAsync({ name: 'Ann', role: 'Editor' });
    expect(data).toEqual({ name: 'Ann', role: 'Editor' });
  });
});

describe('image paths', () => {
  it('must be files beside the entry: no URL, no absolute path, no way up, no control character or space', () => {
    for (const src of [
      'https://evil.example/x.jpg',
      '//evil.example/x.jpg',
      '/etc/passwd',
      '../../../etc/x.jpg',
      './a/../../x.jpg',
      'javascript:alert(1)',
      './a\nb.jpg',
      './img/photo one.jpg',
    ]) {
      expect(article.safeParse(frontmatter({ src, alt: 'x' })).success, src).toBe(false);
    }
    for (const src of ['./photo.jpg', 'photo.jpg', './img/photo.jpg']) {
      expect(article.safeParse(frontmatter({ src, alt: 'x' })).success, src).toBe(true);
    }
  });
});

describe('URL fields', () => {
  const hostile = [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    ' javascript:x',
    'data:text/html,<script>x</script>',
    'vbscript:x',
    'https://ok.example/\nx',
    '//evil.example/',
    'https:/\\evil.example',
  ];

  it('refuse script URLs, control characters and scheme-less addresses in source.url', () => {
    for (const url of hostile) {
      const result = article.safeParse(frontmatter(undefined, { source: { name: 'Wire', url } }));
      expect(result.success, url).toBe(false);
    }
    expect(article.safeParse(frontmatter(undefined, { source: { name: 'Wire', url: 'https://wire.example/story' } })).success).toBe(true);
  });

  it('refuse the same in author links, and accept https and mailto', () => {
    const author = authorSchema();
    for (const url of hostile) expect(author.safeParse({ name: 'A', role: 'B', links: [{ label: 'x', url }] }).success, url).toBe(false);
    for (const url of ['https://social.example/@ann', 'mailto:ann@example.org']) {
      expect(author.safeParse({ name: 'A', role: 'B', links: [{ label: 'x', url }] }).success, url).toBe(true);
    }
  });

  it('refuse a redirect target with a line break, a script URL or a path outside the site', () => {
    for (const to of [
      '/articles/new/\n/* https://evil.example/:splat 302!',
      'javascript:alert(1)',
      'data:text/html,x',
      'mailto:x@example.org',
      'articles/new/',
      '/articles/../../x/',
      '//evil.example/',
    ]) {
      expect(redirectSchema.safeParse({ from: '/articles/old/', to }).success, JSON.stringify(to)).toBe(false);
    }
    for (const to of ['/articles/new/', 'https://elsewhere.example/story'])
      expect(redirectSchema.safeParse({ from: '/articles/old/', to }).success).toBe(true);
  });

  it('refuse an old address with a line break or a dot segment', () => {
    for (const from of ['/articles/old/\n/*', '/articles/../x/', '/a\u0000/']) {
      expect(redirectSchema.safeParse({ from, to: '/articles/new/' }).success, JSON.stringify(from)).toBe(false);
    }
  });
});
