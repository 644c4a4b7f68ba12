import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HtmlStore, withStoredHtml } from '../../src/lib/mdx/stored-html.ts';
import { keepOnly } from '../../src/lib/output-dir.ts';
import { ROOT } from '../helpers.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stored-html-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Stores each HTML in a loading of its own, as the loader does, and gives the names. */
async function store(...pages: string[]): Promise<string[]> {
  const html = new HtmlStore(dir);
  const names = pages.map((page) => html.put(page));
  await html.done();
  return names;
}

describe('stored HTML', () => {
  it('names a file by its content, and leaves an identical one as it is', async () => {
    const [a] = await store('<p>One</p>');
    const mtime = statSync(join(dir, a!)).mtimeMs;
    expect(readFileSync(join(dir, a!), 'utf8')).toBe('<p>One</p>');
    expect(await store('<p>One</p>')).toEqual([a]);
    expect(statSync(join(dir, a!)).mtimeMs).toBe(mtime);
    expect((await store('<p>Two</p>'))[0]).not.toBe(a);
  });

  it('has written every file once done, two entries with the same HTML included', async () => {
    const pages = Array.from({ length: 200 }, (_, n) => `<p>Article ${n % 150}</p>`);
    const names = await store(...pages);
    expect(new Set(names).size).toBe(150);
    expect(readdirSync(dir).sort()).toEqual([...new Set(names)].sort());
    for (const [n, name] of names.entries()) expect(readFileSync(join(dir, name), 'utf8')).toBe(pages[n]);
  });

  it('fails when a file cannot be written, naming it', async () => {
    const html = new HtmlStore(dir);
    rmSync(dir, { recursive: true });
    const name = html.put('<p>Nowhere to go</p>');
    await expect(html.done()).rejects.toThrow(join(dir, name));
  });

  it('puts the HTML back into the entry, and leaves an entry without a file alone', async () => {
    const [name] = await store('<p>Body</p>');
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

  it('removes the files no entry names any more', async () => {
    const [kept] = await store('<p>Kept</p>', '<p>Old</p>');
    keepOnly(dir, new Set([kept!]));
    expect(readdirSync(dir)).toEqual([kept]);
  });
});

describe('stored HTML of a large collection', () => {
  it('is written within a small number of open files: 3,000 entries with 64 file descriptors', () => {
    const script = `
      import { HtmlStore } from ${JSON.stringify(pathToFileURL(join(ROOT, 'src/lib/mdx/stored-html.ts')).href)};
      const html = new HtmlStore(process.argv[1]);
      for (let n = 0; n < 3000; n++) html.put('<p>Entry ' + n + '</p>');
      await html.done();
    `;
    // The loader once started every write at once, and 100,000 entries ran out of file descriptors (EMFILE).
    const run = spawnSync('sh', ['-c', 'ulimit -n 64 && exec "$0" "$@"', process.execPath, '--input-type=module', '-e', script, dir], {
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readdirSync(dir)).toHaveLength(3000);
  });
});
