import { describe, expect, it } from 'vitest';
import { redirectParam, redirectsFile, redirectTarget } from '../../src/lib/redirects.ts';
import { makePaths } from '../../src/lib/urls.ts';

const rules = (text: string) =>
  text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => line.split(' '));

describe('redirects', () => {
  const moved = [
    { from: '/articles/old/', to: '/articles/new/' },
    { from: '/press/', to: 'https://example.org/press' },
  ];

  it('writes a 301 for each old address, with and without its trailing slash', () => {
    expect(rules(redirectsFile(moved, makePaths('/').withBase))).toEqual([
      ['/articles/old/', '/articles/new/', '301'],
      ['/articles/old', '/articles/new/', '301'],
      ['/press/', 'https://example.org/press', '301'],
      ['/press', 'https://example.org/press', '301'],
    ]);
  });

  it('puts the base path on site paths but not on other sites', () => {
    const withBase = makePaths('/newsroom/').withBase;
    expect(rules(redirectsFile(moved, withBase))[0]).toEqual(['/newsroom/articles/old/', '/newsroom/articles/new/', '301']);
    expect(redirectTarget('https://example.org/press', withBase)).toBe('https://example.org/press');
  });

  it('turns an old address into the route parameter of its redirect page', () => {
    expect(redirectParam('/articles/old/')).toBe('articles/old');
  });
});
