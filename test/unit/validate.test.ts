import { describe, expect, it } from 'vitest';
import { formatAnnotations, formatProblems, oneLine } from '../../src/lib/validate.ts';

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
