/**
 * The search index: Pagefind reads the built pages and its index and interface go into
 * `<outDir>/pagefind/`. Only elements marked `data-pagefind-body` are indexed (articles and docs
 * pages, without navigation, sharing or author boxes); drafts carry no such mark.
 *
 * Pagefind writes its files itself, into a folder of the build cache: handing them to the build
 * process instead (`getFiles()`) brought every one into its heap as a string, on top of the
 * memory Astro still holds at that point. Like the rest of the output folder
 * (src/lib/output-dir.ts), `pagefind/` is then updated in place: Pagefind's files are named by the
 * hash of their content, so after one edit only a few are new. Those are copied, the files of the
 * earlier index are removed, and the rest are left alone.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as pagefind from 'pagefind';
import { keepOnly, listFiles } from '../lib/output-dir.ts';

const UNUSED = [
  'pagefind-component-ui.js',
  'pagefind-component-ui.css',
  'pagefind-modular-ui.js',
  'pagefind-modular-ui.css',
  'pagefind-highlight.js',
];

/** `workDir` is a folder of the build cache Pagefind may write into; it is emptied first and removed after. */
export async function buildSearchIndex(outDir: string, workDir: string): Promise<{ pages: number }> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  try {
    // Only articles and docs pages carry data-pagefind-body; the thousands of list pages
    // (archive/<n>/, topics/<id>/<n>/, authors/<id>/<n>/) would be read for nothing.
    const added = await index.addDirectory({ path: outDir, glob: '{articles/*/index.html,*/index.html}' });
    if (added.errors.length > 0) throw new Error(`Pagefind could not index ${outDir}: ${added.errors.join('; ')}`);
    const dir = join(outDir, 'pagefind');
    rmSync(workDir, { recursive: true, force: true });
    const written = await index.writeFiles({ outputPath: workDir });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write its files: ${written.errors.join('; ')}`);
    // The search page uses the default interface only: the other interfaces are dead weight.
    updateFolder(dir, workDir, new Set(listFiles(workDir).filter((file) => !UNUSED.includes(file))));
    rmSync(workDir, { recursive: true, force: true });
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

/** Makes `dir` hold exactly `files` of `source`, copying only those that are new or changed. */
function updateFolder(dir: string, source: string, files: ReadonlySet<string>): void {
  keepOnly(dir, files);
  for (const file of files) {
    const from = join(source, file);
    const target = join(dir, file);
    if (existsSync(target) && statSync(target).size === statSync(from).size && readFileSync(target).equals(readFileSync(from))) continue;
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(from, target);
  }
}
