/**
 * The link check of a built site. linkinator serves the folder on a local port and requests every
 * link of every page (pages, images, srcset candidates, stylesheets; external links only when
 * asked). Two passes of our own cover what linkinator does not: `#fragment` targets (its fragment
 * check misses anchors on larger sites, linkinator PR 880 closed unmerged) and the URLs inside
 * feeds and sitemaps, which must be absolute and must exist.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { LinkChecker, LinkState } from 'linkinator';
import { fileForPath, listFiles, urlPathFor } from './dist-files.ts';
import { lineContaining, scanHtml, scanXmlStylesheets, scanXmlUrls, type PageScan } from './html-scan.ts';

export interface LinkCheckOptions {
  /** The built site. */
  dir: string;
  /** Origin the site is deployed to, e.g. https://news.example.org */
  siteUrl: string;
  /** Base path, `/` or `/sub/path/`. */
  basePath: string;
  /** Also request external links (off by default: builds never depend on the network). */
  external?: boolean;
  /** Folder that `data-source` paths are relative to, for pointing at source lines. */
  projectRoot?: string;
}

export interface BrokenLink {
  /** URL path of the page the link is on. */
  page: string;
  /** The link as the page wrote it (or as resolved when linkinator reports it). */
  link: string;
  reason: string;
  /** Where the link was written, for pages built from a content file. */
  source?: { file: string; line?: number | undefined } | undefined;
}

export interface LinkCheckReport {
  pages: number;
  /** Links linkinator requested (skipped external links not counted). */
  linksChecked: number;
  externalSkipped: number;
  fragmentsChecked: number;
  feedUrlsChecked: number;
  broken: BrokenLink[];
  /** Reasons the check cannot be trusted, such as a crawl that found almost nothing. */
  problems: string[];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function checkLinks(options: LinkCheckOptions): Promise<LinkCheckReport> {
  const { dir, siteUrl, basePath } = options;
  const projectRoot = options.projectRoot ?? process.cwd();
  const files = listFiles(dir);
  const htmlFiles = files.filter((file) => file.endsWith('.html'));
  const xmlFiles = files.filter((file) => file.endsWith('.xml'));
  const report: LinkCheckReport = {
    pages: htmlFiles.length,
    linksChecked: 0,
    externalSkipped: 0,
    fragmentsChecked: 0,
    feedUrlsChecked: 0,
    broken: [],
    problems: [],
  };
  if (htmlFiles.length === 0) {
    report.problems.push(`no HTML pages found in ${dir}`);
    return report;
  }

  const scans = new Map<string, PageScan>();
  const scanOf = (file: string) => {
    let scan = scans.get(file);
    if (!scan) {
      scan = scanHtml(readFileSync(join(dir, file), 'utf8'));
      scans.set(file, scan);
    }
    return scan;
  };
  const siteRoot = new URL(basePath, siteUrl).href;
  /** Display form of a URL: its path on the site when it is ours, the URL otherwise. */
  const display = (url: string) => (url.startsWith(siteUrl) ? url.slice(siteUrl.length) : url);

  // Pass 1: linkinator requests every link from every page on a local server.
  const port = await freePort();
  const local = `http://127.0.0.1:${port}/`;
  const localWithBase = `http://127.0.0.1:${port}${basePath}`;
  // Links carry the base path and absolute links carry the production origin; the local server
  // serves the folder at its root. Rewrite both to it.
  const rewrites = [{ pattern: new RegExp(`^${escapeRegExp(siteRoot)}`), replacement: local }];
  if (basePath !== '/') rewrites.push({ pattern: new RegExp(`^${escapeRegExp(localWithBase)}`), replacement: local });

  const checker = new LinkChecker();
  const result = await checker.check({
    path: htmlFiles,
    serverRoot: dir,
    port,
    recurse: false,
    concurrency: 50,
    timeout: 20_000,
    urlRewriteExpressions: rewrites,
    linksToSkip: async (link) => !options.external && !link.startsWith(local),
  });
  // linkinator reports each URL once, relative to the server root when it is local.
  const toSite = (url: string) => (/^[a-z][a-z0-9+.-]*:/i.test(url) ? url : new URL(url, siteRoot).href);
  const checked = new Set<string>();
  const brokenTargets = new Map<string, { reason: string; parent: string }>();
  for (const link of result.links) {
    if (link.state === LinkState.SKIPPED) {
      report.externalSkipped++;
      continue;
    }
    report.linksChecked++;
    const target = toSite(link.url);
    checked.add(target);
    if (link.state === LinkState.BROKEN) {
      brokenTargets.set(target, {
        reason: link.status ? `HTTP ${link.status}` : 'unreachable',
        parent: display(toSite(link.parent ?? link.url)),
      });
    }
  }
  // linkinator names only the first page with a broken URL: find every page that links to it.
  const internal = new Set<string>();
  for (const file of htmlFiles) {
    const pageUrl = siteUrl + urlPathFor(file, basePath);
    for (const raw of scanOf(file).links) {
      let url: URL;
      try {
        url = new URL(raw, pageUrl);
      } catch {
        continue;
      }
      url.hash = '';
      if (!url.href.startsWith(siteRoot)) continue;
      internal.add(url.href);
      const broken = brokenTargets.get(url.href);
      if (broken) report.broken.push({ page: urlPathFor(file, basePath), link: raw, reason: broken.reason });
    }
  }
  for (const [target, { reason, parent }] of brokenTargets) {
    if (!report.broken.some((b) => new URL(b.link, siteUrl + b.page).href.split('#')[0] === target)) {
      report.broken.push({ page: parent, link: display(target), reason });
    }
  }
  // linkinator skips some elements (such as <link rel="alternate">): look those URLs up in the
  // folder instead. A crawl that missed most of what the pages link to proves nothing at all.
  const missed = [...internal].filter((url) => !checked.has(url));
  for (const url of missed) {
    if (fileForPath(dir, new URL(url).pathname, basePath)) continue;
    for (const file of htmlFiles) {
      const pageUrl = siteUrl + urlPathFor(file, basePath);
      for (const raw of scanOf(file).links) {
        if (URL.canParse(raw, pageUrl) && new URL(raw, pageUrl).href.split('#')[0] === url) {
          report.broken.push({ page: urlPathFor(file, basePath), link: raw, reason: 'no such file in the build' });
        }
      }
    }
  }
  if (internal.size < report.pages || missed.length > internal.size / 2) {
    report.problems.push(
      `linkinator checked ${internal.size - missed.length} of the ${internal.size} internal URLs the ${report.pages} pages link to: ` +
        'the crawl did not see the site',
    );
  }

  // Pass 2: every internal #fragment must name an id on its target page.
  for (const file of htmlFiles) {
    const pageUrl = siteUrl + urlPathFor(file, basePath);
    for (const raw of scanOf(file).links) {
      const hash = raw.indexOf('#');
      if (hash === -1 || hash === raw.length - 1) continue;
      let url: URL;
      try {
        url = new URL(raw, pageUrl);
      } catch {
        continue;
      }
      if (url.origin !== new URL(siteUrl).origin) continue;
      const targetFile = fileForPath(dir, url.pathname, basePath);
      if (!targetFile || !targetFile.endsWith('.html')) continue; // a missing page is pass 1's finding
      report.fragmentsChecked++;
      const fragment = decodeURIComponent(url.hash.slice(1));
      if (!scanOf(targetFile).ids.has(fragment)) {
        report.broken.push({
          page: urlPathFor(file, basePath),
          link: raw,
          reason: `no element with id "${fragment}" on ${url.pathname}`,
          source: undefined,
        });
      }
    }
  }

  // Pass 3: feeds and sitemaps must use absolute URLs that exist in the build; their stylesheets
  // must exist on the same origin.
  for (const file of xmlFiles) {
    const xml = readFileSync(join(dir, file), 'utf8');
    for (const raw of scanXmlStylesheets(xml)) {
      report.feedUrlsChecked++;
      const url = new URL(raw, `${siteUrl}${urlPathFor(file, basePath)}`);
      if (url.origin !== new URL(siteUrl).origin || !fileForPath(dir, url.pathname, basePath)) {
        report.broken.push({ page: urlPathFor(file, basePath), link: raw, reason: 'stylesheet not found on this site' });
      }
    }
    for (const raw of scanXmlUrls(xml)) {
      report.feedUrlsChecked++;
      const feed = urlPathFor(file, basePath);
      if (!/^[a-z][a-z0-9+.-]*:/i.test(raw)) {
        report.broken.push({ page: feed, link: raw, reason: 'relative URL: feed readers and crawlers need absolute URLs' });
        continue;
      }
      if (!raw.startsWith(`${siteUrl}/`) && raw !== siteUrl) continue;
      const url = new URL(raw);
      const targetFile = fileForPath(dir, url.pathname, basePath);
      if (!targetFile) {
        report.broken.push({ page: feed, link: raw, reason: 'no such file in the build' });
      } else if (url.hash.length > 1 && targetFile.endsWith('.html')) {
        const fragment = decodeURIComponent(url.hash.slice(1));
        if (!scanOf(targetFile).ids.has(fragment)) {
          report.broken.push({ page: feed, link: raw, reason: `no element with id "${fragment}" on ${url.pathname}` });
        }
      }
    }
  }

  // Point each broken link on a page built from a content file at the line that wrote it.
  for (const broken of report.broken) {
    const file = fileForPath(dir, broken.page, basePath);
    const sourceFile = file?.endsWith('.html') ? scanOf(file).source : undefined;
    if (!sourceFile) continue;
    let sourceText: string;
    try {
      sourceText = readFileSync(join(projectRoot, sourceFile), 'utf8');
    } catch {
      broken.source = { file: sourceFile };
      continue;
    }
    const linkPath = broken.link.startsWith(basePath) && basePath !== '/' ? `/${broken.link.slice(basePath.length)}` : broken.link;
    const lastSegment = linkPath.split(/[/#?]/).filter(Boolean).at(-1) ?? linkPath;
    const line = lineContaining(sourceText, linkPath) ?? lineContaining(sourceText, lastSegment);
    broken.source = { file: sourceFile, line };
  }

  return report;
}

/** Human-readable report, one broken link per line with the page it is on. */
export function formatReport(report: LinkCheckReport, dir: string): string {
  const lines = [
    `Checked ${report.linksChecked} distinct URLs linked from ${report.pages} pages in ${dir}, ` +
      `${report.fragmentsChecked} #fragment targets and ${report.feedUrlsChecked} feed and sitemap URLs` +
      (report.externalSkipped ? ` (${report.externalSkipped} external links skipped; run with --external to check them)` : ''),
  ];
  for (const broken of report.broken) {
    const where = broken.source ? ` [${broken.source.file}${broken.source.line ? `:${broken.source.line}` : ''}]` : '';
    lines.push(`  ✗ ${broken.page} → ${broken.link}: ${broken.reason}${where}`);
  }
  for (const problem of report.problems) lines.push(`  ✗ ${problem}`);
  lines.push(
    report.broken.length || report.problems.length
      ? `Link check failed: ${report.broken.length} broken link(s)${report.problems.length ? `, ${report.problems.length} problem(s)` : ''}.`
      : 'Link check passed.',
  );
  return lines.join('\n');
}
