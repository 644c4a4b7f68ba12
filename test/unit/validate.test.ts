import { describe, expect, it } from 'vitest';
import { findDanglingReferences, formatAnnotations, formatProblems, frontmatterLine, oneLine } from '../../src/lib/validate.ts';

const source = ['---', 'title: T', 'authors:', '  - ann', '  - jdoe', 'topics: [ev, mars]', '---', 'Body jdoe'].join('\n');

describe('frontmatterLine', () => {
  it('finds the line of a value under its key', () => {
    expect(frontmatterLine(source, 'authors', 'jdoe')).toBe(5);
    expect(frontmatterLine(source, 'topics', 'mars')).toBe(6);
  });

  it('falls back to the key line, and never looks into the body', () => {
    expect(frontmatterLine(source, 'title', 'zzz')).toBe(2);
    expect(frontmatterLine(source, 'missing')).toBeUndefined();
  });
});

describe('findDanglingReferences', () => {
  it('names the file, line, field index and the known ids', () => {
    const problems = findDanglingReferences(
      [{ id: 'x', filePath: 'content/articles/x.mdx', source, authors: ['ann', 'jdoe'], topics: ['ev', 'mars'] }],
      new Set(['ann', 'bo']),
      new Set(['ev']),
      'content',
    );
    expect(problems).toEqual([
      expect.objectContaining({ file: 'content/articles/x.mdx', line: 5, field: 'authors[1]' }),
      expect.objectContaining({ file: 'content/articles/x.mdx', line: 6, field: 'topics[1]' }),
    ]);
    expect(problems[0]!.message).toContain('unknown author "jdoe" (known: ann, bo)');
    expect(problems[0]!.hint).toContain('content/authors/jdoe.md');
    expect(problems[1]!.hint).toContain('content/topics.yaml');
  });

  it('finds nothing when every id exists', () => {
    expect(
      findDanglingReferences(
        [{ id: 'x', filePath: 'f', source, authors: ['ann'], topics: ['ev'] }],
        new Set(['ann']),
        new Set(['ev']),
        'content',
      ),
    ).toEqual([]);
  });
});

describe('formatProblems', () => {
  it('writes file:line field: message, one per line', () => {
    expect(
      formatProblems([
        { file: 'a.mdx', line: 3, field: 'title', message: 'too long' },
        { file: 'b.mdx', field: 'file name', message: 'moved' },
      ]),
    ).toBe('a.mdx:3 title: too long\nb.mdx file name: moved');
  });

  it('adds the column when it is known', () => {
    expect(formatProblems([{ file: 'a.mdx', line: 3, column: 7, field: 'link', message: 'bad' }])).toBe('a.mdx:3:7 link: bad');
  });

  it('keeps a problem on its own lines whatever the content file wrote into it', () => {
    const text = formatProblems([{ file: 'a.mdx', line: 1, field: 'title', message: 'x\n::stop-commands::pause\r\u2028y', hint: 'h\nz' }]);
    expect(text.split('\n')).toEqual(['a.mdx:1 title: x\\n::stop-commands::pause\\r\\u2028y', '    hint: h\\nz']);
  });

  it('puts the hint on an indented line below its problem', () => {
    expect(formatProblems([{ file: 'a.mdx', line: 3, field: 'title', message: 'too long', hint: 'shorten it' }])).toBe(
      'a.mdx:3 title: too long\n    hint: shorten it',
    );
  });
});

describe('formatAnnotations', () => {
  it('writes one GitHub error command per problem, escaping what would break the command', () => {
    const lines = formatAnnotations([
      { file: 'content/articles/a,b.mdx', line: 4, field: 'authors[1]', message: 'unknown author "jdoe": 100%', hint: 'add it' },
      { file: 'content/articles/c.mdx', field: 'file name', message: 'moved' },
    ]).split('\n');
    expect(lines).toEqual([
      '::error file=content/articles/a%2Cb.mdx,line=4,title=authors[1]::unknown author "jdoe": 100%25%0Aadd it',
      '::error file=content/articles/c.mdx,title=file name::moved',
    ]);
  });

  it('gives the column, and never lets a value start a line of its own', () => {
    const text = formatAnnotations([{ file: 'a.mdx', line: 2, column: 5, field: 'title', message: 'bad\n::stop-commands::x' }]);
    expect(text.split('\n')).toEqual(['::error file=a.mdx,line=2,col=5,title=title::bad\\n::stop-commands::x']);
  });
});

describe('oneLine', () => {
  it('writes control characters and line separators as escapes', () => {
    expect(oneLine('a\tb\u0000c\u2029')).toBe('a\\tb\\u0000c\\u2029');
  });
});
