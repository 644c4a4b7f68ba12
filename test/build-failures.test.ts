/**
 * Bad input must stop `npm run build` with a message naming the file and the field or line, and
 * must leave no output folder behind. Each case builds content/ plus one bad article.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeContent, runBuild, TMP } from './helpers.ts';

const BAD = join(TMP, 'bad');
// The file path as the messages print it: relative to the project root.
const FILE = 'test/.tmp/bad/articles/bad-article';

const cases: [fixture: string, target: string, expected: RegExp[]][] = [
  ['missing-title.mdx', 'bad-article.mdx', [new RegExp(`${FILE}\\.mdx`), /title: Required|title.*required/i]],
  ['title-too-long.mdx', 'bad-article.mdx', [new RegExp(`${FILE}\\.mdx`), /title must be at most 120 characters/]],
  ['wrong-type.mdx', 'bad-article.mdx', [new RegExp(`${FILE}\\.mdx`), /authors.*array/]],
  ['unknown-author.mdx', 'bad-article.mdx', [new RegExp(`${FILE}\\.mdx:7 authors\\[1\\]: unknown author "jdoe"`)]],
  ['unknown-topic.mdx', 'bad-article.mdx', [new RegExp(`${FILE}\\.mdx:6 topics\\[0\\]: unknown topic "mars"`)]],
  ['invalid-date.mdx', 'bad-article.mdx', [new RegExp(`${FILE}\\.mdx:4 published: "2019-02-30" is not a calendar date`)]],
  ['updated-before-published.mdx', 'bad-article.mdx', [new RegExp(`${FILE}\\.mdx`), /updated must not be before published/]],
  ['missing-image', 'bad-article', [new RegExp(`${FILE}/index\\.mdx:8 image\\.src: image file "./missing.jpg" not found`)]],
  ['empty-alt', 'bad-article', [new RegExp(`${FILE}/index\\.mdx:9 image\\.alt: alt text is required`)]],
  ['mdx-syntax-error.mdx', 'bad-article.mdx', [new RegExp(`${FILE}\\.mdx:\\d+`), /closing tag for `<PullQuote>`/]],
  [
    'broken-link.mdx',
    'bad-article.mdx',
    [/\/articles\/bad-article\/ → \/articles\/does-not-exist\/: HTTP 404/, new RegExp(`\\[${FILE}\\.mdx:11\\]`)],
  ],
  [
    'broken-fragment.mdx',
    'bad-article.mdx',
    [/no element with id "no-such-heading" on \/articles\/alliance-innovation-lab-shanghai\//, new RegExp(`\\[${FILE}\\.mdx:11\\]`)],
  ],
];

describe('a build with bad input', () => {
  it.each(cases)('%s fails, naming the file and the field or line', (fixture, target, expected) => {
    const content = makeContent(BAD, { [`articles/${target}`]: `test/fixtures/bad-articles/${fixture}` });
    const outDir = join(TMP, 'bad-dist');
    const { status, output } = runBuild(content, outDir);
    expect(status).not.toBe(0);
    for (const pattern of expected) expect(output).toMatch(pattern);
    expect(output).toContain('was removed so that nothing half-built can be deployed');
    expect(existsSync(outDir)).toBe(false);
  });

  it('replaces a previous good build rather than leaving it to look deployable', () => {
    const content = makeContent(BAD, { 'articles/bad-article.mdx': 'test/fixtures/bad-articles/missing-title.mdx' });
    const outDir = join(TMP, 'stale-dist');
    expect(runBuild(makeContent(join(TMP, 'good'), {}), outDir).status).toBe(0);
    expect(existsSync(join(outDir, 'index.html'))).toBe(true);
    expect(runBuild(content, outDir).status).not.toBe(0);
    expect(existsSync(outDir)).toBe(false);
  });
});
