/**
 * A content loader for MDX files that stores each entry already rendered to HTML (see render.ts),
 * so `render(entry)` costs no module and Astro bundles no file per article. The HTML itself is
 * kept in a file beside the content store (see stored-html.ts).
 *
 * It is Astro's `glob()` loader (same ids, the same skipping of unchanged files, the same watching
 * in dev) with the `.mdx` entry type's renderer replaced by ours. `glob()` reads the entry types
 * from a field of the loader context that is not in its public type; if a later Astro drops it,
 * the loader stops with a message rather than rendering nothing.
 */
import { glob, type Loader, type LoaderContext } from 'astro/loaders';
import { versionOf } from '../cache-key.ts';
import { countWords } from '../reading.ts';
import { renderMdxBody } from './render.ts';
import { keepOnly } from '../output-dir.ts';
import { htmlDirFor, storeHtml } from './stored-html.ts';

interface EntryType {
  getEntryInfo(input: { contents: string; fileUrl: URL }): Promise<{ data: Record<string, unknown>; body: string }>;
  getRenderFunction?: (config: unknown) => Promise<(entry: RenderInput) => Promise<unknown>>;
}

interface RenderInput {
  body?: string;
  filePath?: string;
}

/**
 * A hash of the renderer's own source. glob() re-renders only files whose text changed, and the
 * incremental page cache keys on the same digest, so a change to how MDX becomes HTML must clear
 * the stored entries (and, through `metadata.renderer`, the page keys) itself.
 */
const RENDERER = versionOf(
  ...['render.ts', 'components.ts', 'loader.ts', 'stored-html.ts', '../reading.ts'].map((file) => new URL(file, import.meta.url)),
);

export interface MdxHtmlOptions {
  pattern: string;
  base: string;
  /** Prefixes a root-relative link or image with the site's base path. */
  withBase(path: string): string;
  /** The build cache folder, where the rendered HTML is kept. */
  cacheDir: string;
}

export function mdxAsHtml({ pattern, base, withBase, cacheDir }: MdxHtmlOptions): Loader {
  // The body is not kept: what the pages need of it (the word count) is in the rendered metadata.
  const files = glob({ pattern, base, retainBody: false });
  return {
    name: 'newsroom:mdx-as-html',
    async load(context) {
      const { entryTypes } = context as LoaderContext & { entryTypes?: Map<string, EntryType> };
      const mdx = entryTypes?.get('.mdx');
      if (!mdx) {
        throw new Error('The MDX loader found no .mdx entry type: is @astrojs/mdx in the integrations of astro.config.mjs?');
      }
      if (context.meta.get('renderer') !== RENDERER) {
        context.store.clear();
        context.meta.set('renderer', RENDERER);
      }
      const htmlDir = htmlDirFor(cacheDir, context.collection);
      // glob() logs a render error and stores the entry without a body; collect them to fail instead.
      const failures: string[] = [];
      const renderer = async ({ body = '', filePath = '' }: RenderInput) => {
        try {
          const { html, headings, imagePaths } = renderMdxBody(body, { file: filePath, withBase });
          const htmlFile = storeHtml(htmlDir, html);
          return { html: '', metadata: { headings, imagePaths, words: countWords(body), renderer: RENDERER, htmlFile } };
        } catch (error) {
          failures.push(error instanceof Error ? error.message : String(error));
          throw error;
        }
      };
      const mdxAsHtml: EntryType = { ...mdx, getRenderFunction: async () => renderer };
      await files.load({ ...context, entryTypes: new Map(entryTypes).set('.mdx', mdxAsHtml) } as LoaderContext);
      if (failures.length) {
        throw new Error(
          `${failures.length} MDX file(s) could not be rendered (run npm run check:content for details):\n${failures.join('\n')}`,
        );
      }
      keepOnly(htmlDir, new Set([...context.store.values()].map((entry) => String(entry.rendered?.metadata?.htmlFile))));
    },
  };
}
