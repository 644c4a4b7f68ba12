/**
 * The rendered HTML of MDX entries, kept in files beside Astro's content store instead of inside it.
 *
 * Astro bundles its whole content store into the build as one module (a JSON string literal,
 * parsed once to check it and again to render). With every article's HTML inside, that module
 * grows with the archive, and bundling it takes the build process memory it never gives back. So
 * the store keeps each entry's metadata and the name of its HTML file; `withStoredHtml` puts the
 * HTML back into the entry just before `render()`.
 *
 * Files are named by a hash of their content, so an unchanged entry keeps its file, and a changed
 * one gets a new file while the old one is removed (`keepOnly` in ../output-dir.ts).
 */
import { mkdirSync, readFileSync, writeFile } from 'node:fs';
import { join } from 'node:path';
import { hashOf } from '../cache-key.ts';
import { LimitedQueue } from '../limited-queue.ts';

/** Where the rendered HTML of a collection's entries lives, inside the build cache. */
export function htmlDirFor(cacheDir: string, collection: string): string {
  return join(cacheDir, 'rendered-html', collection);
}

/**
 * Files being written at once: each holds a file descriptor from its `open` to its `close`, and a
 * loading of 100,000 entries that started every write at once ran out of them (EMFILE).
 */
export const WRITES_AT_ONCE = 16;

/**
 * The rendered HTML of one loading of a collection, written into `dir` on libuv's threads while the
 * loader goes on compiling: a file created synchronously for each of 10,000 articles kept the
 * loading thread waiting on the disk for about 2 s of a cold build (BENCHMARKS.md).
 */
export class HtmlStore {
  readonly #dir: string;
  readonly #writes = new LimitedQueue(WRITES_AT_ONCE);
  #failure: Error | undefined;

  constructor(dir: string) {
    this.#dir = dir;
    mkdirSync(dir, { recursive: true });
  }

  /** Queues `html` to be written (unless an identical file is there) and returns the file's name. */
  put(html: string): string {
    const name = `${hashOf(html, 20)}.html`;
    this.#writes.add(
      () =>
        new Promise<void>((resolve) => {
          // `wx`: a file of that name holds the same HTML already, and keeps its time.
          writeFile(join(this.#dir, name), html, { flag: 'wx' }, (error) => {
            if (error && error.code !== 'EEXIST') this.#failure ??= error;
            resolve();
          });
        }),
    );
    return name;
  }

  /** Waits for every file `put` queued; rejects with the first write that failed. */
  async done(): Promise<void> {
    await this.#writes.idle();
    if (this.#failure) throw this.#failure;
  }
}

interface StoredEntry {
  id: string;
  rendered?: { html: string; metadata?: Record<string, unknown> | undefined } | undefined;
}

/** The entry with its rendered HTML read back from `dir`, ready for Astro's `render()`. */
export function withStoredHtml<E extends StoredEntry>(entry: E, dir: string): E {
  const name = entry.rendered?.metadata?.htmlFile;
  if (typeof name !== 'string') return entry;
  let html: string;
  try {
    html = readFileSync(join(dir, name), 'utf8');
  } catch {
    throw new Error(
      `The rendered HTML of "${entry.id}" (${join(dir, name)}) is missing from the build cache: ` +
        `delete ${join(dir, '..', '..')} and build again.`,
    );
  }
  return { ...entry, rendered: { ...entry.rendered, html } };
}
