import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { beginOutput, completeOutput, IN_PROGRESS, removeStaleFiles, staleFiles } from '../../src/lib/output-dir.ts';

const START = Date.parse('2026-11-25T12:00:00Z');

describe('staleFiles', () => {
  it('keeps what this build wrote or kept in place, and what later stages own', () => {
    const files = [
      { path: 'articles/new/index.html', changedMs: START + 5_000 },
      { path: 'articles/kept/index.html', changedMs: START - 60_000 },
      { path: 'articles/gone/index.html', changedMs: START - 60_000 },
      { path: '_astro/gone.abc.webp', changedMs: START - 60_000 },
      { path: 'pagefind/fragment/en_1.pf_fragment', changedMs: START - 60_000 },
      { path: '_headers', changedMs: START - 60_000 },
      { path: IN_PROGRESS, changedMs: START - 60_000 },
    ];
    expect(staleFiles(files, new Set(['articles/kept/index.html']), START)).toEqual(['articles/gone/index.html', '_astro/gone.abc.webp']);
  });

  it('allows a second of clock difference before calling a file old', () => {
    const files = [
      { path: 'a.html', changedMs: START - 500 },
      { path: 'b.html', changedMs: START - 1_500 },
    ];
    expect(staleFiles(files, new Set(), START)).toEqual(['b.html']);
  });
});

describe('beginOutput, removeStaleFiles and completeOutput', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (file: string) => {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), file);
  };
  /** What a copy that keeps its source's times leaves: a file whose modification time is a minute old. */
  const copyWithOldTime = (file: string) => {
    write(file);
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(join(dir, file), minuteAgo, minuteAgo);
  };
  // A file's change time cannot be set back: an earlier build's files are written, then the
  // build starts more than removeStaleFiles's second of margin later.
  const laterBuild = async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    return Date.now();
  };

  it('marks the folder while a build writes and checks it, removes stale files and empty folders, then the mark', async () => {
    dir = mkdtempSync(join(tmpdir(), 'output-dir-'));
    write('articles/gone/index.html');
    write('articles/kept/index.html');
    write('favicon.svg');
    const startedAt = await laterBuild();
    beginOutput(dir);
    expect(existsSync(join(dir, IN_PROGRESS))).toBe(true);
    write('index.html');
    // Astro copies public/ and its cached images with their sources' modification times.
    copyWithOldTime('favicon.svg');
    copyWithOldTime('_astro/photo.abc.webp');
    expect(removeStaleFiles(dir, new Set(['articles/kept/index.html']), startedAt)).toEqual({
      removed: 1,
      files: [IN_PROGRESS, '_astro/photo.abc.webp', 'articles/kept/index.html', 'favicon.svg', 'index.html'],
    });
    expect(readdirSync(join(dir, 'articles'))).toEqual(['kept']);
    // Still marked: the search index, headers file and link check come after.
    expect(readdirSync(dir).sort()).toEqual([IN_PROGRESS, '_astro', 'articles', 'favicon.svg', 'index.html']);
    completeOutput(dir);
    expect(readdirSync(dir).sort()).toEqual(['_astro', 'articles', 'favicon.svg', 'index.html']);
  });

  it('empties a folder that a build left unfinished before writing into it', () => {
    dir = mkdtempSync(join(tmpdir(), 'output-dir-'));
    write('index.html');
    write(IN_PROGRESS);
    beginOutput(dir);
    expect(readdirSync(dir)).toEqual([IN_PROGRESS]);
  });
});
