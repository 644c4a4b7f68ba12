/**
 * The content loader of articles, docs pages and authors, on Astro's public Loader API: it lists
 * the collection's files with the content check's own listing (../check/files.ts), compiles each
 * body with the one compiler (compile.ts), lets Astro validate the frontmatter against the
 * collection's schema (`parseData`), and stores the entry with its rendered metadata. An entry
 * whose file is unchanged (`generateDigest`) is not compiled again; in dev, `watcher` reloads the
 * collection when one of its files changes.
 *
 * The HTML itself is kept in a file beside the content store (stored-html.ts), not in the store.
 *
 * A problem stops `astro build` here too, unless the build's content check, which runs beside the
 * loading and finds the same problems and more, has found some: then the build stops with its
 * report. `astro dev` stores what is allowed of the entry and leaves the problems to the dev
 * server's overlay.
 */
import { readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { displayPaths, listContentFiles, resolveEntryFile, type Collection, type EntryFile } from '../check/files.ts';
import { buildCheck } from '../build-check.ts';
import { dataOf, readFrontmatter } from '../check/frontmatter.ts';
import { detached } from '../detached.ts';
import { keepOnly } from '../output-dir.ts';
import { problemReport, type ContentProblem } from '../validate.ts';
import { compile } from './compile.ts';
import { COMPILER } from './version.ts';
import { HtmlStore, htmlDirFor } from './stored-html.ts';

export interface EntriesLoaderOptions {
  collection: Collection;
  /** Absolute path of the content folder. */
  contentRoot: string;
  /** The build cache folder, where the rendered HTML is kept. */
  cacheDir: string;
  /** Prefixes a root-relative link or image with the site's base path. */
  withBase(path: string): string;
}

export function contentEntries(options: EntriesLoaderOptions): Loader {
  const { collection, contentRoot } = options;
  return {
    name: `newsroom:${collection}`,
    async load(context) {
      await sync(context, options);
      const { watcher, logger } = context;
      if (!watcher) return;
      const folder = join(contentRoot, collection);
      watcher.add(folder);
      let timer: NodeJS.Timeout | undefined;
      watcher.on('all', (_event, path) => {
        if (!path.startsWith(folder + sep)) return;
        clearTimeout(timer);
        timer = setTimeout(() => {
          sync(context, options).catch((error: unknown) => logger.error(error instanceof Error ? error.message : String(error)));
        }, 100);
      });
    },
  };
}

/** Brings the store in line with the collection's files; throws on any problem outside dev. */
async function sync(context: LoaderContext, options: EntriesLoaderOptions): Promise<void> {
  const { store, meta, config, watcher } = context;
  const { collection, contentRoot, cacheDir } = options;
  if (meta.get('renderer') !== COMPILER) {
    store.clear();
    meta.set('renderer', COMPILER);
  }
  const root = fileURLToPath(config.root);
  const display = displayPaths(root, contentRoot);
  const entries = listContentFiles(contentRoot, display).entries.filter((entry) => entry.collection === collection);
  const htmlDir = htmlDirFor(cacheDir, collection);
  const html = new HtmlStore(htmlDir);
  const problems: ContentProblem[] = [];
  try {
    for (const entry of entries) problems.push(...(await syncEntry(context, options, entry, html, display)));
  } catch (error) {
    await html.done().catch(() => {}); // The error that stopped the loading is the one to report.
    throw error;
  }
  await html.done();
  const ids = new Set(entries.map((entry) => entry.id));
  for (const id of store.keys()) if (!ids.has(id)) store.delete(id);
  keepOnly(htmlDir, new Set(store.values().map((entry) => String(entry.rendered?.metadata?.htmlFile))));
  if (problems.length > 0 && !watcher) {
    // The build's content check reports these with every other problem of the folder, and stops
    // the build once the content is loaded (../build-check.ts).
    const checked = await buildCheck()?.catch(() => undefined);
    if (checked && checked.length > 0) return;
    throw new Error(problemReport(problems));
  }
}

async function syncEntry(
  { store, parseData, generateDigest }: LoaderContext,
  { contentRoot, withBase, collection }: EntriesLoaderOptions,
  entry: EntryFile,
  html: HtmlStore,
  display: (file: string) => string,
): Promise<ContentProblem[]> {
  const file = display(entry.file);
  const source = readFileSync(entry.path, 'utf8');
  const digest = generateDigest(source);
  if (store.get(entry.id)?.digest === digest) return [];
  const frontmatter = readFrontmatter(source);
  if (typeof frontmatter === 'string') return [{ file, line: 1, field: 'frontmatter', message: frontmatter }];
  const raw = dataOf(frontmatter, file);
  if ('problem' in raw) return [raw.problem];
  const compiled = compile(source, { file, format: collection === 'authors' ? 'md' : 'mdx', withBase });
  const problems = [...compiled.problems];
  // Only images that are there go to Astro: a missing one would stop the dev server.
  const imagePaths = compiled.imagePaths.filter((path) => {
    const found = resolveEntryFile(contentRoot, entry.file, path, display);
    if ('problem' in found) problems.push({ file, field: 'image', message: found.problem, hint: found.hint });
    return !('problem' in found);
  });
  let data: Record<string, unknown>;
  try {
    data = await parseData({ id: entry.id, data: raw.data, filePath: entry.path });
  } catch (error) {
    return [...problems, { file, field: 'frontmatter', message: error instanceof Error ? error.message : String(error) }];
  }
  // Detached: the store keeps every entry for the whole build, and a value cut from the source
  // would keep the whole source with it (../detached.ts).
  const metadata = detached({
    headings: compiled.headings,
    imagePaths,
    words: compiled.words,
    renderer: COMPILER,
    htmlFile: html.put(compiled.html),
  });
  store.set({
    id: entry.id,
    data: detached(data),
    filePath: display(entry.file),
    digest,
    rendered: { html: '', metadata },
    // Astro imports these images so that render() can swap the content-image marker for them.
    assetImports: metadata.imagePaths,
  });
  return problems;
}
