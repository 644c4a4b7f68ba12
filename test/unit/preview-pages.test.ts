/**
 * The pull-request preview's mapping from a content change to the pages it changes, on a small
 * synthetic site: two topics, two authors, five articles in five months of 2020, the two newest on a list's own page.
 */
import { describe, expect, it } from 'vitest';
import { hashOf } from '../../src/lib/cache-key.ts';
import { changedPages, contentChanges, sitePages, type ContentTree, type PreviewSettings } from '../../src/lib/preview/pages.ts';

const settings: PreviewSettings = {
  timeZone: 'Europe/London',
  now: new Date('2026-06-01T00:00:00Z'),
  pageSize: 2,
  homeSize: 2,
  socialCardCount: 250,
  showUnpublished: true,
};

function article(title: string, published: string, topics: string[], authors: string[], body = 'Body text.'): string {
  return `---\ntitle: ${title}\ndescription: About ${title}.\npublished: ${published}\nauthors: [${authors.join(', ')}]\ntopics: [${topics.join(', ')}]\n---\n\n${body}\n`;
}

const TOPICS = '- id: alpha\n  name: Alpha\n  description: The first topic.\n- id: beta\n  name: Beta\n  description: The second topic.\n';

/** Newest first: five (alpha), four (beta), three (alpha, beta), two (beta), one (alpha). */
const BASE: Record<string, string> = {
  'topics.yaml': TOPICS,
  'redirects.yaml': '- from: /articles/old-one/\n  to: /articles/one/\n',
  'authors/ann.md': '---\nname: Ann Example\nrole: Editor\navatar: ./ann.png\n---\n\nAnn edits.\n',
  'authors/ann.png': 'PNG-ann',
  'authors/bob.md': '---\nname: Bob Example\nrole: Reporter\n---\n\nBob reports.\n',
  'pages/about.mdx': '---\ntitle: About\ndescription: About us.\norder: 1\n---\n\nWho we are.\n',
  'articles/one.mdx': article('One', '2020-01-01', ['alpha'], ['ann']),
  'articles/two.mdx': article('Two', '2020-02-01', ['beta'], ['bob']),
  'articles/three/index.mdx': `${article('Three', '2020-03-01', ['alpha', 'beta'], ['ann', 'bob'])}`.replace(
    'topics:',
    'image:\n  src: ./photo.jpg\n  alt: A photo.\ntopics:',
  ),
  'articles/three/photo.jpg': 'JPEG-three',
  'articles/four.mdx': article('Four', '2020-04-01', ['beta'], ['bob']),
  'articles/five.mdx': article('Five', '2020-05-01', ['alpha'], ['ann']),
};

function tree(files: Record<string, string>): ContentTree {
  return new Map(Object.entries(files).map(([path, text]) => [path, { hash: hashOf(text), text }]));
}

function change(edit: (files: Record<string, string>) => void) {
  const head = { ...BASE };
  edit(head);
  return changedPages(tree(BASE), tree(head), settings);
}

/** The pages of the docs layout, whose navigation names every topic and docs page. */
const DOCS_LAYOUT = ['/404.html', '/about/', '/articles/old-one/', '/authors/', '/corrections/', '/feeds/', '/search/', '/topics/'];

/** Every page but the articles. */
const NOT_ARTICLES = [
  '/',
  '/404.html',
  '/about/',
  '/archive/',
  '/archive/2020/01/',
  '/archive/2020/02/',
  '/archive/2020/03/',
  '/archive/2020/04/',
  '/archive/2020/05/',
  '/articles/old-one/',
  '/authors/',
  '/authors/ann/',
  '/authors/ann/2020/',
  '/authors/bob/',
  '/authors/bob/2020/',
  '/corrections/',
  '/feeds/',
  '/search/',
  '/topics/',
  '/topics/alpha/',
  '/topics/alpha/2020/',
  '/topics/beta/',
  '/topics/beta/2020/',
];

describe('the pages of a site', () => {
  it('lists every page with its kind: lists by month and year, one page per article, docs page and redirect', () => {
    const pages = sitePages(tree(BASE), settings);
    const articles = ['/articles/five/', '/articles/four/', '/articles/one/', '/articles/three/', '/articles/two/'];
    expect([...pages.keys()].sort()).toEqual([...NOT_ARTICLES, ...articles].sort());
    expect(pages.get('/articles/three/')).toMatchObject({ kind: 'article', title: 'Three' });
    expect(pages.get('/articles/old-one/')?.kind).toBe('redirect');
    expect(pages.get('/about/')).toMatchObject({ kind: 'docs', title: 'About' });
    expect(pages.get('/archive/2020/03/')?.kind).toBe('list');
  });

  it('leaves drafts out unless the preview shows them', () => {
    const files = {
      ...BASE,
      'articles/six.mdx': article('Six', '2020-06-01', ['alpha'], ['ann']).replace('topics:', 'draft: true\ntopics:'),
    };
    expect(sitePages(tree(files), settings).has('/articles/six/')).toBe(true);
    expect(sitePages(tree(files), { ...settings, showUnpublished: false }).has('/articles/six/')).toBe(false);
  });
});

describe('the pages a content change changes', () => {
  it('no change: no page', () => {
    expect(change(() => {})).toEqual({ added: [], changed: [], removed: [] });
  });

  it('an edited article body: that article only', () => {
    expect(change((files) => (files['articles/two.mdx'] = article('Two', '2020-02-01', ['beta'], ['bob'], 'New text.')))).toEqual({
      added: [],
      changed: ['/articles/two/'],
      removed: [],
    });
  });

  it('a replaced hero image: the article, the lists that show it, and the articles that link to it', () => {
    const changes = change((files) => (files['articles/three/photo.jpg'] = 'JPEG-three-new'));
    // Three is on the first page of alpha and beta (newest-but-one in both) and of its authors'
    // lists; related to every other article; next to four and two. It is also on the front page
    // (its alpha section) and among the latest three of the 404 page. The lists of a month or a
    // year show headlines without pictures, and the archive's first page only the newest two.
    expect(changes.changed).toEqual([
      '/',
      '/404.html',
      '/articles/five/',
      '/articles/four/',
      '/articles/one/',
      '/articles/three/',
      '/articles/two/',
      '/authors/ann/',
      '/authors/bob/',
      '/topics/alpha/',
      '/topics/beta/',
    ]);
  });

  it('a new article: its page, the lists it joins and the pages those lists push along, its neighbours and related articles', () => {
    const changes = change((files) => (files['articles/six.mdx'] = article('Six', '2020-06-01', ['beta'], ['bob'])));
    expect(changes.added).toEqual(['/archive/2020/06/', '/articles/six/']);
    expect(changes.removed).toEqual([]);
    expect(changes.changed).toEqual([
      '/',
      '/404.html',
      // The archive's newest and its months; May gets a newer neighbour. Older months stay as they were.
      '/archive/',
      '/archive/2020/05/',
      // Five gets a newer neighbour; four, three and two now have six among their related (beta).
      '/articles/five/',
      '/articles/four/',
      '/articles/three/',
      '/articles/two/',
      // Counts on the indexes, the newest of Bob's and beta's lists, and their lists of 2020.
      '/authors/',
      '/authors/bob/',
      '/authors/bob/2020/',
      '/topics/',
      '/topics/beta/',
      '/topics/beta/2020/',
    ]);
  });

  it('a renamed article: the old address goes, the new one comes, and every list naming it changes', () => {
    const changes = change((files) => {
      files['articles/uno.mdx'] = files['articles/one.mdx']!;
      delete files['articles/one.mdx'];
    });
    expect(changes.added).toEqual(['/articles/uno/']);
    expect(changes.removed).toEqual(['/articles/one/']);
    // Two has it as its older neighbour, five among its related (alpha); three's related are newer ones.
    // The front page shows every story of so small a site.
    expect(changes.changed).toEqual([
      '/',
      '/archive/2020/01/',
      '/articles/five/',
      '/articles/two/',
      '/authors/ann/2020/',
      '/topics/alpha/2020/',
    ]);
  });

  it('a changed author bio: the first page of the author’s list, the authors index and that author’s articles, not the lists', () => {
    const changes = change(
      (files) => (files['authors/bob.md'] = BASE['authors/bob.md']!.replace('Bob reports.', 'Bob reports on batteries.')),
    );
    expect(changes.changed).toEqual(['/articles/four/', '/articles/three/', '/articles/two/', '/authors/', '/authors/bob/']);
  });

  it('a changed author name: also the lists of the author’s articles and the feeds page', () => {
    const changes = change((files) => (files['authors/bob.md'] = BASE['authors/bob.md']!.replace('Bob Example', 'Robert Example')));
    expect(changes.changed).toEqual(expect.arrayContaining(['/feeds/', '/archive/', '/topics/beta/', '/authors/bob/2020/']));
    // The lists of a month or a year show no bylines.
    expect(changes.changed).not.toContain('/authors/ann/2020/');
    expect(changes.changed).not.toContain('/archive/2020/04/');
  });

  it('a changed author role: every page of the author’s list, which all show it', () => {
    const changes = change(
      (files) => (files['authors/bob.md'] = BASE['authors/bob.md']!.replace('role: Reporter', 'role: Senior reporter')),
    );
    expect(changes.changed).toEqual(expect.arrayContaining(['/authors/bob/', '/authors/bob/2020/']));
  });

  it('a changed topic description: the topic’s pages and the topics index only', () => {
    const changes = change((files) => (files['topics.yaml'] = TOPICS.replace('The second topic.', 'The second topic, renamed.')));
    expect(changes).toEqual({ added: [], changed: ['/topics/', '/topics/beta/', '/topics/beta/2020/'], removed: [] });
  });

  it('a new topic: its page, and every page of the docs layout, whose navigation lists the topics; no article or list', () => {
    const changes = change((files) => (files['topics.yaml'] = `${TOPICS}- id: gamma\n  name: Gamma\n  description: A third topic.\n`));
    expect(changes.added).toEqual(['/topics/gamma/']);
    expect(changes.changed).toEqual(DOCS_LAYOUT);
  });

  it('an added redirect: its page only', () => {
    const changes = change(
      (files) => (files['redirects.yaml'] = `${BASE['redirects.yaml']}- from: /articles/old-two/\n  to: /articles/two/\n`),
    );
    expect(changes).toEqual({ added: ['/articles/old-two/'], changed: [], removed: [] });
  });

  it('a correction: the article and the corrections list', () => {
    const changes = change(
      (files) =>
        (files['articles/one.mdx'] = article('One', '2020-01-01', ['alpha'], ['ann']).replace(
          'topics:',
          'corrections:\n  - date: 2020-01-05\n    text: The date was wrong.\ntopics:',
        )),
    );
    expect(changes.changed).toContain('/articles/one/');
    expect(changes.changed).toContain('/corrections/');
    // Lists show no corrections; the month's list shows the headline and date only.
    expect(changes.changed).not.toContain('/archive/2020/01/');
    expect(changes.changed).not.toContain('/authors/bob/');
  });
});

describe('the files a pull request changes in content/', () => {
  it('tells added, modified, removed and renamed files apart, a rename by identical bytes', () => {
    const head: Record<string, string> = {
      ...BASE,
      'articles/six.mdx': article('Six', '2020-06-01', ['beta'], ['bob']),
      'articles/uno.mdx': BASE['articles/one.mdx']!,
    };
    delete head['articles/one.mdx'];
    delete head['authors/ann.png'];
    head['articles/two.mdx'] = `${BASE['articles/two.mdx']}More.\n`;
    expect(contentChanges(tree(BASE), tree(head))).toEqual([
      { status: 'added', path: 'articles/six.mdx' },
      { status: 'modified', path: 'articles/two.mdx' },
      { status: 'renamed', path: 'articles/uno.mdx', from: 'articles/one.mdx' },
      { status: 'removed', path: 'authors/ann.png' },
    ]);
  });
});
