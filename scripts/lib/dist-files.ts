/**
 * Maps URLs to the files of a built site, the way a static host serves them: `/a/` is
 * `a/index.html`, `/a` is `a.html` or `a/index.html`, anything else is the file itself.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Every file below `dir`, as paths relative to it with `/` separators, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** The URL path (with base) that serves a built file. */
export function urlPathFor(file: string, basePath: string): string {
  const path = file.endsWith('index.html') ? file.slice(0, -'index.html'.length) : file;
  return basePath + path;
}

/**
 * The built file that serves a URL path, or undefined when none does. `basePath` is stripped
 * first; a path outside the base is not served by this site.
 */
export function fileForPath(dir: string, urlPath: string, basePath: string): string | undefined {
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
  const candidates = rel === '' || rel.endsWith('/') ? [`${rel}index.html`] : [rel, `${rel}.html`, `${rel}/index.html`];
  for (const candidate of candidates) {
    const full = join(dir, candidate);
    if (existsSync(full) && statSync(full).isFile()) return candidate;
  }
  return undefined;
}

/** `fileForPath` against a list of the build's files instead of the disk: no system call per link. */
export function fileFromSet(files: ReadonlySet<string>, urlPath: string, basePath: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (!path.startsWith(basePath)) {
    if (`${path}/` !== basePath) return undefined;
    path = basePath;
  }
  const rel = path.slice(basePath.length);
  const candidates = rel === '' || rel.endsWith('/') ? [`${rel}index.html`] : [rel, `${rel}.html`, `${rel}/index.html`];
  return candidates.find((candidate) => files.has(candidate));
}
