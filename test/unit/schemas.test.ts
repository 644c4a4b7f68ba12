import { z } from 'astro/zod';
import { describe, expect, it } from 'vitest';
import { articleSchema, onceWithEntryImage, plainParts } from '../../src/lib/schemas.ts';

const parts = plainParts('Europe/London');
const frontmatter = (src: unknown) => ({
  title: 'A title',
  description: 'A standfirst.',
  published: '2024-01-02',
  authors: ['ann'],
  topics: ['ev'],
  image: { src, alt: 'A street' },
});

/** Stands in for Astro's per-entry image() helper: it tags the value with the entry it belongs to. */
const imageOf = (entry: string) => () => z.string().transform((value) => `${entry}:${value}`);

describe('onceWithEntryImage', () => {
  it('builds the schema once and parses each entry with its own image helper', () => {
    let builds = 0;
    const schemaFor = onceWithEntryImage((image) => {
      builds++;
      return articleSchema({ ...parts, image });
    });
    const first = schemaFor({ image: imageOf('a') }).parse(frontmatter('./one.jpg'));
    const second = schemaFor({ image: imageOf('b') }).parse(frontmatter('./two.jpg'));
    expect(first.image?.src).toBe('a:./one.jpg');
    expect(second.image?.src).toBe('b:./two.jpg');
    expect(builds).toBe(1);
  });

  it("reports the helper's refusal at the image field, and the other fields as before", () => {
    const schemaFor = onceWithEntryImage((image) => articleSchema({ ...parts, image }));
    const result = schemaFor({ image: imageOf('a') }).safeParse({ ...frontmatter(42), title: '' });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((issue) => issue.path.join('.'));
    expect(paths).toContain('image.src');
    expect(paths).toContain('title');
  });
});
