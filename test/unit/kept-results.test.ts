import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KeptResults } from '../../src/lib/check/kept-results.ts';

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

  it('examines everything when the kept file is unreadable, and keeps nothing without a file', () => {
    dir = mkdtempSync(join(tmpdir(), 'kept-'));
    const file = join(dir, 'kept.json');
    writeFileSync(file, '{not json');
    expect(run(file, { a: 'one' }).examined).toBe(1);
    expect(new KeptResults<string>(undefined, 'x').get('a', 'one', () => 'fresh')).toBe('fresh');
  });
});
