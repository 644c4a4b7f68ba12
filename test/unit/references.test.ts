import { describe, expect, it } from 'vitest';
import { referenceProblems } from '../../src/lib/check/index.ts';

const display = (file: string) => `content/${file}`;
const known = { authors: new Set(['ann', 'bo']), topics: new Set(['ev']) };

describe('referenceProblems', () => {
  it('names the field index, the line and the known ids, with how to add the missing one', () => {
    const problems = referenceProblems(
      'content/articles/x.mdx',
      [
        { field: 'authors', index: 0, id: 'ann', line: 4 },
        { field: 'authors', index: 1, id: 'jdoe', line: 5 },
        { field: 'topics', index: 0, id: 'mars', line: 6 },
      ],
      known,
      display,
    );
    expect(problems).toEqual([
      {
        file: 'content/articles/x.mdx',
        line: 5,
        field: 'authors[1]',
        message: 'unknown author "jdoe" (known: ann, bo)',
        hint: 'use one of the known ids, or add content/authors/jdoe.md (npm run new:author)',
      },
      {
        file: 'content/articles/x.mdx',
        line: 6,
        field: 'topics[0]',
        message: 'unknown topic "mars" (known: ev)',
        hint: 'use one of the known ids, or add "mars" to content/topics.yaml',
      },
    ]);
  });

  it('finds nothing when every id exists', () => {
    expect(referenceProblems('x.mdx', [{ field: 'topics', index: 0, id: 'ev' }], known, display)).toEqual([]);
  });
});
