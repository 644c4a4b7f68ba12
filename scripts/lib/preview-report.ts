/**
 * The pull-request preview's report, from two builds of the site (the base branch and the pull
 * request, both with drafts shown): which pages the content change adds, changes or removes,
 * which pages changed although no content change explains it, screenshots of the changed articles
 * and before-and-after pictures of the changed pages. Writes `summary.md` (for the job summary and
 * for a contributor's own look), `summary.json` (what the comment workflow reads) and the pictures.
 */
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles, urlPathFor } from '../../src/integration/dist-files.ts';
import {
  changedPages,
  comparePages,
  contentChanges,
  sitePages,
  type ContentTree,
  type FileChange,
  type PageKind,
  type PreviewSettings,
} from '../../src/lib/preview/pages.ts';
import { hashOf } from '../../src/lib/cache-key.ts';
import { startServer } from './static-server.ts';
import { ALL_VIEWS, compareScreenshots, launchBrowser, screenshot, viewName, type View } from './screenshots.ts';

/** Text files of a content folder: the ones the model reads. */
const TEXT = /\.(md|mdx|ya?ml)$/;

/** A content folder as the preview's model reads it. */
export function readContentTree(dir: string): ContentTree {
  return new Map(
    listFiles(dir).map((path) => {
      const bytes = readFileSync(join(dir, path));
      return [path, { hash: hashOf(bytes), ...(TEXT.test(path) ? { text: bytes.toString('utf8') } : {}) }];
    }),
  );
}

/** Every HTML page of a built site, by URL path, with a hash of its bytes. */
export function outputPages(dist: string): Map<string, string> {
  return new Map(
    listFiles(dist)
      .filter((file) => file.endsWith('.html'))
      .map((file) => [
        urlPathFor(file, '/'),
        createHash('sha1')
          .update(readFileSync(join(dist, file)))
          .digest('hex'),
      ]),
  );
}

export interface Side {
  /** What the side is, for the summary: a branch and commit, or "working tree". */
  label: string;
  content: string;
  dist: string;
}

export interface PreviewOptions {
  base: Side;
  head: Side;
  out: string;
  settings: PreviewSettings;
  /** Files outside content/ that the pull request changes: code, styles, dependencies. */
  codeChanges: string[];
  screenshots?: boolean;
  /** Pages to take pictures of, at most; the rest are listed. */
  maxPages?: number;
}

export interface Comparison {
  view: string;
  file: string;
  /** Share of the pixels that changed, 0 to 1. */
  changed: number;
}

export interface PreviewPage {
  url: string;
  change: 'added' | 'changed' | 'removed';
  kind: PageKind;
  title?: string;
  /** Whether the content change explains it; a page it does not explain is flagged. */
  expected: boolean;
  /** Pictures of the pull request's page, relative to the report folder. */
  screenshots: string[];
  /** Before-and-after pictures of a page that exists on both sides. */
  comparisons: Comparison[];
}

export interface PreviewSummary {
  base: string;
  head: string;
  files: FileChange[];
  code: string[];
  pages: PreviewPage[];
  /** Pages the content change should have changed but whose output is the same (the model is out of date). */
  predictedOnly: string[];
  /** Changed pages without pictures, past `maxPages`. */
  withoutPictures: number;
}

/** `/` → `home`, `/articles/a/` → `articles-a`, `/404.html` → `404`: a folder name per page. */
export function pictureName(url: string): string {
  return (
    url
      .replace(/\.html$/, '')
      .replace(/^\/+|\/+$/g, '')
      .replace(/\//g, '-') || 'home'
  );
}

/** The report's own folders, emptied before each run; anything else in `out` (the built site) stays. */
const PICTURE_FOLDERS = ['screenshots', 'before', 'compare'];

const ORDER: Record<PreviewPage['change'], number> = { added: 0, changed: 1, removed: 2 };

export async function writePreview(options: PreviewOptions): Promise<PreviewSummary> {
  const { base, head, out, settings } = options;
  const [baseTree, headTree] = [readContentTree(base.content), readContentTree(head.content)];
  const expected = changedPages(baseTree, headTree, settings);
  const actual = comparePages(outputPages(base.dist), outputPages(head.dist));
  const expectedSet = new Set([...expected.added, ...expected.changed, ...expected.removed]);
  const actualSet = new Set([...actual.added, ...actual.changed, ...actual.removed]);
  const headPages = sitePages(headTree, settings);
  const basePages = sitePages(baseTree, settings);

  const pages: PreviewPage[] = (['added', 'changed', 'removed'] as const)
    .flatMap((change) => actual[change].map((url) => ({ url, change })))
    .map(({ url, change }) => {
      const known = headPages.get(url) ?? basePages.get(url);
      return {
        url,
        change,
        kind: known?.kind ?? 'other',
        ...(known?.title ? { title: known.title } : {}),
        expected: expectedSet.has(url),
        screenshots: [],
        comparisons: [],
      };
    })
    // Flagged pages first, then articles, then the rest; in URL order within each.
    .sort(
      (a, b) =>
        Number(a.expected) - Number(b.expected) ||
        Number(b.kind === 'article') - Number(a.kind === 'article') ||
        ORDER[a.change] - ORDER[b.change] ||
        a.url.localeCompare(b.url),
    );

  for (const folder of PICTURE_FOLDERS) rmSync(join(out, folder), { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const pictured = pages.filter((page) => page.change !== 'removed').slice(0, options.maxPages ?? 30);
  if (options.screenshots !== false && pictured.length > 0) await takePictures(pictured, options);

  const summary: PreviewSummary = {
    base: base.label,
    head: head.label,
    files: contentChanges(baseTree, headTree),
    code: options.codeChanges,
    pages,
    predictedOnly: [...expectedSet].filter((url) => !actualSet.has(url)).sort(),
    withoutPictures: pages.filter((page) => page.change !== 'removed').length - pictured.length,
  };
  writeFileSync(join(out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  writeFileSync(join(out, 'summary.md'), summaryMarkdown(summary));
  return summary;
}

/** Every view of an article; one desktop view of other pages, enough to see a list or layout change. */
function viewsOf(page: PreviewPage): View[] {
  return page.kind === 'article' ? ALL_VIEWS : [{ width: 1280, scheme: 'light' }];
}

async function takePictures(pages: PreviewPage[], { base, head, out }: PreviewOptions): Promise<void> {
  const [before, after, browser] = await Promise.all([startServer(base.dist), startServer(head.dist), launchBrowser()]);
  try {
    for (const page of pages) {
      const name = pictureName(page.url);
      for (const view of viewsOf(page)) {
        const shot = `screenshots/${name}/${viewName(view)}.png`;
        await screenshot(browser, after.origin + page.url, view, join(out, shot));
        page.screenshots.push(shot);
        if (page.change !== 'changed') continue;
        const old = `before/${name}/${viewName(view)}.png`;
        await screenshot(browser, before.origin + page.url, view, join(out, old));
        const file = `compare/${name}/${viewName(view)}.png`;
        page.comparisons.push({
          view: viewName(view),
          file,
          changed: await compareScreenshots(join(out, old), join(out, shot), join(out, file)),
        });
      }
    }
  } finally {
    await browser.close();
    await Promise.all([before.close(), after.close()]);
  }
}

/** Text from a contributor's file, shown as text: no link, image, HTML or table cell can start in it. */
export function markdownText(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_{}[\]()#+\-.!|~>]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;');
}

const percent = (share: number) => (share === 0 ? 'none' : share < 0.001 ? 'under 0.1%' : `${(share * 100).toFixed(1)}%`);
const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

function pageRow(page: PreviewPage): string {
  const what = page.title ? `${markdownText(page.title)}<br>${code(page.url)}` : code(page.url);
  const visible = page.comparisons.length > 0 ? page.comparisons.map((c) => `${c.view}: ${percent(c.changed)}`).join(', ') : '';
  const pictures = [...page.comparisons.map((c) => c.file), ...(page.comparisons.length > 0 ? [] : page.screenshots)].map(code).join(' ');
  return `| ${page.change} | ${page.kind} | ${what} | ${visible} | ${pictures} |`;
}

const TABLE = ['| change | kind | page | pixels changed | pictures |', '| --- | --- | --- | --- | --- |'];

/** The report as Markdown: the job summary, and what a contributor reads locally. */
export function summaryMarkdown(summary: PreviewSummary): string {
  const flagged = summary.pages.filter((page) => !page.expected);
  const explained = summary.pages.filter((page) => page.expected);
  const lines = [
    '## Preview of this pull request',
    '',
    `Base ${code(summary.base)}, pull request ${code(summary.head)}. Both built with drafts and scheduled articles shown and marked.`,
    `${summary.pages.length} page(s) differ: ${count(summary.pages, 'added')} added, ${count(summary.pages, 'changed')} changed, ${count(summary.pages, 'removed')} removed.`,
    '',
  ];
  if (flagged.length > 0) {
    lines.push(
      `### ⚠ ${flagged.length} page(s) changed that the content changes do not explain`,
      '',
      summary.code.length > 0
        ? `This pull request also changes ${summary.code.length} file(s) outside \`content/\` (${summary.code.slice(0, 10).map(code).join(', ')}${summary.code.length > 10 ? ', …' : ''}). Check that each page below was meant to change.`
        : 'No file outside `content/` changed, so these pages should not have changed: look at the before-and-after pictures.',
      '',
      ...TABLE,
      ...flagged.map(pageRow),
      '',
    );
  }
  lines.push('### Content files', '');
  if (summary.files.length === 0) lines.push('No file in `content/` changed.', '');
  else
    lines.push(
      ...summary.files.map(
        (file) => `- ${file.status} ${code(`content/${file.path}`)}${file.from ? ` (from ${code(`content/${file.from}`)})` : ''}`,
      ),
      '',
    );
  lines.push('### Pages the content changes', '');
  if (explained.length === 0) lines.push('None.', '');
  else lines.push(...TABLE, ...explained.map(pageRow), '');
  if (summary.withoutPictures > 0)
    lines.push(`${summary.withoutPictures} more changed page(s) have no pictures: the report takes pictures of the first ones only.`, '');
  lines.push(
    'Pictures: `screenshots/<page>/<width>-<scheme>.png` as the pull request shows the page; `compare/<page>/…` puts the base branch, the pull request and the changed pixels (red) side by side.',
    '',
  );
  return `${lines.join('\n')}\n`;
}

function count(pages: PreviewPage[], change: PreviewPage['change']): number {
  return pages.filter((page) => page.change === change).length;
}
