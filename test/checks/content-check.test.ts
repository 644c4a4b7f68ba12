/**
 * The one-pass content check against a corpus of bad files (test/fixtures/bad-content/, copied
 * over content/): every mistake is reported at once, each with its own file, line, field and words.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ContentProblem } from '../../src/lib/validate.ts';
import { checkContent, MAX_FILE_BYTES } from '../../src/lib/check/index.ts';
import { listFiles } from '../../src/lib/output-dir.ts';
import { makeContent, ROOT, TMP } from '../helpers.ts';

const CORPUS = join(ROOT, 'test/fixtures/bad-content');
const DIR = join(TMP, 'bad-content');
const PREFIX = 'test/.tmp/bad-content/';

// [file under the content folder, line, field, message]: one row per mistake in the corpus.
const expected: [string, number | undefined, string, RegExp][] = [
  ['articles/missing-title.mdx', 2, 'title', /required field "title" is missing/],
  ['articles/title-too-long.mdx', 2, 'title', /at most 120 characters \(this one has 121; shorten it by 1\)/],
  ['articles/description-too-long.mdx', 3, 'description', /at most 260 characters \(this one has 270/],
  ['articles/wrong-type.mdx', 5, 'authors', /expected a list, got text "wei-zhang"/],
  ['articles/unknown-author.mdx', 7, 'authors[1]', /unknown author "jdoe" \(known: bad-author, lena-hartmann, wei-zhang, zhang-wei\)/],
  ['articles/unknown-topic.mdx', 6, 'topics[0]', /unknown topic "mars" \(known: alliances, autonomous, china/],
  ['articles/invalid-date.mdx', 4, 'published', /"2019-02-30" is not a calendar date/],
  [
    'articles/datetime-without-offset.mdx',
    4,
    'published',
    /"2019-03-01T09:30:00" must be a date like 2019-02-28 or a date-time with offset/,
  ],
  ['articles/updated-before-published.mdx', 5, 'updated', /updated must not be before published/],
  ['articles/misspelt-field.mdx', 6, 'publshed', /unknown field "publshed"; did you mean "published"\?/],
  ['articles/misspelt-field.mdx', 2, 'published', /required field "published" is missing/],
  ['articles/draft-yes.mdx', 7, 'draft', /expected true or false, got text "yes"/],
  ['articles/yaml-colon.mdx', 2, 'YAML', /Nested mappings are not allowed/],
  ['articles/missing-image/index.mdx', 8, 'image.src', /image file "\.\/missing\.jpg" not found/],
  ['articles/empty-alt/index.mdx', 9, 'image.alt', /image\.alt must not be empty/],
  ['articles/same-slug/index.mdx', undefined, 'file name', /the slug "same-slug" is already used by .*articles\/same-slug\.mdx/],
  ['articles/mdx-syntax-error.mdx', 11, 'MDX', /Expected a closing tag for `<PullQuote>`/],
  ['articles/import-module.mdx', 9, 'import', /"node:fs" is not an approved component/],
  ['articles/export-statement.mdx', 9, 'import', /`export` and other JavaScript statements are not allowed/],
  ['articles/script-element.mdx', 11, '<script>', /<script> is not allowed: scripts cannot run/],
  ['articles/event-handler.mdx', 11, '<strong> onclick', /event handler onclick is not allowed/],
  ['articles/iframe-element.mdx', 11, '<iframe>', /<iframe> is not allowed: embedded pages load other sites' code/],
  ['articles/javascript-url.mdx', 9, 'link', /"javascript:alert\(1\)" is a javascript: URL, which can run script/],
  ['articles/js-expression.mdx', 9, 'expression', /\{new Date\(\)\.getFullYear\(\)\} is JavaScript/],
  ['articles/spread-attribute.mdx', 9, '<PullQuote>', /spread attribute \{\.\.\.props\} is JavaScript/],
  ['articles/unknown-component.mdx', 11, '<Tweet>', /unknown component <Tweet>/],
  ['articles/component-props.mdx', 11, '<MapEmbed>', /lat=\{…\} must be a number from -90 to 90/],
  ['articles/component-props.mdx', 13, '<Video>', /give src="\/media\/…" \(a file in public\/\), youtube="…" or vimeo="…"/],
  ['articles/link-to-missing-article.mdx', 9, 'link', /links to \/articles\/does-not-exist\/, but there is no article "does-not-exist"/],
  ['articles/remote-image.mdx', 9, 'image', /"https:\/\/example\.com\/chart\.png" loads from another site/],
  ['articles/svg-hero/index.mdx', 8, 'image.src', /"\.\/hero\.svg" is an SVG document, not a JPEG, PNG, WebP, AVIF or GIF image/],
  ['articles/bad-images/index.mdx', 11, 'image', /"\.\/notes\.jpg" is text, not a JPEG/],
  ['articles/bad-images/index.mdx', 15, 'image', /"\.\/empty\.png" is an empty file/],
  ['articles/bad-images/index.mdx', 19, 'image', /"\.\/chart\.jpg" is a PNG image named \.jpg/],
  // The three inputs that used to crash the check, reported with everything else.
  ['articles/alias-bomb.mdx', 2, 'YAML', /Excessive alias count/],
  ['articles/deep-nesting.mdx', 9, 'nesting', /more than 64 levels of nested elements/],
  ['articles/bad-escape/index.mdx', 9, 'image', /image file "\.\/bad%zz\.png" not found/],
  ['articles/invisible-characters.mdx', 2, 'title', /contains the invisible character U\+0001 at character 14/],
  // Raw in a frontmatter value: reported once, by the field, not again for the file.
  ['articles/invisible-characters.mdx', 3, 'description', /contains the invisible character U\+0002 at character 25/],
  ['articles/invisible-characters.mdx', 9, 'character', /the invisible character U\+000B cannot be published/],
  ['articles/far-future.mdx', 4, 'published', /9999-12-31 is more than a year ahead: the article would stay unpublished until then/],
  ['articles/windows-1252.mdx', 9, 'encoding', /byte 0xE9 is not UTF-8 \(the file looks saved as Windows-1252 or Latin-1\)/],
  ['authors/zhang-wei.md', 2, 'name', /the name "Wei {2}ZHANG" is already used by .*authors\/wei-zhang\.md/],
  ['authors/bad-author.md', 2, 'role', /required field "role" is missing/],
  ['authors/bad-author.md', 3, 'twitter', /unknown field "twitter"/],
  [
    'redirects.yaml',
    4,
    '[1].from',
    /\/articles\/china-largest-market-2018\/ is still published \(by .*articles\/china-largest-market-2018\.mdx\)/,
  ],
  ['redirects.yaml', 6, '[2].from', /end the old address with \//],
  ['redirects.yaml', 9, '[3].to', /\/articles\/renault-nissan-shanghai-lab\/ is itself redirected/],
  ['redirects.yaml', 11, '[4].to', /there is no article "does-not-exist-either" to redirect to/],
  ['redirects.yaml', 12, '[5].from', /\/articles\/renault-nissan-shanghai-lab\/ is redirected twice/],
  ['redirects.yaml', 16, '[6].status', /unknown field "status"/],
];

let problems: ContentProblem[];

beforeAll(() => {
  makeContent(DIR, {
    articles: 'test/fixtures/bad-content/articles',
    authors: 'test/fixtures/bad-content/authors',
    'redirects.yaml': 'test/fixtures/bad-content/redirects.yaml',
  });
  problems = checkContent({ contentRoot: DIR, projectRoot: ROOT, timeZone: 'Europe/London' });
});

describe('the content check on a corpus of mistakes', () => {
  it.each(expected)('%s:%s %s', (file, line, field, message) => {
    const found = problems.filter((p) => p.file === PREFIX + file && p.field === field && p.line === line);
    expect(found, `problems reported for ${file}: ${JSON.stringify(problems.filter((p) => p.file === PREFIX + file))}`).toHaveLength(1);
    expect(found[0]!.line).toBe(line);
    expect(found[0]!.message).toMatch(message);
    expect(found[0]!.hint ?? '').not.toBe('');
  });

  it('reports every problem of every file in one pass, and nothing else', () => {
    expect(problems.map((p) => `${p.file.slice(PREFIX.length)} ${p.field}`).sort()).toEqual(
      expected.map(([file, , field]) => `${file} ${field}`).sort(),
    );
  });

  it('covers every fixture in the corpus', () => {
    const fixtures = listFiles(CORPUS).filter((f) => /\.(mdx?|yaml)$/.test(f) && f !== 'articles/same-slug.mdx');
    const reported = new Set(problems.map((p) => p.file.slice(PREFIX.length)));
    expect(fixtures.filter((f) => !reported.has(f))).toEqual([]);
    expect(fixtures.length).toBeGreaterThanOrEqual(15);
  });

  it('passes the default content without a problem', () => {
    expect(checkContent({ contentRoot: join(ROOT, 'content'), projectRoot: ROOT, timeZone: 'Europe/London' })).toEqual([]);
  });
});

describe('npm run check:content', () => {
  const run = (env: Record<string, string>) =>
    spawnSync(process.execPath, ['scripts/check-content.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, CONTENT_DIR: DIR, GITHUB_ACTIONS: '', ...env },
    });

  it('prints every problem as file:line field: message with a hint, and exits 1', () => {
    const result = run({});
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${expected.length} problem(s)`);
    expect(result.stderr).toContain(`${PREFIX}articles/unknown-author.mdx:7 authors[1]: unknown author "jdoe"`);
    expect(result.stderr).toMatch(/\n {4}hint: use one of the known ids/);
    expect(result.stderr).not.toContain('::error');
  });

  it('adds a workflow annotation per problem in GitHub Actions', () => {
    const annotations = run({ GITHUB_ACTIONS: 'true' })
      .stderr.split('\n')
      .filter((l) => l.startsWith('::error '));
    expect(annotations).toHaveLength(expected.length);
    expect(annotations).toContain(
      `::error file=${PREFIX}articles/script-element.mdx,line=11,col=1,title=<script>::<script> is not allowed: scripts cannot run in articles%0Ause Markdown or an approved component: PullQuote, Callout, Figure, Video, MapEmbed`,
    );
  });

  it('passes the default content', () => {
    const result = run({ CONTENT_DIR: 'content' });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Content check passed');
  });
});

describe('the editor task', () => {
  // .vscode/tasks.json is JSON with comments: drop the comment lines before parsing.
  const tasks = JSON.parse(
    readFileSync(join(ROOT, '.vscode/tasks.json'), 'utf8')
      .split('\n')
      .filter((line) => !line.trim().startsWith('//'))
      .join('\n'),
  ) as {
    tasks: {
      label: string;
      args?: string[];
      problemMatcher: { pattern: { regexp: string }; background?: { beginsPattern: string; endsPattern: string } };
    }[];
  };

  it('turns every problem line into a file and line, and nothing else', () => {
    const output = spawnSync(process.execPath, ['scripts/check-content.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, CONTENT_DIR: DIR, GITHUB_ACTIONS: '' },
    }).stderr;
    expect(tasks.tasks.map((task) => task.label)).toEqual(['Check content (watch)', 'Check content']);
    for (const task of tasks.tasks) {
      const matcher = new RegExp(task.problemMatcher.pattern.regexp);
      const matches = output.split('\n').flatMap((line) => {
        const m = matcher.exec(line);
        return m ? [{ file: m[1], line: m[2] ? Number(m[2]) : undefined, column: m[3] ? Number(m[3]) : undefined, field: m[4] }] : [];
      });
      expect(matches).toHaveLength(expected.length);
      for (const [file, line, field] of expected) {
        expect(matches, `${task.label}: ${file}:${line} ${field}`).toContainEqual(
          expect.objectContaining({ file: PREFIX + file, line, field }),
        );
      }
      expect(matches).toContainEqual({ file: `${PREFIX}articles/unknown-author.mdx`, line: 7, column: undefined, field: 'authors[1]' });
      expect(matches).toContainEqual({
        file: `${PREFIX}articles/same-slug/index.mdx`,
        line: undefined,
        column: undefined,
        field: 'file name',
      });
      expect(matches).toContainEqual({ file: `${PREFIX}articles/js-expression.mdx`, line: 9, column: 13, field: 'expression' });
    }
  });

  it('watches with begin and end lines the background matcher knows', () => {
    const task = tasks.tasks.find((t) => t.args?.includes('--watch'))!;
    const result = spawnSync(process.execPath, ['scripts/check-content.ts', '--watch'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 3000,
      env: { ...process.env, CONTENT_DIR: 'content' },
    });
    const lines = result.stdout.split('\n');
    expect(lines.some((l) => new RegExp(task.problemMatcher.background!.beginsPattern).test(l))).toBe(true);
    expect(lines.some((l) => new RegExp(task.problemMatcher.background!.endsPattern).test(l))).toBe(true);
  });
});

describe('publication dates far ahead', () => {
  const content = join(ROOT, 'content');
  const check = (now: string) =>
    checkContent({ contentRoot: content, projectRoot: ROOT, timeZone: 'Europe/London', now: new Date(now) }).filter(
      (p) => p.field === 'published',
    );

  it('lets an article be scheduled up to a year ahead', () => {
    // The default content's articles are dated from 28 February to 11 March 2019.
    expect(check('2018-03-12T00:00:00Z')).toEqual([]);
  });

  it('refuses a date more than a year ahead, on its line', () => {
    const found = check('2018-02-01T00:00:00Z');
    expect(found.length).toBeGreaterThan(0);
    for (const problem of found) {
      expect(problem.line).toBeGreaterThan(1);
      expect(problem.message).toMatch(/^2019-\d\d-\d\d is more than a year ahead/);
    }
  });
});

describe('a content file past the size limit', () => {
  it('is refused with its size, and the other files are still checked', () => {
    const dir = makeContent(join(TMP, 'huge-content'));
    const front =
      '---\ntitle: A very long article\ndescription: Longer than any article.\npublished: 2019-03-01\nauthors: [wei-zhang]\ntopics: [china]\n---\n\n';
    writeFileSync(join(dir, 'articles/huge.mdx'), front + 'Words and more words.\n\n'.repeat(MAX_FILE_BYTES / 20));
    writeFileSync(join(dir, 'articles/small.mdx'), front.replace('authors: [wei-zhang]', 'authors: [nobody]') + 'Short.\n');
    const found = checkContent({ contentRoot: dir, projectRoot: ROOT, timeZone: 'Europe/London' });
    expect(found.map((p) => `${p.file.split('/').slice(-2).join('/')} ${p.field}`)).toEqual([
      'articles/huge.mdx file',
      'articles/small.mdx authors[0]',
    ]);
    expect(found[0]!.message).toMatch(/^the file is 1\.\d MiB; a content file may be at most 1 MiB$/);
  });
});
