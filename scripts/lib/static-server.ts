/**
 * Serves a built site the way a static host or CDN does, with sirv (from the npm registry): clean
 * directory URLs (`/a/` is `a/index.html`, `/a` redirects to `/a/`), the site's `404.html` with
 * status 404 for anything else, content types by extension, and the headers of the output's own
 * `_headers` file, as Netlify and Cloudflare Pages apply them. Browser tests and `npm run audit`
 * use it, and `npm run serve` for a look at what a host will send.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import sirv from 'sirv';
import { headersFor, parseHeadersFile, type HeaderRule } from '../../src/lib/security-headers.ts';

export interface RunningServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  origin: string;
  close(): Promise<void>;
}

/** Files a host reads for its own configuration and never serves. */
const HOST_FILES = new Set(['/_headers', '/_redirects']);

/**
 * `precompressed`: serve `<file>.br` or `<file>.gz` beside a file when the browser accepts them, as
 * CDNs send text compressed (npm run audit writes them; tests measure gzip sizes on their own).
 */
export async function startServer(dir: string, { port = 0, host = '127.0.0.1', precompressed = false } = {}): Promise<RunningServer> {
  const root = resolve(dir);
  const headersFile = join(root, '_headers');
  const rules: HeaderRule[] = existsSync(headersFile) ? parseHeadersFile(readFileSync(headersFile, 'utf8')) : [];
  const notFoundPage = join(root, '404.html');
  // etag on, so repeated views revalidate as they would on a CDN; no dev mode: files are listed once.
  const files = sirv(root, { etag: true, dotfiles: false, extensions: ['html'], gzip: precompressed, brotli: precompressed });

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let path = url.pathname;
    try {
      path = decodeURIComponent(path);
    } catch {
      // A malformed escape matches no file: the 404 below answers it.
    }
    for (const [name, value] of Object.entries(headersFor(rules, url.pathname))) res.setHeader(name, value);
    const notFound = () => {
      res.statusCode = 404;
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.setHeader('Cache-Control', 'no-cache');
      res.end(existsSync(notFoundPage) && req.method !== 'HEAD' ? readFileSync(notFoundPage) : undefined);
    };
    if (HOST_FILES.has(path)) return notFound();
    // A directory without its trailing slash: redirect, so relative URLs and canonicals agree.
    const last = path.split('/').at(-1)!;
    if (last !== '' && !last.includes('.')) {
      const index = join(root, path, 'index.html');
      if (index.startsWith(root) && existsSync(index) && statSync(index).isFile()) {
        res.statusCode = 301;
        res.setHeader('Location', `${url.pathname}/${url.search}`);
        return res.end();
      }
    }
    files(req, res, notFound);
  });

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, done);
  });
  const address = server.address() as AddressInfo;
  return {
    origin: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
