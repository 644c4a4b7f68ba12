/**
 * The dev server's share of the pipeline: the content check runs when the server starts and again
 * whenever a content file changes, its problems go to the terminal, and while there are any every
 * page shows them in Astro's error overlay instead of rendering (src/lib/dev-problems.ts). Search
 * works too: the index is built from the dev server's own pages the first time the search page
 * asks for it, and again after content changes.
 */
import { sep } from 'node:path';
import type { AstroIntegrationLogger } from 'astro';
import type { ViteDevServer } from 'vite';
import { listContentFiles } from '../lib/check/files.ts';
import { devProblems, setDevProblems } from '../lib/dev-problems.ts';
import { problemReport, type ContentProblem } from '../lib/validate.ts';
import { makePaths } from '../lib/urls.ts';
import { runContentCheck } from './check.ts';
import type { ResolvedSite } from './options.ts';
import { searchIndexInMemory } from './search-index.ts';

const CONTENT_TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json',
  wasm: 'application/wasm',
};

export async function setupDevServer(server: ViteDevServer, site: ResolvedSite, logger: AstroIntegrationLogger): Promise<void> {
  const paths = makePaths(site.basePath);
  let search: Promise<Map<string, Uint8Array>> | undefined;

  const check = async () => {
    let problems: ContentProblem[];
    try {
      problems = await runContentCheck(site);
    } catch (error) {
      logger.error(`The content check could not run: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    const before = JSON.stringify(devProblems());
    setDevProblems(problems);
    search = undefined;
    if (problems.length > 0) logger.error(problemReport(problems));
    if (JSON.stringify(problems) !== before) {
      if (problems.length === 0) logger.info('Content check passed.');
      server.hot.send({ type: 'full-reload' });
    }
  };
  await check();

  let timer: NodeJS.Timeout | undefined;
  server.watcher.add(site.contentRoot);
  server.watcher.on('all', (_event, path) => {
    if (!path.startsWith(site.contentRoot + sep)) return;
    clearTimeout(timer);
    timer = setTimeout(() => void check(), 150);
  });

  const prefix = paths.searchAsset('');
  server.middlewares.use((request, response, next) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (!path.startsWith(prefix)) return next();
    const address = server.httpServer?.address();
    if (!address || typeof address === 'string') return next();
    search ??= indexDevPages(site, `http://localhost:${address.port}`);
    search.then(
      (files) => {
        const file = files.get(path.slice(prefix.length));
        if (!file) {
          response.statusCode = 404;
          response.end();
          return;
        }
        response.setHeader('Content-Type', CONTENT_TYPES[path.split('.').pop() ?? ''] ?? 'application/octet-stream');
        response.end(file);
      },
      (error: unknown) => {
        search = undefined;
        next(error);
      },
    );
  });
}

/** Pagefind's files for the articles and docs pages as the dev server renders them. */
async function indexDevPages(site: ResolvedSite, origin: string): Promise<Map<string, Uint8Array>> {
  const paths = makePaths(site.basePath);
  const { entries } = listContentFiles(site.contentRoot, (file) => file);
  const urls = entries.flatMap((entry) =>
    entry.collection === 'articles' ? [paths.article(entry.id)] : entry.collection === 'pages' ? [paths.page(entry.id)] : [],
  );
  const pages = [];
  for (const url of urls) {
    const response = await fetch(new URL(url, origin));
    // Result URLs are stored without the base path, as in a build: the search page adds it.
    if (response.ok) pages.push({ url: `/${url.slice(site.basePath.length)}`, html: await response.text() });
  }
  return searchIndexInMemory(pages);
}
