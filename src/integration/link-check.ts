/**
 * The link check of a built site, in one scan of each page: every link to the site (pages,
 * images, srcset candidates, stylesheets, feeds) must name a file in the build; every internal
 * `#fragment` must name an id on its target page (linkinator's own fragment check misses anchors on
 * larger sites, linkinator PR 880 closed unmerged); the URLs inside feeds and sitemaps must be
 * absolute and must exist. linkinator requests links to other sites, only when asked.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { hashOf } from '../lib/cache-key.ts';
import { fileFromSet, listFiles, urlPathFor } from './dist-files.ts';
import { lineContaining, scanXmlStylesheets, scanXmlUrls, type PageScan } from './html-scan.ts';
import { ScanCache } from './scan-cache.ts';

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
  /** File that keeps each page's scan until the next check (scripts/lib/scan-cache.ts); none: parse every page. */
  scanCache?: string | undefined;
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
  /** Pages parsed in this check; the others were unchanged since the last one and their scans were kept. */
  pagesParsed: number;
  /** Distinct URLs checked: the site's own, plus external ones when asked. */
  linksChecked: number;
  externalSkipped: number;
  fragmentsChecked: number;
  feedUrlsChecked: number;
  broken: BrokenLink[];
  /** Reasons the check cannot be trusted, such as a crawl that found almost nothing. */
  problems: string[];
}

/** Where the scans of the pages in `dir` are kept: one file per output folder, in the build cache. */
export function scanCacheFor(cacheDir: string, dir: string): string {
  return join(cacheDir, `link-scans-${hashOf(resolve(dir), 12)}.json`);
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
    pagesParsed: 0,
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
  const cache = new ScanCache(options.scanCache);
  const scanOf = (file: string) => {
    let scan = scans.get(file);
    if (!scan) {
      scan = cache.scan(file, join(dir, file));
      scans.set(file, scan);
    }
    return scan;
  };
  const siteRoot = new URL(basePath, siteUrl).href;

  // Pass 1: every link to this site must name a file in the build, as a static host would serve
  // it. One scan of each page and a set of file names: requesting 10,000 pages through a local
  // server with linkinator took minutes (about 12 s per 1,000 pages on 2 cores), and a file
  // either exists or not.
  const fileSet = new Set(files);
  const served = (urlPath: string) => fileFromSet(fileSet, urlPath, basePath);
  const siteOrigin = new URL(siteUrl).origin;
  const internal = new Set<string>();
  const externalLinks = new Set<string>();
  for (const file of htmlFiles) {
    const page = urlPathFor(file, basePath);
    const pageUrl = siteUrl + page;
    for (const raw of scanOf(file).links) {
      let url: URL;
      try {
        url = new URL(raw, pageUrl);
      } catch {
        report.broken.push({ page, link: raw, reason: 'not a valid URL' });
        continue;
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
      url.hash = '';
      url.search = '';
      const ours = url.href.startsWith(siteRoot);
      // A link written relative to this site but outside its base path points at nothing we deploy.
      const strayRelative = !ours && url.origin === siteOrigin && !/^[a-z][a-z0-9+.-]*:|^\/\//i.test(raw.trim());
      if (!ours && !strayRelative) {
        externalLinks.add(url.href);
        continue;
      }
      internal.add(url.href);
      if (served(url.pathname)) continue;
      // A static host answers a missing file with a 404.
      report.broken.push({ page, link: raw, reason: 'HTTP 404' });
    }
  }
  report.linksChecked = internal.size;
  report.externalSkipped = options.external ? 0 : externalLinks.size;
  if (internal.size < report.pages) {
    report.problems.push(`the ${report.pages} pages link to only ${internal.size} URLs on this site: the crawl did not see the site`);
  }
  if (options.external && externalLinks.size > 0) {
    const external = await checkExternal(htmlFiles, dir, basePath, siteRoot);
    report.linksChecked += external.checked;
    report.broken.push(...external.broken.map((b) => ({ ...b, page: b.page.startsWith(siteUrl) ? b.page.slice(siteUrl.length) : b.page })));
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
      if (url.origin !== siteOrigin) continue;
      const targetFile = served(url.pathname);
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
      if (url.origin !== siteOrigin || !served(url.pathname)) {
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
      const targetFile = served(url.pathname);
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
    const file = served(broken.page);
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

  report.pagesParsed = cache.parsed;
  cache.save();
  return report;
}

/**
 * Links to other sites, only when asked (`--external`): linkinator serves the folder on a local
 * port, reads every page and requests each external URL once, skipping the site's own links
 * (pass 1 has checked those against the files).
 */
async function checkExternal(
  htmlFiles: string[],
  dir: string,
  basePath: string,
  siteRoot: string,
): Promise<{ checked: number; broken: BrokenLink[] }> {
  const port = await freePort();
  const local = `http://127.0.0.1:${port}/`;
  const localWithBase = `http://127.0.0.1:${port}${basePath}`;
  // Absolute links carry the production origin: rewrite them to the local server, then skip them.
  const rewrites = [{ pattern: new RegExp(`^${escapeRegExp(siteRoot)}`), replacement: local }];
  if (basePath !== '/') rewrites.push({ pattern: new RegExp(`^${escapeRegExp(localWithBase)}`), replacement: local });
  // Loaded only when asked: it is about 30 MiB of the build process otherwise.
  const { LinkChecker, LinkState } = await import('linkinator');
  const result = await new LinkChecker().check({
    path: htmlFiles,
    serverRoot: dir,
    port,
    recurse: false,
    concurrency: 50,
    timeout: 20_000,
    urlRewriteExpressions: rewrites,
    linksToSkip: async (link) => link.startsWith(local),
  });
  const toPage = (url: string) => (url.startsWith(local) ? basePath + url.slice(local.length) : url);
  let checked = 0;
  const broken: BrokenLink[] = [];
  for (const link of result.links) {
    if (link.state === LinkState.SKIPPED) continue;
    checked++;
    if (link.state === LinkState.BROKEN) {
      broken.push({ page: toPage(link.parent ?? ''), link: link.url, reason: link.status ? `HTTP ${link.status}` : 'unreachable' });
    }
  }
  return { checked, broken };
}

/** Human-readable report, one broken link per line with the page it is on. */
export function formatReport(report: LinkCheckReport, dir: string): string {
  const lines = [
    `Checked ${report.linksChecked} distinct URLs linked from ${report.pages} pages in ${dir}` +
      (report.pagesParsed < report.pages ? ` (${report.pagesParsed} read again, the others unchanged since the last check)` : '') +
      ', ' +
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
