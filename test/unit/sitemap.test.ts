import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { lastmodOfFile } from '../../src/lib/sitemap.ts';

const dir = mkdtempSync(join(tmpdir(), 'sitemap-'));
afterAll(() => rmSync(dir, { recursive: true }));

const META = '<meta property="article:modified_time" content="2019-03-06T00:00:00.000Z">';
/** A page whose head holds `before`, then the meta tag when asked, then a long inline style. */
function page(name: string, { before = '', meta = true } = {}) {
  const html = `<!doctype html><html><head><title>T</title>${before}${meta ? META : ''}<style>${'a{}'.repeat(4000)}</style></head><body>${'<p>x</p>'.repeat(500)}</body></html>`;
  writeFileSync(join(dir, name), html);
  return pathToFileURL(join(dir, name));
}

describe('lastmodOfFile', () => {
  it('finds the date near the top of the head', async () => {
    expect(lastmodOfFile(page('early.html'))).toBe('2019-03-06T00:00:00.000Z');
  });

  it('finds it further down a long head, by reading the whole page', async () => {
    expect(lastmodOfFile(page('late.html', { before: `<style>${'b{}'.repeat(3000)}</style>` }))).toBe('2019-03-06T00:00:00.000Z');
  });

  it('gives none for a page without one, short or long', async () => {
    expect(lastmodOfFile(page('none.html', { meta: false }))).toBeUndefined();
    writeFileSync(join(dir, 'short.html'), '<html><head><title>T</title></head><body></body></html>');
    expect(lastmodOfFile(pathToFileURL(join(dir, 'short.html')))).toBeUndefined();
  });
});
