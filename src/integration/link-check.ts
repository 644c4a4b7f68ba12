/**
 * The link check of a built site, in one scan of each page: every link to the site (pages,
 * images, srcset candidates, stylesheets, feeds) must name a file in the build; every internal
 * `#fragment` must name an id on its target page (linkinator's own fragment check misses anchors on
 * larger sites, linkinator PR 880 closed unmerged); the URLs inside feeds and sitemaps must be
 * absolute and must exist. linkinator requests links to other sites, only when asked.
 */
import { readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { hashOf } from '../lib/cache-key.ts';
import { fileFromSet, listFiles, urlPathFor } from './dist-files.ts';
import { lineContaining, scanXmlEnclosures, scanXmlUrls, type PageScan } from './html-scan.ts';
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
  /** File that keeps each page's scan until the next check (./scan-cache.ts); none: parse every page. */
  scanCache?: string | undefined;
  /** The build's files as `listFiles` gives them, when the caller has listed them already. */
  files?: readonly string[] | undefined;
  /**
   * A folder of the build still being written while the check runs (`pagefind/`): links into it
   * are not judged but handed back in `pending`, for `checkPending` once it is written.
   */
  pending?: string | undefined;
}

/** A link into the folder still being written, to look up once it is. */
export interface PendingLink {
  page: string;
  link: string;
  /** The URL path it names. */
  path: string;
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
  /** Files of the build that pages, feeds and sitemaps link to. */
  linked: Set<string>;
  /** The distinct `<meta>` security policies of the pages, for `_headers`. */
  policies: string[];
  /** Links into `options.pending`, not judged yet. */
  pending: PendingLink[];
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

/** What the passes need of a link's URL once it is resolved against its page. */
interface LinkUrl {
  protocol: string;
  origin: string;
  pathname: string;
  hash: string;
  /** The URL without its #fragment and ?query. */
  bare: string;
}

/**
 * The build under check: its pages and feeds, the file that serves a URL path, and each page's
 * scan, read at most once per check.
 */
interface BuiltSite {
  dir: string;
  siteUrl: string;
  basePath: string;
  /** `siteUrl`'s origin: links there but outside the base path point at nothing deployed. */
  siteOrigin: string;
  /** The site's root URL, base path included. */
  siteRoot: string;
  htmlFiles: string[];
  xmlFiles: string[];
  /** The built file a static host would serve for a URL path, or undefined. */
  served(urlPath: string): string | undefined;
  /** A link resolved against the page's URL, or undefined when it is not a valid URL. */
  resolve(raw: string, pageUrl: string): LinkUrl | undefined;
  /** The scan of a page (a path relative to `dir`), from the scan cache or parsed once. */
  scanOf(file: string): PageScan;
}

/**
 * Checks the build in `options.dir`: the site's own links, links to other sites when asked,
 * #fragments, then feed and sitemap URLs. Broken links are listed in the order the passes find them.
 */
export async function checkLinks(options: LinkCheckOptions): Promise<LinkCheckReport> {
  const { files, htmlFiles, xmlFiles } = collectFiles(options.dir, options.files);
  const report: LinkCheckReport = {
    pages: htmlFiles.length,
    pagesParsed: 0,
    linksChecked: 0,
    externalSkipped: 0,
    fragmentsChecked: 0,
    feedUrlsChecked: 0,
    broken: [],
    linked: new Set(),
    policies: [],
    pending: [],
    problems: [],
  };
  if (htmlFiles.length === 0) {
    report.problems.push(`no HTML pages found in ${options.dir}`);
    return report;
  }
  const cache = new ScanCache(options.scanCache);
  const site = builtSite(options, files, htmlFiles, xmlFiles, cache);

  const { internal, external } = checkInternalLinks(site, report, options.pending);
  report.linksChecked = internal.size;
  report.externalSkipped = options.external ? 0 : external.size;
  if (internal.size < report.pages) {
    report.problems.push(`the ${report.pages} pages link to only ${internal.size} URLs on this site: the crawl did not see the site`);
  }
  if (options.external && external.size > 0) {
    const checked = await checkExternalLinks(site);
    report.linksChecked += checked.checked;
    report.broken.push(...checked.broken);
  }
  report.fragmentsChecked = checkFragments(site, report.broken);
  report.feedUrlsChecked = checkFeedUrls(site, report.broken, report.linked);
  pointAtSources(site, report.broken, options.projectRoot ?? process.cwd());
  report.policies = [...new Set(htmlFiles.map((file) => site.scanOf(file).policy).filter((policy) => policy !== undefined))];

  report.pagesParsed = cache.parsed;
  cache.save();
  return report;
}

/** Every file of the build, relative to `dir`, with the pages and the feeds and sitemaps apart. */
function collectFiles(dir: string, listed?: readonly string[]): { files: readonly string[]; htmlFiles: string[]; xmlFiles: string[] } {
  const files = listed ?? listFiles(dir);
  return { files, htmlFiles: files.filter((file) => file.endsWith('.html')), xmlFiles: files.filter((file) => file.endsWith('.xml')) };
}

/** The build as the passes read it; each page is scanned through `cache` the first time a pass asks. */
function builtSite(
  { dir, siteUrl, basePath }: LinkCheckOptions,
  files: readonly string[],
  htmlFiles: string[],
  xmlFiles: string[],
  cache: ScanCache,
): BuiltSite {
  const scans = new Map<string, PageScan>();
  // A set of the file names instead of the disk: no system call per link.
  const fileSet = new Set(files);
  const served = new Map<string, string | undefined>();
  // Pages repeat the same navigation: a link that means the same on every page (it starts with `/`,
  // or with a scheme and `//`) is resolved once per check.
  const resolved = new Map<string, LinkUrl | undefined>();
  const samePerPage = /^(?:\/|[a-z][a-z0-9+.-]*:\/\/)/i;
  const resolveOnce = (raw: string, pageUrl: string): LinkUrl | undefined => {
    let url: URL;
    try {
      url = new URL(raw, pageUrl);
    } catch {
      return undefined;
    }
    const { protocol, origin, pathname, hash } = url;
    url.hash = '';
    url.search = '';
    return { protocol, origin, pathname, hash, bare: url.href };
  };
  return {
    dir,
    siteUrl,
    basePath,
    siteOrigin: new URL(siteUrl).origin,
    siteRoot: new URL(basePath, siteUrl).href,
    htmlFiles,
    xmlFiles,
    served: (urlPath) => {
      if (!served.has(urlPath)) served.set(urlPath, fileFromSet(fileSet, urlPath, basePath));
      return served.get(urlPath);
    },
    resolve: (raw, pageUrl) => {
      if (!samePerPage.test(raw)) return resolveOnce(raw, pageUrl);
      if (!resolved.has(raw)) resolved.set(raw, resolveOnce(raw, pageUrl));
      return resolved.get(raw);
    },
    scanOf: (file) => {
      let scan = scans.get(file);
      if (!scan) {
        scan = cache.scan(file, join(dir, file));
        scans.set(file, scan);
      }
      return scan;
    },
  };
}

/**
 * Pass 1: every link to this site must name a file in the build, as a static host would serve it.
 * Checked against the list of files rather than requested through a local server: a file either
 * exists or not, and requesting every page is far slower. Returns the distinct URLs seen on this
 * site and on other sites.
 */
function checkInternalLinks(
  site: BuiltSite,
  report: LinkCheckReport,
  pendingDir: string | undefined,
): { internal: Set<string>; external: Set<string> } {
  const { broken, pending } = report;
  const { siteUrl, basePath, siteOrigin, siteRoot } = site;
  const pendingPath = pendingDir === undefined ? undefined : basePath + pendingDir;
  const internal = new Set<string>();
  const external = new Set<string>();
  for (const file of site.htmlFiles) {
    const page = urlPathFor(file, basePath);
    const pageUrl = siteUrl + page;
    for (const raw of site.scanOf(file).links) {
      const url = site.resolve(raw, pageUrl);
      if (!url) {
        broken.push({ page, link: raw, reason: 'not a valid URL' });
        continue;
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
      const ours = url.bare.startsWith(siteRoot);
      // A link written relative to this site but outside its base path points at nothing we deploy.
      const strayRelative = !ours && url.origin === siteOrigin && !/^[a-z][a-z0-9+.-]*:|^\/\//i.test(raw.trim());
      if (!ours && !strayRelative) {
        external.add(url.bare);
        continue;
      }
      internal.add(url.bare);
      if (pendingPath !== undefined && url.pathname.startsWith(pendingPath)) {
        pending.push({ page, link: raw, path: url.pathname });
        continue;
      }
      judge(report, page, raw, site.served(url.pathname));
    }
  }
  return { internal, external };
}

/** A link to this site: the file it reaches is linked, or, when none does, the link is broken as a static host answers it. */
function judge({ broken, linked }: LinkCheckReport, page: string, link: string, target: string | undefined): void {
  if (target) linked.add(target);
  else broken.push({ page, link, reason: 'HTTP 404' });
}

/** The id a URL's `#hash` names, or undefined when its percent-encoding is broken (`#%E0%A4`). */
function fragmentOf(hash: string): string | undefined {
  try {
    return decodeURIComponent(hash.slice(1));
  } catch {
    return undefined;
  }
}

/**
 * Judges the links `checkLinks` left pending, now that their folder is written: `files` are the
 * build's files as `listFiles` gives them. Adds to the report's broken and linked files.
 */
export function checkPending(report: LinkCheckReport, files: readonly string[], basePath: string): void {
  const fileSet = new Set(files);
  for (const { page, link, path } of report.pending) judge(report, page, link, fileFromSet(fileSet, path, basePath));
  report.pending = [];
}

/** Pass 2: every internal #fragment must name an id on its target page. Returns how many were checked. */
function checkFragments(site: BuiltSite, broken: BrokenLink[]): number {
  let checked = 0;
  for (const file of site.htmlFiles) {
    const pageUrl = site.siteUrl + urlPathFor(file, site.basePath);
    for (const raw of site.scanOf(file).links) {
      const hash = raw.indexOf('#');
      if (hash === -1 || hash === raw.length - 1) continue;
      const url = site.resolve(raw, pageUrl);
      if (!url || url.origin !== site.siteOrigin) continue;
      const targetFile = site.served(url.pathname);
      if (!targetFile || !targetFile.endsWith('.html')) continue; // a missing page is pass 1's finding
      checked++;
      const fragment = fragmentOf(url.hash);
      if (fragment === undefined || !site.scanOf(targetFile).ids.has(fragment)) {
        broken.push({
          page: urlPathFor(file, site.basePath),
          link: raw,
          reason:
            fragment === undefined ? `the #fragment is not valid percent-encoding` : `no element with id "${fragment}" on ${url.pathname}`,
          source: undefined,
        });
      }
    }
  }
  return checked;
}

/**
 * Pass 3: feeds and sitemaps must use absolute URLs that exist in the build, and a file a feed
 * gives the size of (an enclosure) must have that size: a reader stops at the length it is given.
 * Returns how many URLs were checked.
 */
function checkFeedUrls(site: BuiltSite, broken: BrokenLink[], linked: Set<string>): number {
  const { siteUrl, basePath } = site;
  let checked = 0;
  for (const file of site.xmlFiles) {
    const xml = readFileSync(join(site.dir, file), 'utf8');
    const feed = urlPathFor(file, basePath);
    /** The built file an absolute URL of this site names, once the URL is checked; undefined otherwise. */
    const check = (raw: string): string | undefined => {
      checked++;
      if (!/^[a-z][a-z0-9+.-]*:/i.test(raw)) {
        broken.push({ page: feed, link: raw, reason: 'relative URL: feed readers and crawlers need absolute URLs' });
        return undefined;
      }
      if (!raw.startsWith(`${siteUrl}/`) && raw !== siteUrl) return undefined;
      const url = site.resolve(raw, siteUrl);
      if (!url) {
        broken.push({ page: feed, link: raw, reason: 'not a valid URL' });
        return undefined;
      }
      const targetFile = site.served(url.pathname);
      if (targetFile) linked.add(targetFile);
      if (!targetFile) {
        broken.push({ page: feed, link: raw, reason: 'no such file in the build' });
      } else if (url.hash.length > 1 && targetFile.endsWith('.html')) {
        const fragment = fragmentOf(url.hash);
        if (fragment === undefined) {
          broken.push({ page: feed, link: raw, reason: 'the #fragment is not valid percent-encoding' });
        } else if (!site.scanOf(targetFile).ids.has(fragment)) {
          broken.push({ page: feed, link: raw, reason: `no element with id "${fragment}" on ${url.pathname}` });
        }
      }
      return targetFile;
    };
    // An Atom enclosure's href is among the URLs already: it is checked, and reported, once.
    const found = new Map<string, string | undefined>();
    for (const raw of scanXmlUrls(xml)) found.set(raw, check(raw));
    for (const { url, length } of scanXmlEnclosures(xml)) {
      const targetFile = found.has(url) ? found.get(url) : check(url);
      if (!targetFile) continue;
      const size = statSync(join(site.dir, targetFile)).size;
      if (length !== String(size)) {
        const declared = length === '' ? 'gives no length' : `gives its length as ${length} bytes`;
        broken.push({ page: feed, link: url, reason: `the feed ${declared}, but the file has ${size}` });
      }
    }
  }
  return checked;
}

/** Points each broken link on a page built from a content file at the line that wrote it. */
function pointAtSources(site: BuiltSite, broken: BrokenLink[], projectRoot: string): void {
  const { basePath } = site;
  for (const found of broken) {
    const file = site.served(found.page);
    const sourceFile = file?.endsWith('.html') ? site.scanOf(file).source : undefined;
    if (!sourceFile) continue;
    let sourceText: string;
    try {
      sourceText = readFileSync(join(projectRoot, sourceFile), 'utf8');
    } catch {
      found.source = { file: sourceFile };
      continue;
    }
    const linkPath = found.link.startsWith(basePath) && basePath !== '/' ? `/${found.link.slice(basePath.length)}` : found.link;
    const lastSegment = linkPath.split(/[/#?]/).filter(Boolean).at(-1) ?? linkPath;
    const line = lineContaining(sourceText, linkPath) ?? lineContaining(sourceText, lastSegment);
    found.source = { file: sourceFile, line };
  }
}

/**
 * Links to other sites, only when asked (`CHECK_EXTERNAL_LINKS=1`, or `npm run check:links --
 * --external`): linkinator serves the folder on a local port, reads every page and requests each
 * external URL once, skipping the site's own links (pass 1 has checked those against the files).
 * Pages are named by their URL path, as the other passes name them.
 */
async function checkExternalLinks(site: BuiltSite): Promise<{ checked: number; broken: BrokenLink[] }> {
  const { dir, siteUrl, basePath, siteRoot } = site;
  const port = await freePort();
  const local = `http://127.0.0.1:${port}/`;
  const localWithBase = `http://127.0.0.1:${port}${basePath}`;
  // Absolute links carry the production origin: rewrite them to the local server, then skip them.
  const rewrites = [{ pattern: new RegExp(`^${escapeRegExp(siteRoot)}`), replacement: local }];
  if (basePath !== '/') rewrites.push({ pattern: new RegExp(`^${escapeRegExp(localWithBase)}`), replacement: local });
  // Loaded only when asked: otherwise it would only add to the build process's memory.
  const { LinkChecker, LinkState } = await import('linkinator');
  const result = await new LinkChecker().check({
    path: site.htmlFiles,
    serverRoot: dir,
    port,
    recurse: false,
    concurrency: 50,
    timeout: 20_000,
    urlRewriteExpressions: rewrites,
    linksToSkip: async (link) => link.startsWith(local),
  });
  const toPage = (url: string) => (url.startsWith(local) ? basePath + url.slice(local.length) : url);
  const withoutOrigin = (page: string) => (page.startsWith(siteUrl) ? page.slice(siteUrl.length) : page);
  let checked = 0;
  const broken: BrokenLink[] = [];
  for (const link of result.links) {
    if (link.state === LinkState.SKIPPED) continue;
    checked++;
    if (link.state === LinkState.BROKEN) {
      broken.push({
        page: withoutOrigin(toPage(link.parent ?? '')),
        link: link.url,
        reason: link.status ? `HTTP ${link.status}` : 'unreachable',
      });
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
      (report.externalSkipped ? ` (${report.externalSkipped} external links skipped; set CHECK_EXTERNAL_LINKS=1 to check them)` : ''),
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
