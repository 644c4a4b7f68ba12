/**
 * The pull-request preview's report (scripts/lib/preview-report.ts) on two real builds of fixture
 * content: the pages the content diff predicts are exactly the pages whose output changed, each
 * changed article has its pictures at both widths in both colour schemes, and a page that changed
 * without a content change to explain it is flagged with a before-and-after picture.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { writePreview, type PreviewSummary } from '../../scripts/lib/preview-report.ts';
import type { PreviewSettings } from '../../src/lib/preview/pages.ts';
import { commandEnv, makeContent, ROOT, runBuild, TMP } from '../helpers.ts';

const BASE = join(TMP, 'preview-pr-base');
const HEAD = join(TMP, 'preview-pr-head');
/** Both sides build from one content folder, as both checkouts have theirs at content/: edit links name it. */
const CONTENT = join(TMP, 'preview-pr-content');
const OUT = join(TMP, 'preview-pr-report');
const PAGE_SIZE = 2;
const settings: PreviewSettings = {
  timeZone: 'Europe/London',
  now: new Date(),
  pageSize: PAGE_SIZE,
  homeSize: 6,
  socialCardCount: 250,
  showUnpublished: true,
};

/** What a contributor's pull request does: one of each kind of change the mapping knows. */
function editHead(dir: string) {
  const china = readFileSync(join(dir, 'articles/china-largest-market-2018.mdx'), 'utf8');
  writeFileSync(
    join(dir, 'articles/preview-new-article.mdx'),
    china
      .replace(/^title: .*$/m, 'title: "A new article for the preview"')
      .replace(/^published: .*$/m, 'published: 2019-03-20')
      .replace(/^topics: .*$/m, 'topics: [china]'),
  );
  appendFileSync(join(dir, 'articles/robo-vehicle-ride-hailing-commitment.mdx'), '\nOne more paragraph in the body, and nothing else.\n');
  appendFileSync(join(dir, 'authors/lena-hartmann.md'), '\nShe also edits the corrections.\n');
  appendFileSync(join(dir, 'redirects.yaml'), '- from: /articles/old-plan/\n  to: /articles/alliance-2022-plan-in-numbers/\n');
  const topics = readFileSync(join(dir, 'topics.yaml'), 'utf8');
  writeFileSync(
    join(dir, 'topics.yaml'),
    topics.replace(/(- id: china\n {2}name: .*\n {2}description: ).*/, '$1The country, its carmakers and its rules.'),
  );
}

let summary: PreviewSummary;
const byUrl = (url: string) => summary.pages.find((page) => page.url === url);

beforeAll(async () => {
  makeContent(CONTENT, { 'articles/draft-fixture': 'test/fixtures/site/draft-fixture' });
  for (const side of [BASE, HEAD]) {
    if (side === HEAD) editHead(CONTENT);
    rmSync(join(side, 'content'), { recursive: true, force: true });
    cpSync(CONTENT, join(side, 'content'), { recursive: true });
    const build = runBuild(CONTENT, join(side, 'dist'), { SHOW_DRAFTS: '1', SOCIAL_IMAGES: '0', PAGE_SIZE: String(PAGE_SIZE) });
    if (build.status !== 0) throw new Error(`The preview build of ${side} failed:\n${build.output}`);
  }
  summary = await writePreview({
    base: { label: 'base', content: join(BASE, 'content'), dist: join(BASE, 'dist') },
    head: { label: 'head', content: join(HEAD, 'content'), dist: join(HEAD, 'dist') },
    out: OUT,
    settings,
    codeChanges: [],
  });
});

describe('the preview of a pull request that changes content only', () => {
  it('predicts from the content diff exactly the pages whose output changed', () => {
    expect(summary.pages.filter((page) => !page.expected)).toEqual([]);
    expect(summary.predictedOnly).toEqual([]);
  });

  it('names the new article and the redirect as added, the edited article and the lists around them as changed', () => {
    expect(summary.pages.filter((page) => page.change === 'added').map((page) => page.url)).toEqual([
      '/articles/preview-new-article/',
      '/articles/old-plan/',
    ]);
    expect(byUrl('/articles/preview-new-article/')).toMatchObject({ kind: 'article', title: 'A new article for the preview' });
    expect(byUrl('/articles/old-plan/')?.kind).toBe('redirect');
    const changed = summary.pages.filter((page) => page.change === 'changed').map((page) => page.url);
    // The body edit, the bio (on its author's articles and page), the topic description and the
    // lists the new article joins.
    expect(changed).toEqual(
      expect.arrayContaining([
        '/articles/robo-vehicle-ride-hailing-commitment/',
        '/authors/lena-hartmann/',
        '/authors/',
        '/topics/china/',
        '/topics/',
        '/',
        '/archive/',
      ]),
    );
    // Docs pages show none of it.
    expect(changed).not.toContain('/about/');
    expect(summary.pages.some((page) => page.change === 'removed')).toBe(false);
  });

  it('lists the content files that changed', () => {
    expect(summary.files).toEqual(
      [
        { status: 'modified', path: 'articles/robo-vehicle-ride-hailing-commitment.mdx' },
        { status: 'added', path: 'articles/preview-new-article.mdx' },
        { status: 'modified', path: 'authors/lena-hartmann.md' },
        { status: 'modified', path: 'redirects.yaml' },
        { status: 'modified', path: 'topics.yaml' },
      ].sort((a, b) => a.path.localeCompare(b.path)),
    );
  });

  it('has pictures of every changed article at 390 and 1280 px in light and dark, and before-and-after pictures', async () => {
    const edited = byUrl('/articles/robo-vehicle-ride-hailing-commitment/')!;
    expect(edited.screenshots).toHaveLength(4);
    for (const shot of edited.screenshots) {
      const { width } = await sharp(join(OUT, shot)).metadata();
      expect(width).toBe(Number(/\/(\d+)-(light|dark)\.png$/.exec(shot)![1]));
    }
    // Dark pictures are dark: the page's background, in the margin beside the column, is far from white.
    const dark = await sharp(
      join(
        OUT,
        edited.screenshots.find((shot) => shot.endsWith('1280-dark.png'))!,
      ),
    )
      .extract({ left: 2, top: 400, width: 1, height: 1 })
      .raw()
      .toBuffer();
    expect(dark[0]!).toBeLessThan(80);
    expect(edited.comparisons.map((c) => c.view)).toEqual(['390-light', '390-dark', '1280-light', '1280-dark']);
    // The added paragraph makes the page longer: some pixels changed, most did not.
    for (const comparison of edited.comparisons) {
      expect(comparison.changed).toBeGreaterThan(0);
      expect(comparison.changed).toBeLessThan(0.5);
      const picture = await sharp(join(OUT, comparison.file)).metadata();
      expect(picture.width).toBeGreaterThan(3 * Number(comparison.view.split('-')[0]));
    }
    // A new page has no "before".
    expect(byUrl('/articles/preview-new-article/')!.comparisons).toEqual([]);
    expect(byUrl('/articles/preview-new-article/')!.screenshots).toHaveLength(4);
  });

  it('writes a summary that names every changed page and says nothing is flagged', () => {
    const markdown = readFileSync(join(OUT, 'summary.md'), 'utf8');
    for (const page of summary.pages) expect(markdown).toContain(`\`${page.url}\``);
    expect(markdown).not.toContain('⚠');
    expect(JSON.parse(readFileSync(join(OUT, 'summary.json'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(summary)));
  });
});

describe('a page that changed without a content change to explain it', () => {
  it('is flagged first, with the visible change measured and pictured', async () => {
    // The layout of one docs page "regresses" in the pull request's build.
    const tampered = join(TMP, 'preview-pr-tampered');
    cpSync(join(HEAD, 'dist'), tampered, { recursive: true });
    const about = join(tampered, 'about/index.html');
    writeFileSync(
      about,
      readFileSync(about, 'utf8').replace(
        '</h1>',
        '</h1><p>A paragraph no content change put here, long enough to move the page below it.</p>',
      ),
    );
    const flagged = await writePreview({
      base: { label: 'base', content: join(BASE, 'content'), dist: join(BASE, 'dist') },
      head: { label: 'head', content: join(HEAD, 'content'), dist: tampered },
      out: join(TMP, 'preview-pr-flagged'),
      settings,
      codeChanges: ['src/styles/global.css'],
      maxPages: 1,
    });
    expect(flagged.pages[0]).toMatchObject({ url: '/about/', change: 'changed', expected: false });
    expect(flagged.pages.filter((page) => !page.expected)).toHaveLength(1);
    expect(flagged.pages[0]!.comparisons[0]!.changed).toBeGreaterThan(0.01);
    expect(existsSync(join(TMP, 'preview-pr-flagged', flagged.pages[0]!.comparisons[0]!.file))).toBe(true);
    expect(flagged.withoutPictures).toBe(flagged.pages.length - 1);
    const markdown = readFileSync(join(TMP, 'preview-pr-flagged', 'summary.md'), 'utf8');
    expect(markdown).toMatch(/### ⚠ 1 page\(s\) changed that the content changes do not explain/);
    expect(markdown).toContain('`src/styles/global.css`');
  });
});

/**
 * `npm run preview:pr` itself, between two commits: a clone of this repository's last commit (its
 * committed code, as CI sees it) gets one more commit that edits an article's body.
 */
describe('npm run preview:pr between two commits', () => {
  it('builds the base in a worktree it removes again, and names exactly the edited article', () => {
    const clone = join(TMP, 'preview-pr-clone');
    rmSync(clone, { recursive: true, force: true });
    const git = (...args: string[]) => {
      const result = spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', ...args], {
        cwd: clone,
        encoding: 'utf8',
      });
      if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
      return result.stdout.trim();
    };
    expect(spawnSync('git', ['clone', '--quiet', '--shared', ROOT, clone]).status).toBe(0);
    symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'), 'dir');
    appendFileSync(join(clone, 'content/articles/china-largest-market-2018.mdx'), '\nA sentence added by the pull request.\n');
    git('commit', '--quiet', '-am', 'Edit one article');

    const run = spawnSync(process.execPath, ['scripts/preview-pr.ts', '--base', 'HEAD~1', '--no-screenshots'], {
      cwd: clone,
      encoding: 'utf8',
      env: commandEnv(),
    });
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(clone, 'preview-pr/summary.json'), 'utf8')) as PreviewSummary;
    expect(report.pages.map(({ url, change, expected }) => ({ url, change, expected }))).toEqual([
      { url: '/articles/china-largest-market-2018/', change: 'changed', expected: true },
    ]);
    expect(report.code).toEqual([]);
    expect(report.files).toEqual([{ status: 'modified', path: 'articles/china-largest-market-2018.mdx' }]);
    expect(readFileSync(join(clone, 'preview-pr/site/articles/china-largest-market-2018/index.html'), 'utf8')).toContain(
      'A sentence added by the pull request.',
    );
    expect(existsSync(join(clone, 'preview-pr/base-site'))).toBe(false);
    expect(git('worktree', 'list').split('\n')).toHaveLength(1);
  });
});
