import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { beginOutput, completeOutput, IN_PROGRESS, removeStaleFiles, staleFiles } from '../../src/lib/output-dir.ts';

const START = Date.parse('2026-11-25T12:00:00Z');

describe('staleFiles', () => {
  it('keeps what this build wrote or kept in place, and what later stages own', () => {
    const files = [
      { path: 'articles/new/index.html', mtimeMs: START + 5_000 },
      { path: 'articles/kept/index.html', mtimeMs: START - 60_000 },
      { path: 'articles/gone/index.html', mtimeMs: START - 60_000 },
      { path: '_astro/gone.abc.webp', mtimeMs: START - 60_000 },
      { path: 'pagefind/fragment/en_1.pf_fragment', mtimeMs: START - 60_000 },
      { path: '_headers', mtimeMs: START - 60_000 },
      { path: IN_PROGRESS, mtimeMs: START - 60_000 },
    ];
    expect(staleFiles(files, new Set(['articles/kept/index.html']), START)).toEqual(['articles/gone/index.html', '_astro/gone.abc.webp']);
  });

  it('allows a second of clock difference before calling a file old', () => {
    const files = [
      { path: 'a.html', mtimeMs: START - 500 },
      { path: 'b.html', mtimeMs: START - 1_500 },
    ];
    expect(staleFiles(files, new Set(), START)).toEqual(['b.html']);
  });
});

describe('beginOutput, removeStaleFiles and completeOutput', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (file: string, ageMs = 0) => {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), file);
    if (ageMs) utimesSync(join(dir, file), new Date(Date.now() - ageMs), new Date(Date.now() - ageMs));
  };

  it('marks the folder while a build writes and checks it, removes stale files and empty folders, then the mark', () => {
    dir = mkdtempSync(join(tmpdir(), 'output-dir-'));
    write('articles/gone/index.html', 60_000);
    write('articles/kept/index.html', 60_000);
    const startedAt = Date.now();
    beginOutput(dir);
    expect(existsSync(join(dir, IN_PROGRESS))).toBe(true);
    write('index.html');
    expect(removeStaleFiles(dir, new Set(['articles/kept/index.html']), startedAt)).toEqual({
      removed: 1,
      files: [IN_PROGRESS, 'articles/kept/index.html', 'index.html'],
    });
    expect(readdirSync(join(dir, 'articles'))).toEqual(['kept']);
    // Still marked: the search index, headers file and link check come after.
    expect(readdirSync(dir).sort()).toEqual([IN_PROGRESS, 'articles', 'index.html']);
    completeOutput(dir);
    expect(readdirSync(dir).sort()).toEqual(['articles', 'index.html']);
  });

  it('empties a folder that a build left unfinished before writing into it', () => {
    dir = mkdtempSync(join(tmpdir(), 'output-dir-'));
    write('index.html');
    write(IN_PROGRESS);
    beginOutput(dir);
    expect(readdirSync(dir)).toEqual([IN_PROGRESS]);
  });
});
