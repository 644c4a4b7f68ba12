/**
 * The search index: Pagefind reads the built pages and writes its index and interface into
 * `<outDir>/pagefind/`. Only elements marked `data-pagefind-body` are indexed (articles and docs
 * pages, without navigation, sharing or author boxes); drafts carry no such mark.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as pagefind from 'pagefind';

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
    const written = await index.writeFiles({ outputPath: dir });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write its files: ${written.errors.join('; ')}`);
    // The search page uses the default interface only: the other interfaces are dead weight.
    for (const file of UNUSED) rmSync(join(dir, file), { force: true });
    // addDirectory counts every HTML file it read; the entry file counts the pages it indexed.
    const entry = JSON.parse(readFileSync(join(dir, 'pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, { page_count: number }>;
    };
    return { pages: Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0) };
  } finally {
    await pagefind.close();
  }
}
