/**
 * What the content store keeps of an entry must not keep the entry's source alive. Measured on
 * V8's heap: fifty sources of 2 MB each, of which only a few short values are kept.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { ScanCache } from '../../src/integration/scan-cache.ts';
import { dataOf, readFrontmatter } from '../../src/lib/check/frontmatter.ts';
import { detached, detachedString } from '../../src/lib/detached.ts';
import { lastmodFromHtml } from '../../src/lib/sitemap.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const SOURCES = 50;
const MiB = 2 ** 20;

/** Heap bytes still in use, after a full collection, by what `make()` returns. */
function heapKept(make: () => unknown): number {
  gc();
  const before = getHeapStatistics().used_heap_size;
  const kept = make();
  gc();
  const after = getHeapStatistics().used_heap_size;
  expect(kept).toBeDefined();
  return after - before;
}

/** Heap bytes still in use after `keep()` made SOURCES values from sources of 2 MB that are then dropped. */
function retained(keep: (source: string, i: number) => unknown): number {
  return heapKept(() =>
    Array.from({ length: SOURCES }, (_, i) => {
      // A new string each time, built from pieces, so that no two sources share memory.
      const filler = `${i} words of the article body `.repeat(70_000);
      return keep(`---\ntitle: Article number ${i} with a long enough title\nauthors: [ada-${i}]\n---\n${filler}`, i);
    }),
  );
}

function frontmatterOf(source: string): Record<string, unknown> {
  const yaml = readFrontmatter(source);
  if (typeof yaml === 'string') throw new Error(yaml);
  const result = dataOf(yaml, 'x.mdx');
  if ('problem' in result) throw new Error(result.problem.message);
  return result.data;
}

describe('detached values', () => {
  it('keep their sources alive without it: the control, values cut from the source by a regular expression', () => {
    expect(retained((source) => /title: (.+)/.exec(source)![1])).toBeGreaterThan(SOURCES * MiB);
  });

  it('let the sources go: the same values detached', () => {
    expect(retained((source) => detachedString(/title: (.+)/.exec(source)![1]!))).toBeLessThan(4 * MiB);
  });

  it('keep their sources alive without it: the control, frontmatter as the YAML parser returns it', () => {
    expect(retained((source) => frontmatterOf(source))).toBeGreaterThan(SOURCES * MiB);
  });

  it('let the sources go: frontmatter parsed by the content check and detached, as the loader stores it', () => {
    expect(retained((source) => detached(frontmatterOf(source)))).toBeLessThan(4 * MiB);
  });

  it("let the pages go: the sitemap's modification date read from a page", () => {
    const page = (i: number) =>
      `<html><head><meta property="article:modified_time" content="2026-01-0${i % 9}T10:00:00Z">${'x'.repeat(2 * MiB)}`;
    expect(retained((_, i) => lastmodFromHtml(page(i)))).toBeLessThan(4 * MiB);
  });

  it("let the pages go: the link check's scans, which keep each page's links, ids and security policy", () => {
    const dir = mkdtempSync(join(tmpdir(), 'scans-'));
    try {
      for (let i = 0; i < SOURCES; i++) {
        const policy = i % 2 === 0 ? 'script-src &#39;self&#39;; style-src &#39;sha256-abc&#39;' : 'script-src &#39;self&#39;';
        mkdirSync(join(dir, `page-${i}`));
        writeFileSync(
          join(dir, `page-${i}/index.html`),
          // Under 1 MiB, as pages are: Node.js reads a larger file into a string outside V8's heap.
          `<html><head><meta http-equiv="content-security-policy" content="${policy}"></head>` +
            `<body><h1 id="title-${i}">Page</h1><a href="/page-${i + 1}/">Next</a><p>${'x'.repeat(MiB / 2)}</p></body></html>`,
        );
      }
      const cache = new ScanCache();
      let scans: ReturnType<ScanCache['scan']>[] = [];
      const scanAll = () =>
        (scans = Array.from({ length: SOURCES }, (_, i) => cache.scan(`page-${i}/index.html`, join(dir, `page-${i}/index.html`))));
      expect(heapKept(scanAll)).toBeLessThan(4 * MiB);
      expect(new Set(scans.map((scan) => scan.policy))).toEqual(
        new Set(["script-src 'self'", "script-src 'self'; style-src 'sha256-abc'"]),
      );
      expect(scans[3]!.links).toEqual(['/page-4/']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keep values, and the objects that are not plain data as they are', () => {
    const date = new Date('2026-01-02T00:00:00Z');
    const url = new URL('https://example.org/a/');
    const value = { title: 'A title of twenty-one', list: ['x', 'a longer string here'], nested: { date, url, n: 3, none: null } };
    const copy = detached(value);
    expect(copy).toEqual(value);
    expect(copy.nested.date).toBe(date);
    expect(copy.nested.url).toBe(url);
    expect(copy).not.toBe(value);
    expect(detachedString('\uD800 a lone surrogate kept as it is')).toBe('\uD800 a lone surrogate kept as it is');
  });
});
