/**
 * Bad input must stop `npm run build` with a message naming the file and the field or line, and
 * must leave no output folder behind. The content check's own cases are in content-check.test.ts;
 * here the build is run on them, and on what only the built site shows (a broken #fragment).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkContent } from '../../src/lib/check/index.ts';
import { makeContent, ROOT, runBuild, TMP } from '../helpers.ts';

const OUT = join(TMP, 'bad-dist');
const REMOVED = 'was removed so that nothing half-built can be deployed';

describe('a build with bad input', () => {
  it('stops at the content check with every problem of every file, before Astro renders anything', () => {
    const content = makeContent(join(TMP, 'bad-build'), {
      articles: 'test/fixtures/bad-content/articles',
      authors: 'test/fixtures/bad-content/authors',
    });
    const { status, output } = runBuild(content, OUT);
    expect(status).not.toBe(0);
    const file = 'test/.tmp/bad-build/articles';
    expect(output).toContain(`${file}/invalid-date.mdx:4 published: "2019-02-30" is not a calendar date`);
    expect(output).toContain(`${file}/mdx-syntax-error.mdx:11:1 MDX: Expected a closing tag for \`<PullQuote>\``);
    expect(output).toContain(`${file}/script-element.mdx:11:1 <script>: <script> is not allowed`);
    expect(output).toContain(`${file}/bad-images/index.mdx:15:1 image: "./empty.png" is an empty file`);
    expect(output).toContain(`${file}/windows-1252.mdx:9:8 encoding: byte 0xE9 is not UTF-8`);
    // As many as the content check finds in the folder (content-check.test.ts lists them one by one).
    const found = checkContent({ contentRoot: content, projectRoot: ROOT, timeZone: 'Europe/London' });
    expect(found.length).toBeGreaterThanOrEqual(39);
    expect(output).toContain(`Content check failed: ${found.length} problem(s) in ${new Set(found.map((p) => p.file)).size} file(s).`);
    // Astro loaded the content beside the check, and stopped there: nothing built, no half-written folder.
    expect(output).not.toMatch(/Building static entrypoints|generating static routes|\[build\] output:/);
    expect(output).toContain(REMOVED);
    expect(existsSync(OUT)).toBe(false);
  });

  it('fails on a link to a #fragment that does not exist, naming the source line', () => {
    const content = makeContent(join(TMP, 'bad-fragment'), { 'articles/bad-article.mdx': 'test/fixtures/broken-fragment.mdx' });
    const { status, output } = runBuild(content, OUT);
    expect(status).not.toBe(0);
    expect(output).toMatch(/no element with id "no-such-heading" on \/articles\/alliance-innovation-lab-shanghai\//);
    expect(output).toMatch(/\[test\/\.tmp\/bad-fragment\/articles\/bad-article\.mdx:11\]/);
    expect(output).toContain(REMOVED);
    expect(existsSync(OUT)).toBe(false);
  });

  it('replaces a previous good build rather than leaving it to look deployable', () => {
    const outDir = join(TMP, 'stale-dist');
    expect(runBuild(makeContent(join(TMP, 'good'), {}), outDir).status).toBe(0);
    expect(existsSync(join(outDir, 'index.html'))).toBe(true);
    const bad = makeContent(join(TMP, 'bad-one'), { 'articles/bad-article.mdx': 'test/fixtures/bad-content/articles/missing-title.mdx' });
    const { status, output } = runBuild(bad, outDir);
    expect(status).not.toBe(0);
    expect(output).toContain('test/.tmp/bad-one/articles/bad-article.mdx:2 title: required field "title" is missing');
    expect(existsSync(outDir)).toBe(false);
  });
});
