import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeHtml, withStoredHtml } from '../../src/lib/mdx/stored-html.ts';
import { keepOnly } from '../../src/lib/output-dir.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stored-html-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('stored HTML', () => {
  it('names a file by its content, and leaves an identical one as it is', () => {
    const a = storeHtml(dir, '<p>One</p>');
    const mtime = statSync(join(dir, a)).mtimeMs;
    expect(storeHtml(dir, '<p>One</p>')).toBe(a);
    expect(statSync(join(dir, a)).mtimeMs).toBe(mtime);
    expect(storeHtml(dir, '<p>Two</p>')).not.toBe(a);
  });

  it('puts the HTML back into the entry, and leaves an entry without a file alone', () => {
    const name = storeHtml(dir, '<p>Body</p>');
    const entry = { id: 'x', rendered: { html: '', metadata: { htmlFile: name, words: 1 } } };
    expect(withStoredHtml(entry, dir).rendered).toEqual({ html: '<p>Body</p>', metadata: { htmlFile: name, words: 1 } });
    expect(entry.rendered.html).toBe('');
    const plain = { id: 'y', rendered: { html: '<p>Inline</p>' } };
    expect(withStoredHtml(plain, dir)).toBe(plain);
  });

  it('says which entry lost its file and what to do', () => {
    const entry = { id: 'story', rendered: { html: '', metadata: { htmlFile: 'gone.html' } } };
    expect(() => withStoredHtml(entry, dir)).toThrow(/"story".*missing from the build cache: delete .* and build again/);
  });

  it('removes the files no entry names any more', () => {
    const kept = storeHtml(dir, '<p>Kept</p>');
    storeHtml(dir, '<p>Old</p>');
    keepOnly(dir, new Set([kept]));
    expect(readdirSync(dir)).toEqual([kept]);
  });
});
