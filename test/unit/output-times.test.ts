/**
 * Files written again with the same bytes get their old modification time back, so that sync tools
 * upload only what changed (src/lib/output-times.ts).
 */
import { describe, expect, it } from 'vitest';
import { keepTimes, type TimeRecord, type TimedFile } from '../../src/lib/output-times.ts';

function run(files: Record<string, { bytes: string; mtime: number }>, previous: TimeRecord) {
  const list: TimedFile[] = Object.entries(files).map(([path, file]) => ({ path, size: file.bytes.length, mtimeMs: file.mtime * 1000 }));
  const reads: string[] = [];
  const times: Record<string, number> = {};
  const result = keepTimes(
    list,
    previous,
    (path) => {
      reads.push(path);
      return new TextEncoder().encode(files[path]!.bytes);
    },
    (path, mtime) => (times[path] = mtime),
  );
  return { ...result, reads, times };
}

describe('keepTimes', () => {
  const first = run({ 'a.html': { bytes: 'alpha', mtime: 100 }, 'b.png': { bytes: 'beta', mtime: 100 } }, {});

  it('records every file of a first build, with its time cut to the second', () => {
    expect(first.restored).toBe(0);
    expect(Object.keys(first.record).sort()).toEqual(['a.html', 'b.png']);
    expect(first.times).toEqual({ 'a.html': 100, 'b.png': 100 });
  });

  it('puts back the time of a file written again with the same bytes', () => {
    const second = run({ 'a.html': { bytes: 'alpha', mtime: 200 }, 'b.png': { bytes: 'beta', mtime: 100 } }, first.record);
    expect(second.restored).toBe(1);
    expect(second.times).toEqual({ 'a.html': 100 });
    expect(second.record['a.html']).toEqual(first.record['a.html']);
  });

  it("puts back the whole second of a file copied again with its source's time, within that second", () => {
    const second = run({ 'a.html': { bytes: 'alpha', mtime: 100.25 }, 'b.png': { bytes: 'beta', mtime: 100 } }, first.record);
    expect(second.reads).toEqual(['a.html']);
    expect(second.times).toEqual({ 'a.html': 100 });
    expect(second.restored).toBe(1);
  });

  it("cuts a new file's time to the second", () => {
    expect(run({ 'c.xml': { bytes: 'gamma', mtime: 300.75 } }, {}).times).toEqual({ 'c.xml': 300 });
  });

  it('reads only the files whose size or time moved', () => {
    const second = run({ 'a.html': { bytes: 'alpha', mtime: 200 }, 'b.png': { bytes: 'beta', mtime: 100 } }, first.record);
    expect(second.reads).toEqual(['a.html']);
  });

  it('keeps the new time of a file whose bytes changed, even at the same size', () => {
    const second = run({ 'a.html': { bytes: 'alphA', mtime: 200 }, 'b.png': { bytes: 'beta!', mtime: 200 } }, first.record);
    expect(second.restored).toBe(0);
    expect(second.times).toEqual({ 'a.html': 200, 'b.png': 200 });
    expect(second.record['a.html']![1]).toBe(200);
  });

  it('forgets files that are gone and records new ones', () => {
    const second = run({ 'c.xml': { bytes: 'gamma', mtime: 300 } }, first.record);
    expect(Object.keys(second.record)).toEqual(['c.xml']);
    expect(second.restored).toBe(0);
  });
});
