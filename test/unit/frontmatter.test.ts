import { describe, expect, it } from 'vitest';
import { dataOf, readFrontmatter, type YamlSource } from '../../src/lib/check/frontmatter.ts';

const frontmatter = (yaml: string) => readFrontmatter(`---\n${yaml}\n---\n\nBody.\n`) as YamlSource;

describe('dataOf', () => {
  it('gives the fields as plain data', () => {
    expect(dataOf(frontmatter('title: A\ntags: [a, b]'), 'a.mdx')).toEqual({ data: { title: 'A', tags: ['a', 'b'] } });
  });

  it('reports an alias bomb on the frontmatter line instead of expanding it', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++)
      lines.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(', ')}]`,
      );
    const result = dataOf(frontmatter(lines.join('\n')), 'content/articles/bomb.mdx');
    expect(result).toEqual({
      problem: expect.objectContaining({
        file: 'content/articles/bomb.mdx',
        line: 2,
        field: 'YAML',
        message: expect.stringMatching(/alias/i),
      }),
    });
  });

  it('refuses frontmatter that is not a list of fields', () => {
    expect(dataOf(frontmatter('- just\n- a list'), 'a.mdx')).toEqual({
      problem: expect.objectContaining({ field: 'frontmatter', message: 'the frontmatter must be a list of fields (name: value)' }),
    });
  });
});
