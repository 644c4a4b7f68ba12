import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileStamp, KeptResults } from '../../src/lib/check/kept-results.ts';

describe('KeptResults', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = (file: string, texts: Record<string, string>, context = 'Europe/London') => {
    const kept = new KeptResults<string>(file, context);
    const results = Object.entries(texts).map(([key, text]) => kept.get(key, text, () => `examined ${text}`));
    kept.save();
    return { results, examined: kept.examined };
  };

  it('examines a file again only when its text changed', () => {
    dir = mkdtempSync(join(tmpdir(), 'kept-'));
    const file = join(dir, 'kept.json');
    expect(run(file, { a: 'one', b: 'two' }).examined).toBe(2);
    const second = run(file, { a: 'one', b: 'changed' });
    expect(second.examined).toBe(1);
    expect(second.results).toEqual(['examined one', 'examined changed']);
  });

  it('forgets files that are gone, and everything when the context changes', () => {
    dir = mkdtempSync(join(tmpdir(), 'kept-'));
    const file = join(dir, 'kept.json');
    run(file, { a: 'one', b: 'two' });
    run(file, { a: 'one' });
    expect(Object.keys((JSON.parse(readFileSync(file, 'utf8')) as { entries: object }).entries)).toEqual(['a']);
    expect(run(file, { a: 'one' }, 'Asia/Shanghai').examined).toBe(1);
  });

  it('hands back the results of a file whose stamp is the one kept with them, without its text', () => {
    dir = mkdtempSync(join(tmpdir(), 'kept-'));
    const file = join(dir, 'kept.json');
    const first = new KeptResults<string>(file, 'x');
    first.get('a', 'one', () => 'facts of a', 'stamp-1');
    first.get('b', 'two', () => 'facts of b');
    first.save();
    const second = new KeptResults<string>(file, 'x');
    expect(second.unchanged('a', 'stamp-1')).toBe('facts of a');
    expect(second.unchanged('a', 'stamp-2')).toBeUndefined();
    expect(second.unchanged('a', undefined)).toBeUndefined();
    // Kept without a stamp (its text had a problem, or had just been written): always read.
    expect(second.unchanged('b', undefined)).toBeUndefined();
    second.save();
    // What `unchanged` handed back is kept for the next run too.
    expect(new KeptResults<string>(file, 'x').unchanged('a', 'stamp-1')).toBe('facts of a');
  });

  it('stamps a file only once it has settled, and gives a file written again a new stamp', () => {
    dir = mkdtempSync(join(tmpdir(), 'kept-'));
    const path = join(dir, 'article.mdx');
    writeFileSync(path, 'one');
    expect(fileStamp(path)).toBeUndefined();
    const later = Date.now() + 10_000;
    const stamp = fileStamp(path, later);
    expect(stamp).toMatch(/^3:\d+:\d+:\d+$/);
    expect(fileStamp(path, later)).toBe(stamp);
    // The same size, and the old modification time put back: the change time still moves (after
    // a pause longer than the file system clock's tick, a few milliseconds on Linux).
    const { mtime } = statSync(path);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    writeFileSync(path, 'two');
    utimesSync(path, mtime, mtime);
    expect(fileStamp(path, Date.now() + 10_000)).not.toBe(stamp);
    // A file that cannot be looked at has none: reading it reports why.
    expect(fileStamp(join(dir, 'missing.mdx'), later)).toBeUndefined();
  });

  it('examines everything when the kept file is unreadable, and keeps nothing without a file', () => {
    dir = mkdtempSync(join(tmpdir(), 'kept-'));
    const file = join(dir, 'kept.json');
    writeFileSync(file, '{not json');
    expect(run(file, { a: 'one' }).examined).toBe(1);
    expect(new KeptResults<string>(undefined, 'x').get('a', 'one', () => 'fresh')).toBe('fresh');
  });
});
