import { describe, expect, it } from 'vitest';
import { editUrl, reportEmailUrl, reportIssueUrl, shareLinks } from '../../src/lib/external.ts';

const repo = { url: 'https://github.com/org/site', branch: 'main' };

describe('editUrl', () => {
  it('points at the source file on the branch', () => {
    expect(editUrl(repo, 'content/articles/x/index.mdx')).toBe('https://github.com/org/site/edit/main/content/articles/x/index.mdx');
    expect(editUrl(repo, './content/a b.mdx')).toBe('https://github.com/org/site/edit/main/content/a%20b.mdx');
  });
});

describe('report links', () => {
  it('pre-fill the title and the page URL', () => {
    const issue = new URL(reportIssueUrl(repo, 'Lab opens', 'https://n.org/articles/lab/'));
    expect(issue.pathname).toBe('/org/site/issues/new');
    expect(issue.searchParams.get('title')).toBe('Correction: Lab opens');
    expect(issue.searchParams.get('body')).toContain('https://n.org/articles/lab/');
    const mail = reportEmailUrl('desk@n.org', 'Lab & co', 'https://n.org/x/');
    expect(mail.startsWith('mailto:desk@n.org?')).toBe(true);
    expect(mail).toContain('subject=Correction%3A%20Lab%20%26%20co');
  });
});

describe('shareLinks', () => {
  const page = 'https://n.org/articles/a?b/';
  const title = 'Title & more';
  const links = shareLinks(page, title);

  it('offers LinkedIn, X, Bluesky, Mastodon and email, in that order', () => {
    expect(links.map((l) => l.network)).toEqual(['linkedin', 'x', 'bluesky', 'mastodon', 'email']);
  });

  it("encodes the URL into each link, and the title into every link but LinkedIn's", () => {
    // Each value read back from the link's own query: a value that was not encoded would split it.
    const query = (network: string) => new URL(links.find((l) => l.network === network)!.href).searchParams;
    expect(links).toHaveLength(5);
    for (const link of links) expect(link.href).not.toContain(' ');
    expect([...query('linkedin')]).toEqual([['url', page]]);
    expect([...query('x')]).toEqual([
      ['text', title],
      ['url', page],
    ]);
    expect([...query('bluesky')]).toEqual([['text', `${title} ${page}`]]);
    expect([...query('mastodon')]).toEqual([['text', `${title} ${page}`]]);
    expect([...query('email')]).toEqual([
      ['subject', title],
      ['body', page],
    ]);
  });

  it('uses no tracking parameters', () => {
    expect(links).toHaveLength(5);
    for (const link of links) expect(link.href).not.toMatch(/utm_/);
  });
});
