/**
 * What the content check found in each file, kept between runs in the build cache: a file whose
 * text is unchanged, checked by the same code with the same libraries, is not parsed and compiled
 * again. Only what a file says on its own is kept; what it says about the rest of the folder (ids,
 * files, links) is checked again every run, since other files change.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { hashOf, versionOf } from '../cache-key.ts';
import { COMPILER } from '../mdx/version.ts';

/** The check's own code: a change to it or to the compiler makes every kept result stale. */
const CHECK = hashOf(
  [
    COMPILER,
    versionOf(
      ...['index.ts', 'files.ts', 'frontmatter.ts', 'kept-results.ts', '../schemas.ts', '../dates.ts', '../validate.ts'].map(
        (file) => new URL(file, import.meta.url),
      ),
    ),
  ].join('\n'),
  12,
);

interface Stored<T> {
  version: string;
  entries: Record<string, { hash: string; facts: T }>;
}

export class KeptResults<T> {
  readonly #file: string | undefined;
  readonly #version: string;
  #before: Record<string, { hash: string; facts: T }> = {};
  readonly #now: Record<string, { hash: string; facts: T }> = {};
  /** Files examined in this run rather than taken from an earlier one. */
  examined = 0;

  /** `context` is what else the results depend on (the time zone, where paths are printed from). */
  constructor(file: string | undefined, context: string) {
    this.#file = file;
    this.#version = hashOf(`${CHECK}|${context}`, 12);
    if (!file) return;
    try {
      const stored = JSON.parse(readFileSync(file, 'utf8')) as Stored<T>;
      if (stored.version === this.#version) this.#before = stored.entries;
    } catch {
      // No results kept yet, or unreadable ones: examine every file.
    }
  }

  /** The kept results for `key` when `text` is unchanged, or those of `examine`. */
  get(key: string, text: string, examine: () => T): T {
    const hash = hashOf(text);
    const kept = this.#before[key];
    const facts = kept && kept.hash === hash ? kept.facts : (this.examined++, examine());
    this.#now[key] = { hash, facts };
    return facts;
  }

  /** Keeps this run's results, for the files that exist now only. */
  save(): void {
    if (!this.#file) return;
    mkdirSync(dirname(this.#file), { recursive: true });
    const stored: Stored<T> = { version: this.#version, entries: this.#now };
    const temporary = `${this.#file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(stored));
    renameSync(temporary, this.#file);
  }
}
