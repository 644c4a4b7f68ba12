/**
 * Maps URLs to the files of a built site, the way a static host serves them: `/a/` is
 * `a/index.html`, `/a` is `a.html` or `a/index.html`, anything else is the file itself.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

// Lives with the output folder's other helpers, which the Astro config loads too.
export { listFiles } from '../lib/output-dir.ts';

/** The URL path (with base) that serves a built file. */
export function urlPathFor(file: string, basePath: string): string {
  const path = file.endsWith('index.html') ? file.slice(0, -'index.html'.length) : file;
  return basePath + path;
}

/**
 * The files that could serve a URL path, in the order a static host tries them, or undefined when
 * the path is outside `basePath` (not served by this site) or cannot be decoded.
 */
function candidatesFor(urlPath: string, basePath: string): string[] | undefined {
  let path: string;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (!path.startsWith(basePath)) {
    // `/news` (no slash) for base `/news/` still reaches the index.
    if (`${path}/` !== basePath) return undefined;
    path = basePath;
  }
  const rel = path.slice(basePath.length);
  return rel === '' || rel.endsWith('/') ? [`${rel}index.html`] : [rel, `${rel}.html`, `${rel}/index.html`];
}

/** The built file in `dir` that serves a URL path, or undefined when none does. */
export function fileForPath(dir: string, urlPath: string, basePath: string): string | undefined {
  return candidatesFor(urlPath, basePath)?.find((candidate) => {
    const full = join(dir, candidate);
    return existsSync(full) && statSync(full).isFile();
  });
}

/** `fileForPath` against a list of the build's files instead of the disk: no system call per link. */
export function fileFromSet(files: ReadonlySet<string>, urlPath: string, basePath: string): string | undefined {
  return candidatesFor(urlPath, basePath)?.find((candidate) => files.has(candidate));
}
