/**
 * The search index: Pagefind reads the built pages and its index and interface go into
 * `<outDir>/pagefind/`. Only elements marked `data-pagefind-body` are indexed (articles and docs
 * pages, without navigation, sharing or author boxes); drafts carry no such mark.
 *
 * Like the rest of the output folder (src/lib/output-dir.ts), the folder is updated in place:
 * Pagefind's files are named by the hash of their content, so after one edit only a few of its
 * many files are new. Those are written, the files of the earlier index are removed, and the rest
 * are left alone.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as pagefind from 'pagefind';
import { keepOnly } from '../lib/output-dir.ts';

const UNUSED = [
  'pagefind-component-ui.js',
  'pagefind-component-ui.css',
  'pagefind-modular-ui.js',
  'pagefind-modular-ui.css',
  'pagefind-highlight.js',
];

export async function buildSearchIndex(outDir: string): Promise<{ pages: number }> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  try {
    // Only articles and docs pages carry data-pagefind-body; the thousands of list pages
    // (archive/<n>/, topics/<id>/<n>/, authors/<id>/<n>/) would be read for nothing.
    const added = await index.addDirectory({ path: outDir, glob: '{articles/*/index.html,*/index.html}' });
    if (added.errors.length > 0) throw new Error(`Pagefind could not index ${outDir}: ${added.errors.join('; ')}`);
    const dir = join(outDir, 'pagefind');
    const output = await index.getFiles();
    if (output.errors.length > 0) throw new Error(`Pagefind could not produce its files: ${output.errors.join('; ')}`);
    // The search page uses the default interface only: the other interfaces are dead weight.
    const files = output.files.filter((file) => !UNUSED.includes(file.path));
    updateFolder(dir, files);
    // addDirectory counts every HTML file it read; the entry file counts the pages it indexed.
    const entry = JSON.parse(readFileSync(join(dir, 'pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, { page_count: number }>;
    };
    return { pages: Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0) };
  } finally {
    await pagefind.close();
  }
}

/** Pagefind's files for pages given as HTML (the dev server's), in memory, by path below `pagefind/`. */
export async function searchIndexInMemory(pages: readonly { url: string; html: string }[]): Promise<Map<string, Uint8Array>> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  try {
    for (const page of pages) await index.addHTMLFile({ url: page.url, content: page.html });
    const output = await index.getFiles();
    if (output.errors.length > 0) throw new Error(`Pagefind could not index the pages: ${output.errors.join('; ')}`);
    return new Map(output.files.map((file) => [file.path, file.content]));
  } finally {
    await pagefind.close();
  }
}

/** Makes `dir` hold exactly `files`, writing only those that are new or changed. */
function updateFolder(dir: string, files: readonly { path: string; content: Uint8Array }[]): void {
  keepOnly(dir, new Set(files.map((file) => file.path)));
  for (const file of files) {
    const target = join(dir, file.path);
    if (existsSync(target) && Buffer.compare(readFileSync(target), file.content) === 0) continue;
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.content);
  }
}
