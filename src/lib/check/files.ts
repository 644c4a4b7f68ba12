/**
 * Which files of a content folder are entries, and under which id: the one answer the content
 * check and the content loader both use, so the check never approves a file the site publishes
 * under another address, or skips one the site publishes.
 *
 * The file name is the id and the URL, so it must already be a slug: a name Astro would have to
 * change (`Foo Bar.mdx`, `Foo.mdx` beside `foo.mdx`) is refused with the name to use instead.
 * Symbolic links are refused rather than followed: a link could publish a file from outside the
 * content folder.
 */
import { lstatSync, readdirSync, readFileSync, type Dirent } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { slug as githubSlug } from 'github-slugger';
import type { ContentProblem } from '../validate.ts';

export type Collection = 'articles' | 'authors' | 'pages';

export interface EntryFile {
  collection: Collection;
  /** The entry's id: its URL segment. */
  id: string;
  /** Path relative to the content folder, `/`-separated. */
  file: string;
  /** Absolute path. */
  path: string;
}

export interface ContentFiles {
  entries: EntryFile[];
  /** Every file, relative to the content folder, `/`-separated (data files and images too). */
  files: string[];
  problems: ContentProblem[];
}

/** Where each collection's entries live, as a pattern of the path below the content folder. */
const LAYOUTS: { collection: Collection; match: RegExp; where: string }[] = [
  {
    collection: 'articles',
    match: /^articles\/(?:([^/]+)\.mdx|([^/]+)\/index\.mdx)$/,
    where: 'articles/<slug>.mdx or articles/<slug>/index.mdx',
  },
  { collection: 'authors', match: /^authors\/([^/]+)\.md$/, where: 'authors/<id>.md' },
  { collection: 'pages', match: /^pages\/([^/]+)\.mdx$/, where: 'pages/<slug>.mdx' },
];

/** Turns a path below the content folder into the path problems print: relative to `projectRoot`, `/`-separated. */
export function displayPaths(projectRoot: string, contentRoot: string): (file: string) => string {
  return (file) => relative(projectRoot, join(contentRoot, file)).split(sep).join('/') || '.';
}

/** Lists a content folder. `display` turns a content-relative path into the path problems print. */
export function listContentFiles(contentRoot: string, display: (file: string) => string): ContentFiles {
  const problems: ContentProblem[] = [];
  const listed: string[] = [];
  let dirents: Dirent[] = [];
  try {
    dirents = readdirSync(contentRoot, { recursive: true, withFileTypes: true });
  } catch {
    problems.push({ file: display('.'), field: 'folder', message: 'the content folder cannot be read', hint: 'check that it exists' });
  }
  const links: string[] = [];
  for (const dirent of dirents) {
    const file = relative(contentRoot, join(dirent.parentPath, dirent.name)).split(sep).join('/');
    if (dirent.isSymbolicLink()) {
      links.push(file);
      problems.push({
        file: display(file),
        field: 'file',
        message: 'symbolic links are not followed in the content folder',
        hint: 'replace the link with the file or folder itself',
      });
    } else if (dirent.isFile()) {
      listed.push(file);
    }
  }
  // A recursive listing goes on into a linked folder: nothing found through a link is used.
  const files = listed.filter((file) => !links.some((link) => file.startsWith(`${link}/`))).sort();
  const entries: EntryFile[] = [];
  const taken = new Map<string, string>();
  for (const file of files) {
    if (!/\.mdx?$/i.test(file)) continue;
    const entry = entryOf(file, contentRoot, display, problems);
    if (!entry) continue;
    const key = `${entry.collection}/${entry.id}`;
    const twin = taken.get(key);
    if (twin) {
      problems.push({
        file: display(file),
        field: 'file name',
        message: `the ${entry.collection === 'authors' ? 'id' : 'slug'} "${entry.id}" is already used by ${twin}`,
        hint: 'two files would publish at the same URL; rename one of them',
      });
      continue;
    }
    taken.set(key, display(file));
    entries.push(entry);
  }
  return { entries, files, problems };
}

function entryOf(file: string, contentRoot: string, display: (file: string) => string, problems: ContentProblem[]): EntryFile | undefined {
  const top = file.split('/')[0]!;
  const layout = LAYOUTS.find((candidate) => candidate.collection === top);
  if (!layout) return undefined;
  const match = layout.match.exec(file);
  if (!match) {
    problems.push({
      file: display(file),
      field: 'file name',
      message: `${layout.collection} live at ${layout.where}`,
      hint: /\.md$/i.test(file) && layout.collection !== 'authors' ? 'rename the file to .mdx' : 'move or rename this file',
    });
    return undefined;
  }
  const id = match[1] ?? match[2]!;
  const slug = githubSlug(id);
  if (slug !== id) {
    problems.push({
      file: display(file),
      field: 'file name',
      message: `"${id}" is not a URL slug: the address would be changed to "${slug || '(nothing)'}"`,
      hint: slug ? `rename it to ${file.replace(id, slug)}` : 'name it with letters or digits, words joined by hyphens',
    });
    return undefined;
  }
  return { collection: layout.collection, id, file, path: join(contentRoot, file) };
}

/**
 * The file an entry names (a hero image, an avatar, a body image), resolved against the entry's
 * own folder: it must stay inside the content folder, be a regular file and not a link.
 */
export function resolveEntryFile(
  contentRoot: string,
  entryFile: string,
  written: string,
  display: (file: string) => string,
): { path: string } | { problem: string; hint: string } {
  const path = resolve(contentRoot, dirname(entryFile), written);
  const inside = relative(contentRoot, path);
  if (inside === '' || inside.split(sep)[0] === '..' || isAbsolute(inside)) {
    return { problem: `"${written}" is outside the content folder`, hint: 'put the file beside the article and write ./name.jpg' };
  }
  let stat;
  try {
    stat = lstatSync(path);
  } catch {
    return {
      problem: `image file "${written}" not found (looked for ${display(inside.split(sep).join('/'))})`,
      hint: 'the path is relative to the file; put the image beside it, e.g. articles/<slug>/index.mdx with ./photo.jpg',
    };
  }
  if (stat.isSymbolicLink()) return { problem: `"${written}" is a symbolic link`, hint: 'replace the link with the file itself' };
  if (!stat.isFile()) return { problem: `"${written}" is not a file`, hint: 'name the image file itself' };
  return { path };
}

/**
 * A content file's text, which must be UTF-8: any other encoding (Windows-1252, Latin-1) would be
 * published with its accented letters replaced by U+FFFD. Otherwise, where the first byte that is
 * not UTF-8 is, as a line and column.
 */
export function readUtf8(path: string): { text: string } | { line: number; column: number; byte: number } {
  const bytes = readFileSync(path);
  const offset = firstInvalidUtf8(bytes);
  if (offset === -1) return { text: bytes.toString('utf8') };
  // Everything before the first bad byte is UTF-8.
  const before = bytes.subarray(0, offset).toString('utf8');
  return { ...pointAt(before, before.length), byte: bytes[offset]! };
}

/** The 1-based line and column, counted in characters, of `index` in `text`. */
export function pointAt(text: string, index: number): { line: number; column: number } {
  const lines = text.slice(0, index).split('\n');
  return { line: lines.length, column: lines.at(-1)!.length + 1 };
}

/** The offset of the first byte that does not belong to a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    for (let k = 1; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    // Overlong three- and four-byte forms, UTF-16 surrogates and code points past U+10FFFF.
    const second = bytes[i + 1]!;
    if ((b === 0xe0 && second < 0xa0) || (b === 0xed && second > 0x9f) || (b === 0xf0 && second < 0x90) || (b === 0xf4 && second > 0x8f))
      return i;
    i += length;
  }
  return -1;
}
