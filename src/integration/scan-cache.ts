/**
 * Page scans kept from one link check to the next. The build updates its output folder in place
 * (src/lib/output-dir.ts), so a page that did not change is the same file as last time: same
 * size and modification time, the test `make` and `rsync` rely on. Its ids and links are
 * read from here instead of parsing the page again, which is much of the link check's work on a
 * large site. Any change to the file, or to the scanner's code, means a fresh scan.
 */
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { versionOf } from '../lib/cache-key.ts';
import { detachedString } from '../lib/detached.ts';
import { scanHtml, type PageScan } from './html-scan.ts';

/** The scanner's code and this file's format: a change to either makes every stored scan stale. */
const VERSION = versionOf(new URL('./html-scan.ts', import.meta.url), new URL(import.meta.url));

/** One page: its file key, then its ids, links, source and policy as indexes into `strings`. */
type StoredPage = [key: string, ids: number[], links: number[], source: number | null, policy: number | null];

interface Stored {
  version: string;
  strings: string[];
  pages: Record<string, StoredPage>;
}

export class ScanCache {
  readonly #file: string | undefined;
  readonly #previous: Map<string, { key: string; scan: () => PageScan }>;
  readonly #current = new Map<string, { key: string; scan: PageScan }>();
  /** Pages parsed in this run (not found in the cache). */
  parsed = 0;
  readonly #strings = new Map<string, string>();

  /**
   * One string of its own for each distinct link or id. What the HTML parser hands over are slices
   * of the page's text, each of which keeps the whole page in memory; and every page repeats the
   * navigation's links. Kept as they came, the scans of 10,000 articles held every page, 409 MiB.
   */
  readonly #intern = (text: string): string => {
    const known = this.#strings.get(text);
    if (known !== undefined) return known;
    const own = detachedString(text);
    this.#strings.set(own, own);
    return own;
  };

  /** `file` undefined: no cache, every page is parsed. */
  constructor(file?: string) {
    this.#file = file;
    this.#previous = new Map();
    if (!file) return;
    let stored: Stored;
    try {
      stored = JSON.parse(readFileSync(file, 'utf8')) as Stored;
    } catch {
      return; // No cache yet, or an unreadable one: scan everything.
    }
    if (stored.version !== VERSION) return;
    const { strings } = stored;
    const at = (i: number | null) => (i === null ? undefined : strings[i]);
    for (const [path, [key, ids, links, source, policy]] of Object.entries(stored.pages)) {
      const scan = () => ({
        ids: new Set(ids.map((i) => strings[i]!)),
        links: links.map((i) => strings[i]!),
        source: at(source),
        policy: at(policy),
      });
      this.#previous.set(path, { key, scan });
    }
  }

  /** The scan of `path` (relative to the site) at `fullPath`, from the cache when the file is unchanged. */
  scan(path: string, fullPath: string): PageScan {
    // Size and modification time to the second: a CI job restores the output folder from its cache
    // as new files (other inodes) with their times, to the second or finer depending on the archive.
    const { size, mtimeMs } = statSync(fullPath);
    const key = `${size}:${Math.floor(mtimeMs / 1000)}`;
    const previous = this.#previous.get(path);
    let scan: PageScan;
    if (previous?.key === key) {
      scan = previous.scan();
    } else {
      const fresh = scanHtml(readFileSync(fullPath, 'utf8'));
      const own = (text: string | undefined) => (text === undefined ? undefined : this.#intern(text));
      scan = {
        ids: new Set([...fresh.ids].map(this.#intern)),
        links: fresh.links.map(this.#intern),
        source: own(fresh.source),
        policy: own(fresh.policy),
      };
      this.parsed++;
    }
    this.#current.set(path, { key, scan });
    return scan;
  }

  /**
   * Stores the scans of this run (pages no longer in the site are dropped), written page by page:
   * the whole file as one string was, at 10,000 articles, most of the link check's memory.
   */
  save(): void {
    if (!this.#file) return;
    const strings: string[] = [];
    const index = new Map<string, number>();
    const ref = (text: string) => {
      let i = index.get(text);
      if (i === undefined) {
        i = strings.push(text) - 1;
        index.set(text, i);
      }
      return i;
    };
    mkdirSync(dirname(this.#file), { recursive: true });
    const temporary = `${this.#file}.${process.pid}.tmp`;
    const fd = openSync(temporary, 'w');
    let buffered: string[] = [];
    const write = (text: string) => {
      buffered.push(text);
      if (buffered.length < 1000) return;
      writeSync(fd, buffered.join(''));
      buffered = [];
    };
    try {
      write(`{"version":${JSON.stringify(VERSION)},"pages":{`);
      const optional = (text: string | undefined) => (text === undefined ? null : ref(text));
      let first = true;
      for (const [path, { key, scan }] of this.#current) {
        const page: StoredPage = [key, [...scan.ids].map(ref), scan.links.map(ref), optional(scan.source), optional(scan.policy)];
        write(`${first ? '' : ','}${JSON.stringify(path)}:${JSON.stringify(page)}`);
        first = false;
      }
      write('},"strings":[');
      strings.forEach((text, i) => write(`${i === 0 ? '' : ','}${JSON.stringify(text)}`));
      write(']}');
      writeSync(fd, buffered.join(''));
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, this.#file);
  }
}
