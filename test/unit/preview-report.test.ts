/**
 * The preview report's Markdown: text from a contributor's files (headlines) can start no link,
 * image, HTML element or table cell in the job summary, and each page has a folder name of its own.
 */
import { describe, expect, it } from 'vitest';
import { markdownText, pictureName, summaryMarkdown, type PreviewSummary } from '../../scripts/lib/preview-report.ts';

describe('markdownText', () => {
  it.each([
    ['[click](https://evil.example)', '\\[click\\]\\(https://evil\\.example\\)'],
    ['![x](https://evil.example/pixel.png)', '\\!\\[x\\]\\(https://evil\\.example/pixel\\.png\\)'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert\\(1\\)\\>'],
    ['a | b', 'a \\| b'],
    ['line\nbreak\r\n# heading', 'line break \\# heading'],
    ['&lt; stays text', '&amp;lt; stays text'],
  ])('%j', (input, output) => {
    expect(markdownText(input)).toBe(output);
  });
});

describe('pictureName', () => {
  it.each([
    ['/', 'home'],
    ['/articles/a-b/', 'articles-a-b'],
    ['/archive/2019/03/', 'archive-2019-03'],
    ['/404.html', '404'],
  ])('%s → %s', (url, name) => {
    expect(pictureName(url)).toBe(name);
  });
});

describe('summaryMarkdown', () => {
  const summary: PreviewSummary = {
    base: 'main 1234abcd',
    head: '5678ef90',
    files: [{ status: 'renamed', path: 'articles/new.mdx', from: 'articles/old.mdx' }],
    code: [],
    pages: [
      {
        url: '/about/',
        change: 'changed',
        kind: 'docs',
        title: 'About',
        expected: false,
        screenshots: [],
        comparisons: [{ view: '1280-light', file: 'compare/about/1280-light.png', changed: 0.0234 }],
      },
      {
        url: '/articles/new/',
        change: 'added',
        kind: 'article',
        title: 'A | table [breaker](x)',
        expected: true,
        screenshots: ['screenshots/articles-new/390-light.png'],
        comparisons: [],
      },
    ],
    predictedOnly: [],
    withoutPictures: 0,
  };
  const markdown = summaryMarkdown(summary);

  it('flags the page no content change explains, and says no code changed', () => {
    expect(markdown).toMatch(/### ⚠ 1 page\(s\) changed that the content changes do not explain\n\nNo file outside `content\/` changed/);
    expect(markdown).toContain('| changed | docs | About<br>`/about/` | 1280-light: 2.3% | `compare/about/1280-light.png` |');
  });

  it('keeps a hostile headline inside its table cell', () => {
    const row = markdown.split('\n').find((line) => line.includes('/articles/new/'))!;
    expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(7);
    expect(row).not.toContain('[breaker](x)');
  });

  it('lists renamed files with their old path', () => {
    expect(markdown).toContain('- renamed `content/articles/new.mdx` (from `content/articles/old.mdx`)');
  });
});
